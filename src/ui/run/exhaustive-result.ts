/** The line that states what a finished exhaustive search found: the optimum of its space, or the best of part of it. */

import type { EarlyStoppingRule } from '../../core/early-stopping';
import type { ExhaustiveCount } from '../../core/exhaustive';
import type { RunState } from '../../state/run-state';
import { formatCount } from '../format';

const chainsText = (count: number) => `${formatCount(count)} ${count === 1 ? 'chain' : 'chains'}`;

/**
 * Returns what a finished exhaustive run found, or '' while it runs or when it trained
 * nothing. Every chain trained means the best one is the optimum of the candidate set at
 * this depth, for the training that the search seed sets (initial weights and data order).
 * Early stopping or an early end weakens that claim, and the line names which.
 */
export function exhaustiveResultText(
  run: Pick<RunState, 'phase' | 'best' | 'evaluations'>,
  space: Pick<ExhaustiveCount, 'count' | 'maxDepth'>,
  search: { readonly seed: number; readonly earlyStopping?: EarlyStoppingRule },
): string {
  if (run.phase !== 'finished' || run.best === null) return '';
  const id = run.best.candidate.id;
  const depth = space.maxDepth === 1 ? '1 layer' : `1 to ${space.maxDepth} layers`;
  const trained = new Set(run.evaluations.map((result) => result.candidate.hash)).size;

  if (trained < space.count) {
    return `Exhaustive: ${id} is the best of the ${formatCount(trained)} of ${chainsText(space.count)} trained before the search ended, so it need not be the optimum of this candidate set.`;
  }
  const cut = search.earlyStopping !== undefined && search.earlyStopping !== 'off' ? ` Early stopping (${search.earlyStopping}) cut some chains' training short, and one of those might have done better.` : '';
  return `Exhaustive: ${id} is the best of all ${chainsText(space.count)} of ${depth} from this candidate set, as trained with search seed ${search.seed}.${cut}`;
}
