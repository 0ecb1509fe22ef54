/** The line that states what a finished exhaustive search found: the optimum of its space, or the best of part of it. */

import type { RunSettings, RunState } from '../../state/run-state';
import { formatCount } from '../format';
import { EARLY_STOPPING_LABELS } from '../inspector/early-stopping-labels';

const chainsText = (count: number) => `${formatCount(count)} ${count === 1 ? 'chain' : 'chains'}`;

/** Returns "both chains" or "all 6 chains" for a whole space of two chains or more. */
function allChainsText(count: number): string {
  return count === 2 ? 'both chains' : `all ${chainsText(count)}`;
}

/** Returns why a run trained only part of its space, from how it ended and its evaluation budget. */
function endText(outcome: RunState['outcome'], maxEvaluations: number): string {
  // An evaluation budget ends the run as completed, with the budget's message.
  if (outcome === 'completed' && maxEvaluations > 0) return `the evaluation budget of ${formatCount(maxEvaluations)} stopped the search`;
  if (outcome === 'time-budget') return 'the time budget ran out';
  if (outcome === 'stopped') return 'the search was stopped';
  return 'the search ended';
}

/**
 * Returns what a finished exhaustive run found, or '' while it runs, when it trained
 * nothing, or for another strategy. `settings` are the run's own. Every chain trained means
 * the best one is the optimum of the candidate set at this depth, for the training that the
 * search seed sets (initial weights and data order). Early stopping or an early end weakens
 * that claim, and the line names which.
 */
export function exhaustiveResultText(
  run: Pick<RunState, 'phase' | 'outcome' | 'best' | 'evaluations'>,
  settings: Pick<RunSettings, 'space' | 'seed' | 'earlyStopping' | 'maxEvaluations'>,
): string {
  const { space } = settings;
  if (run.phase !== 'finished' || run.best === null || space === null) return '';
  const id = run.best.candidate.id;
  const depth = space.maxDepth === 1 ? '1 layer' : `1 to ${space.maxDepth} layers`;
  const trained = new Set(run.evaluations.map((result) => result.candidate.hash)).size;

  if (trained < space.count) {
    const best = trained === 1 ? 'the only one' : `the best of the ${formatCount(trained)}`;
    const end = endText(run.outcome, settings.maxEvaluations);
    return `Exhaustive: ${id} is ${best} of ${chainsText(space.count)} trained before ${end}, so it need not be the optimum of this candidate set.`;
  }

  const cut =
    settings.earlyStopping !== 'off'
      ? ` Early stopping (${EARLY_STOPPING_LABELS[settings.earlyStopping].label}) cut some chains' training short, and one of those might have done better.`
      : '';
  const found = space.count === 1 ? `the only chain of ${depth}` : `the best of ${allChainsText(space.count)} of ${depth}`;
  return `Exhaustive: ${id} is ${found} from this candidate set, as trained with search seed ${settings.seed}.${cut}`;
}
