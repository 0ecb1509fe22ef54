/** The one-line status of a run, as the progress panel shows it. */

import type { TaskKind } from '../../data/types';
import type { RunState } from '../../state/run-state';
import { formatScore } from './score-text';

const OUTCOME_TEXT = {
  completed: 'Search finished: every generation was evaluated.',
  stopped: 'Search stopped; the best result so far is kept.',
  'time-budget': 'Search stopped at the end of its time budget.',
  failed: 'Search failed.',
} as const;

/** An exhaustive search proposes its chains in batches and has no generations. */
const EXHAUSTIVE_COMPLETED = 'Search finished: every batch of chains was evaluated.';

/**
 * Returns the status line of a run. `startBlocker` is why Start search is disabled, or null.
 * Before any run the line gives that reason, rather than inviting a press of a disabled button.
 * `exhaustive` is true for the exhaustive strategy, whose run ends with batches, not generations.
 */
export function phaseText(
  run: Pick<RunState, 'phase' | 'outcome'> & Partial<Pick<RunState, 'finalTraining' | 'evaluations' | 'inFlight'>>,
  startBlocker: string | null = null,
  exhaustive = false,
): string {
  switch (run.phase) {
    case 'idle':
      if (startBlocker !== null) return `Not ready to search: ${startBlocker}`;
      // Results without a run: a shared link's, shown without training.
      return run.evaluations?.length ? 'Showing results that were not trained here. Start search runs the search anew.' : 'Ready. Press Start search to begin.';
    case 'starting':
      return 'Starting: loading the data set and the workers…';
    case 'running':
      return run.finalTraining ? `Retraining the best candidates on all training rows${retrainingEpoch(run.inFlight)}…` : 'Searching…';
    case 'paused':
      // The run's clock and its time budget keep running while it is paused.
      return run.inFlight && Object.keys(run.inFlight).length > 0
        ? 'Paused. Candidates already training finish first; the clock keeps running.'
        : 'Paused. The clock and any time budget keep running.';
    case 'stopping':
      return 'Stopping…';
    case 'finished':
      if (exhaustive && run.outcome === 'completed') return EXHAUSTIVE_COMPLETED;
      return run.outcome ? OUTCOME_TEXT[run.outcome] : 'Search finished.';
  }
}

/**
 * Returns ": epoch 2 of 4" for the retraining furthest behind, which the run waits for, or
 * nothing before any has reported. On MNIST the retraining takes tens of seconds, and the
 * search's own progress reads 100% all that time.
 */
function retrainingEpoch(inFlight: RunState['inFlight'] = {}): string {
  const retraining = Object.values(inFlight);
  if (retraining.length === 0) return '';
  const behind = retraining.reduce((slowest, other) => (other.epoch / other.epochs < slowest.epoch / slowest.epochs ? other : slowest));
  return `: epoch ${behind.epoch} of ${behind.epochs}`;
}

/**
 * Returns the hidden status line that announces each finished generation of an active search,
 * with the best network fitness so far, or '' before the first one and outside a search. The
 * visible status reads "Searching…" all along, and the counts beside it are no live region.
 * ProgressView throttles it with `useThrottledAnnouncement`.
 */
export function generationAnnouncement(run: Pick<RunState, 'phase' | 'generations' | 'totalGenerations'>, kind: TaskKind, exhaustive: boolean): string {
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'stopping';
  const done = Math.min(run.generations.length, run.totalGenerations);
  if (!active || done === 0) return '';

  const unit = exhaustive ? 'Batch' : 'Generation';
  const bests = run.generations.flatMap((summary) => summary.populations.filter((population) => population.name === 'networks').map((population) => population.best));
  if (bests.length === 0) return `${unit} ${done} of ${run.totalGenerations} done.`;
  const best = Math.max(...bests);
  return `${unit} ${done} of ${run.totalGenerations} done. Best network so far: ${formatScore(kind, best, best)}.`;
}
