/** Progress figures of a run, derived from the run state: counts, fraction done and time left. */

import type { RunState } from '../../state/run-state';
import type { EvaluatedCandidate } from '../../workers/coordinator';

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

/** A point of a run to measure its pace from: milliseconds since its start, and the fraction done then. */
export interface PaceOrigin {
  readonly ms: number;
  readonly fraction: number;
}

/**
 * Returns where a run's pace is measured from: when its first wave of results (one per worker) had
 * come in, and the fraction done then. Null until a result has come in after that wave.
 *
 * Measured from the start, the pace counted start-up as progress time: workers loading the
 * backend and the data, and compiling for the first candidates. The first estimates were
 * then several times too long (47 s left in a run that took 12 s). Measured from the first
 * result instead, they were too short with two workers, whose first two results arrive
 * together. Results restored from a saved run and reused ones cost no training time, so
 * they do not count as the wave.
 */
export function paceOrigin(run: RunState): PaceOrigin | null {
  const wave = Math.max(1, run.workers.length);
  const trained = run.evaluations.filter((result) => !result.restored && !result.reused);
  if (trained.length <= wave) return null;
  const origin = trained[wave - 1];
  const generation = origin.candidate.generation;
  const sameGeneration = (result: EvaluatedCandidate) => result.candidate.generation === generation;
  // A finished generation's batch has left the state, but all of it was evaluated.
  const batchSize = generation === run.generation ? run.currentBatch.length : run.evaluations.filter(sameGeneration).length;
  const doneThen = run.evaluations.filter((result) => sameGeneration(result) && result.evaluation <= origin.evaluation).length;
  const total = Math.max(run.totalGenerations, 1);
  return { ms: origin.finishedAt, fraction: Math.min(1, (generation + doneThen / Math.max(batchSize, 1)) / total) };
}

/**
 * Estimates the milliseconds left by assuming the rest of the run goes at the pace since
 * `origin` (by default its start). Returns null before any progress since the origin. A
 * time budget caps the estimate, because the run stops when the budget runs out.
 */
export function estimateTimeLeft(elapsedMs: number, fraction: number, budgetSeconds = 0, origin: PaceOrigin = { ms: 0, fraction: 0 }): number | null {
  if (fraction >= 1) return 0;
  const progress = fraction - origin.fraction;
  const spent = elapsedMs - origin.ms;
  if (progress <= 0 || spent <= 0) return null;
  const estimate = (spent * (1 - fraction)) / progress;
  if (budgetSeconds > 0) return Math.max(0, Math.min(estimate, budgetSeconds * 1000 - elapsedMs));
  return estimate;
}
