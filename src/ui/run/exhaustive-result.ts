/** The line that states what a finished exhaustive search found: the optimum of its space, or the best of part of it. */

import type { RunSettings, RunState } from '../../state/run-state';
import { formatCount } from '../format';

const chainsText = (count: number) => `${formatCount(count)} ${count === 1 ? 'chain' : 'chains'}`;

/**
 * Returns what a finished exhaustive run found, or '' while it runs, when it trained
 * nothing, or for another strategy. `settings` are the run's own. Every chain trained means
 * the best one is the optimum of the candidate set at this depth, for the training that the
 * search seed sets (initial weights and data order). Early stopping or an early end weakens
 * that claim, and the line names which.
 */
export function exhaustiveResultText(run: Pick<RunState, 'phase' | 'best' | 'evaluations'>, settings: Pick<RunSettings, 'space' | 'seed' | 'earlyStopping'>): string {
  const { space } = settings;
  if (run.phase !== 'finished' || run.best === null || space === null) return '';
  const id = run.best.candidate.id;
  const depth = space.maxDepth === 1 ? '1 layer' : `1 to ${space.maxDepth} layers`;
  const trained = new Set(run.evaluations.map((result) => result.candidate.hash)).size;

  if (trained < space.count) {
    return `Exhaustive: ${id} is the best of the ${formatCount(trained)} of ${chainsText(space.count)} trained before the search ended, so it need not be the optimum of this candidate set.`;
  }
  const cut = settings.earlyStopping !== 'off' ? ` Early stopping (${settings.earlyStopping}) cut some chains' training short, and one of those might have done better.` : '';
  return `Exhaustive: ${id} is the best of all ${chainsText(space.count)} of ${depth} from this candidate set, as trained with search seed ${settings.seed}.${cut}`;
}
