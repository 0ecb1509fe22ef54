/** Text for the exhaustive strategy's cost before it starts, as the settings and the run controls show it. */

import type { ExhaustiveEstimate } from '../../state/exhaustive-estimate';
import { formatCount, formatEstimate } from '../format';

/**
 * Describes what an exhaustive search would train and about how long it takes, or returns
 * the rejection with its advice on shrinking the space.
 */
export function exhaustiveSummary(estimate: ExhaustiveEstimate): string {
  if (estimate.rejection !== null) return estimate.rejection;
  const { space } = estimate;
  const chains = `${formatCount(space.count)} ${space.count === 1 ? 'chain' : 'chains'}`;
  const depth = space.maxDepth === 1 ? '1 layer' : `1 to ${space.maxDepth} layers`;
  const time = estimate.estimatedMs === null ? '' : `: ${formatEstimate(estimate.estimatedMs)} on ${estimate.workers} ${estimate.workers === 1 ? 'worker' : 'workers'}`;
  return `Trains ${chains} of ${depth} from ${formatCount(space.primitives)} primitives${time} (a rough estimate from the layer sizes).`;
}

/** Returns the reason Start search is disabled for an exhaustive search, or null when it may start. */
export function exhaustiveBlocker(estimate: ExhaustiveEstimate | null): string | null {
  return estimate?.rejection ?? null;
}
