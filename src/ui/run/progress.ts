/** Progress figures of a run, derived from the run state: counts and fraction done. */

import type { RunState } from '../../state/run-state';

export interface RunProgress {
  /**
   * Generations finished. It is a count, not a generation number: while generation 2 (the
   * third, as charts and candidate ids count from 0) runs, 2 are done.
   */
  readonly generationsDone: number;
  readonly totalGenerations: number;
  /** Evaluations finished in this run, reused results included. */
  readonly evaluated: number;
  /** Evaluations that reused the result of an architecture trained before in this run, at no cost. */
  readonly reused: number;
  /** Candidates training on a worker right now. */
  readonly training: number;
  /** Candidates of the current generation not yet sent to a worker. */
  readonly queued: number;
  /** Fraction of the whole run done, from 0 to 1. */
  readonly fraction: number;
}

/** Derives the progress counts of a run from its state. */
export function runProgress(run: RunState): RunProgress {
  const batchIds = new Set(run.currentBatch.map((candidate) => candidate.id));
  const batchDone = run.evaluations.filter((result) => batchIds.has(result.candidate.id)).length;
  const training = Object.keys(run.inFlight).length;
  const completed = run.generations.length;
  const currentSummarized = run.generations.some((summary) => summary.generation === run.generation);
  const partial = !currentSummarized && run.currentBatch.length > 0 ? batchDone / run.currentBatch.length : 0;
  const total = Math.max(run.totalGenerations, 1);
  const running = run.phase !== 'finished' && run.phase !== 'idle';

  return {
    generationsDone: Math.min(completed, run.totalGenerations),
    totalGenerations: run.totalGenerations,
    evaluated: run.evaluations.length,
    reused: run.evaluations.filter((result) => result.reused).length,
    training,
    // A stopped run leaves the rest of its last batch untrained, so nothing is queued any more.
    queued: running ? Math.max(0, run.currentBatch.length - batchDone - training) : 0,
    fraction: Math.min(1, (completed + partial) / total),
  };
}
