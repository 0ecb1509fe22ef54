/** Text for the exhaustive strategy's cost before it starts, as the settings and the run controls show it. */

import type { ExhaustiveEstimate } from '../../state/exhaustive-estimate';
import type { WallEstimate } from '../../state/run-pace';
import { formatCount, formatDuration, formatEstimate, formatRoughEstimate } from '../format';

/**
 * Describes what an exhaustive search would train and about how long it takes (`wall`, with
 * start-up and final retraining), or returns the rejection with its advice on shrinking the
 * space. A time measured in this browser reads "about"; the cost model's guess reads
 * "roughly", without seconds. A time budget that cuts the chains or the final retraining
 * short is named, with "may" when the figure is the guess.
 */
export function exhaustiveSummary(estimate: ExhaustiveEstimate, wall: WallEstimate | null): string {
  if (estimate.rejection !== null) return estimate.rejection;
  const { space } = estimate;
  const chainCount = (count: number) => `${formatCount(count)} ${count === 1 ? 'chain' : 'chains'}`;
  // An evaluation budget below the space's size trains the first chains of the enumeration only.
  const budgeted = wall?.chains !== undefined && wall.chains < space.count;
  const chains = budgeted ? `the first ${formatCount(wall.chains!)} of ${chainCount(space.count)}` : chainCount(space.count);
  const depth = space.maxDepth === 1 ? '1 layer' : `1 to ${space.maxDepth} layers`;
  const trains = `Trains ${chains} of ${depth} from ${formatCount(space.primitives)} primitives${budgeted ? ' (the evaluation budget)' : ''}`;
  if (wall === null) return `${trains}.`;
  const workers = `${estimate.workers} ${estimate.workers === 1 ? 'worker' : 'workers'}`;
  const budget = formatDuration(wall.ms);
  if (wall.reachesTimeBudget && wall.measured) {
    return `${trains}, but needs more than its time budget of ${budget} on ${workers}: the search stops there, before the last chains.`;
  }
  if (wall.reachesTimeBudget) {
    return `${trains}, but may need more than its time budget of ${budget} on ${workers} (a rough guess from the layer sizes): the search would stop there, before the last chains.`;
  }
  if (wall.shortensRetraining && wall.measured) {
    return `${trains} within its time budget of ${budget} on ${workers}, at the pace of the last search of this task in this browser, but the budget cuts the final retraining short.`;
  }
  if (wall.shortensRetraining) {
    return `${trains} within its time budget of ${budget} on ${workers} (a rough guess from the layer sizes), but the budget may cut the final retraining short.`;
  }
  if (wall.measured) return `${trains}: ${formatEstimate(wall.ms)} on ${workers}, at the pace of the last search of this task in this browser.`;
  return `${trains}: ${formatRoughEstimate(wall.ms)} on ${workers} (a rough guess from the layer sizes; after a first search here, the estimate uses this machine's measured pace).`;
}

/** Returns the reason Start search is disabled for an exhaustive search, or null when it may start. */
export function exhaustiveBlocker(estimate: ExhaustiveEstimate | null): string | null {
  return estimate?.rejection ?? null;
}
