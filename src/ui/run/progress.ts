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
 * Returns where a run's pace is measured from, and the fraction done then. That is the
 * result that came in one generation's worth of progress ago. Until a generation's worth has
 * come in since the run's first wave of results (one per worker), it is that wave's last
 * result. Null until two results, and one per worker, have come in after the wave.
 *
 * Measured from the start, the pace counted start-up as progress time: workers loading the
 * backend and the data, and compiling for the first candidates. The first estimates were
 * then several times too long (47 s left in a run that took 12 s). Measured from the first
 * result instead, they were too short with two workers, whose first two results arrive
 * together. Measured from the wave to the end, they lagged behind searches whose later
 * generations train larger networks, so only the last generation's worth counts. Results
 * restored from a saved run and reused ones cost no training time, so they do not count as
 * the wave.
 */
export function paceOrigin(run: RunState): PaceOrigin | null {
  const wave = Math.max(1, run.workers.length);
  const trained = run.evaluations.filter((result) => !result.restored && !result.reused);
  // One result past the wave gave a pace from a single gap between results, and with two
  // workers the next result could halve or double it: MNIST's first estimate fell from about
  // 4 min to 38 s within a second. Two results past the wave, and one per worker, steady it.
  if (trained.length < wave + Math.max(2, wave)) return null;

  // The fraction done when each result came in: its generation, plus the share of that
  // generation's batch in by then. A finished generation's batch has left the state, but all
  // of it was evaluated.
  const batchSizes = new Map<number, number>();
  for (const result of run.evaluations) batchSizes.set(result.candidate.generation, (batchSizes.get(result.candidate.generation) ?? 0) + 1);
  if (run.currentBatch.length > 0) batchSizes.set(run.generation, run.currentBatch.length);
  const doneByThen = new Map<EvaluatedCandidate, number>();
  const doneInGeneration = new Map<number, number>();
  for (const result of [...run.evaluations].sort((a, b) => a.evaluation - b.evaluation)) {
    const done = (doneInGeneration.get(result.candidate.generation) ?? 0) + 1;
    doneInGeneration.set(result.candidate.generation, done);
    doneByThen.set(result, done);
  }
  const total = Math.max(run.totalGenerations, 1);
  const pointOf = (result: EvaluatedCandidate): PaceOrigin => {
    const generation = result.candidate.generation;
    const share = doneByThen.get(result)! / Math.max(batchSizes.get(generation) ?? 1, 1);
    return { ms: result.finishedAt, fraction: Math.min(1, (generation + share) / total) };
  };

  const latest = pointOf(trained[trained.length - 1]).fraction;
  for (let i = trained.length - 2; i >= wave; i--) {
    const point = pointOf(trained[i]);
    // The tolerance keeps a point exactly one generation back despite rounding.
    if (point.fraction <= latest - 1 / total + 1e-9) return point;
  }
  return pointOf(trained[wave - 1]);
}

/** The run's last progress: when its latest result came in, and the fraction one more result adds. */
export interface LatestResult {
  readonly ms: number;
  readonly step: number;
}

/**
 * Estimates the milliseconds left by assuming the rest of the run goes at the pace since
 * `origin` (by default its start). Returns null before any progress since the origin. A
 * time budget caps the estimate, because the run stops when the budget runs out.
 *
 * Measured to the present moment, the pace would slow while no result comes in, and the
 * estimate would grow each second between results. Given the `latest` result, the pace is
 * measured up to it and the estimate counts down from there, for as long as the next result
 * takes at that pace. Past that, it stays where it is until the next result comes in.
 */
export function estimateTimeLeft(
  elapsedMs: number,
  fraction: number,
  budgetSeconds = 0,
  origin: PaceOrigin = { ms: 0, fraction: 0 },
  latest?: LatestResult,
): number | null {
  if (fraction >= 1) return 0;
  const progress = fraction - origin.fraction;
  const spent = elapsedMs - origin.ms;
  if (progress <= 0 || spent <= 0) return null;
  let estimate = (spent * (1 - fraction)) / progress;
  if (latest && latest.ms > origin.ms && latest.ms <= elapsedMs) {
    const msPerFraction = (latest.ms - origin.ms) / progress;
    const atLatest = msPerFraction * (1 - fraction);
    const nextResultMs = msPerFraction * latest.step;
    estimate = atLatest - Math.min(elapsedMs - latest.ms, nextResultMs);
  }
  if (budgetSeconds > 0) return Math.max(0, Math.min(estimate, budgetSeconds * 1000 - elapsedMs));
  return estimate;
}

/**
 * Returns the run's latest trained result for `estimateTimeLeft`, or null before any. The step is
 * one candidate's share of the run: of the current generation's batch, over all generations.
 */
export function latestResult(run: RunState): LatestResult | null {
  const trained = run.evaluations.filter((result) => !result.restored && !result.reused);
  if (trained.length === 0) return null;
  const ms = trained.reduce((latest, result) => Math.max(latest, result.finishedAt), 0);
  return { ms, step: 1 / (Math.max(run.currentBatch.length, 1) * Math.max(run.totalGenerations, 1)) };
}
