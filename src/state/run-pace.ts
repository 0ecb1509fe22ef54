/**
 * The pace at which this browser trains candidates, measured from finished results, and the
 * wall time of a search computed from it.
 *
 * The cost model of `candidateCostMs` ranks candidates by size, epochs and rows, but its
 * constants are fixed, so on another machine, backend or load its milliseconds can be off by
 * a factor of two or more. A search measures the factor: wall milliseconds per modelled
 * millisecond. Later estimates multiply the modelled cost by it, so a large network still
 * counts for more than a small one.
 */

import type { Candidate } from '../core/strategy';
import type { EvaluatedCandidate } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';
import { CANDIDATE_OVERHEAD_MS, candidateCostMs, parallelSpeedup, type ExhaustiveEstimate } from './exhaustive-estimate';
import { shapeContextOf } from './graph-context';
import { MARGIN as RETRAINING_MARGIN, MAX_RESERVE_SHARE } from '../workers/final-training';

/** Trained results a pace needs before it counts as measured: fewer let one slow candidate set it. */
export const MIN_MEASURED_CANDIDATES = 3;

/**
 * Milliseconds from Start to the first candidate's training when nothing is measured: loading
 * the data, starting the workers and their backends. A guess from WASM runs on two workers,
 * where a search of 20 small chains took 3 s and its candidates about 1 s of it.
 */
export const DEFAULT_STARTUP_MS = 2_000;

/** One trained result, reduced to what the pace needs. */
export interface TimedResult {
  /** Milliseconds since the coordinator started when the result came in. */
  readonly finishedAt: number;
  /** Milliseconds the worker spent building and training the model. */
  readonly trainMs: number;
  /** Milliseconds that `candidateCostMs` models for it on one worker, for the epochs it trained. */
  readonly modelMs: number;
}

/** A pause of a run, in milliseconds of the coordinator's clock; `to` is null while the run is still paused. */
export interface PausedSpan {
  readonly from: number;
  readonly to: number | null;
}

export interface PaceMeasurement {
  /** Wall milliseconds per modelled millisecond, scaled to one worker with `parallelSpeedup`. */
  readonly wallPerModelMs: number;
  /** Milliseconds from Start to the first candidate's training. */
  readonly startupMs: number;
  /** Trained results the pace was measured on. */
  readonly candidates: number;
}

/**
 * Measures the pace of `results`, trained on `workers` workers. The span runs from the
 * moment the first candidate began training to the last result, so it counts the waits at
 * the end of each generation too, but not the time `pauses` held every worker idle.
 * `preStartMs` is the time before the coordinator's clock started (loading the data and
 * starting the workers), which goes into the start-up. Returns null with fewer than
 * `MIN_MEASURED_CANDIDATES` results.
 */
export function measurePace(
  results: readonly TimedResult[],
  workers: number,
  preStartMs = 0,
  pauses: readonly PausedSpan[] = [],
): PaceMeasurement | null {
  if (results.length < MIN_MEASURED_CANDIDATES) return null;
  let trainingStart = Infinity;
  let end = 0;
  let modelMs = 0;
  for (const result of results) {
    trainingStart = Math.min(trainingStart, result.finishedAt - result.trainMs);
    end = Math.max(end, result.finishedAt);
    modelMs += result.modelMs;
  }
  trainingStart = Math.max(0, trainingStart);
  const trainingMs = end - trainingStart - idleMs(results, pauses, trainingStart, end);
  if (modelMs <= 0 || trainingMs <= 0) return null;

  return {
    wallPerModelMs: (trainingMs * parallelSpeedup(workers)) / modelMs,
    startupMs: Math.max(0, preStartMs) + trainingStart,
    candidates: results.length,
  };
}

/**
 * Returns the milliseconds between `start` and `end` during which `pauses` left every worker
 * idle. A pause lets the candidates in training finish, so each pause counts from its last
 * result, or from its start when none came in.
 */
function idleMs(results: readonly TimedResult[], pauses: readonly PausedSpan[], start: number, end: number): number {
  let idle = 0;
  for (const pause of pauses) {
    const from = Math.max(start, pause.from);
    const to = Math.min(end, pause.to ?? end);
    if (to <= from) continue;
    let halted = from;
    // NOTE: successive halving records a batch's results only after its last rung. A pause in
    // a halving batch therefore counts from its start, though the rung in training ran on.
    for (const result of results) if (result.finishedAt >= from && result.finishedAt <= to) halted = Math.max(halted, result.finishedAt);
    idle += to - halted;
  }
  return idle;
}

/** Returns the modelled cost of a candidate of `config` on one worker, in milliseconds, for the config's epochs. */
export function modelledCostMs(candidate: Candidate, config: RunConfig, trainRows: number): number {
  return candidateCostMs(candidate.genome, shapeContextOf(config), config.training, trainRows);
}

/**
 * Returns the results of a run that trained in it: not reused, not restored from an earlier
 * session, and not failed. Each gets its modelled cost from `costOf`, which the caller may cache.
 */
export function timedResults(
  evaluations: readonly EvaluatedCandidate[],
  costOf: (result: EvaluatedCandidate) => number,
): TimedResult[] {
  const timed: TimedResult[] = [];
  for (const result of evaluations) {
    if (result.reused || result.restored || result.metrics === null) continue;
    timed.push({ finishedAt: result.finishedAt, trainMs: result.metrics.trainMs, modelMs: costOf(result) });
  }
  return timed;
}

/**
 * Rescales a modelled cost for `configEpochs` epochs to `epochs` epochs: the training part
 * scales, building and scoring the model (`CANDIDATE_OVERHEAD_MS`) do not.
 */
export function withEpochs(modelMs: number, epochs: number, configEpochs: number): number {
  const training = Math.max(0, modelMs - CANDIDATE_OVERHEAD_MS);
  return CANDIDATE_OVERHEAD_MS + (training * epochs) / Math.max(1, configEpochs);
}

/** Epochs a result trained, for its modelled cost: early stopping and successive halving change them. */
export function epochsTrained(result: EvaluatedCandidate, config: RunConfig): number {
  return result.epochsTrained || result.metrics?.epochs || config.training.epochs;
}

/**
 * Modelled cost of the final retraining: one candidate of `candidateModelMs` per worker, side
 * by side, each trained `finalEpochs` epochs on all `trainRows` rows rather than the
 * search's `training.maxTrainRows`. Zero when the run has no final retraining.
 */
export function finalModelMs(config: RunConfig, candidateModelMs: number, workers: number, candidates: number, trainRows: number): number {
  if (config.finalEpochs <= 0 || candidates <= 0) return 0;
  const { epochs, maxTrainRows } = config.training;
  const searchRows = maxTrainRows > 0 ? Math.min(maxTrainRows, trainRows) : trainRows;
  const one = withEpochs(candidateModelMs, (config.finalEpochs * trainRows) / Math.max(1, searchRows), epochs);
  return one * Math.min(Math.max(1, workers), candidates);
}

/**
 * Estimates the wall time of an exhaustive search before it starts: its chains, up to the
 * evaluation budget, at the average cost of the sampled chains, and the final retraining.
 * Null when the space is rejected.
 */
export function exhaustiveWall(estimate: ExhaustiveEstimate, config: RunConfig, pace: PaceMeasurement | null, trainRows: number): WallEstimate | null {
  if (estimate.candidateModelMs === null) return null;
  const budget = config.search.maxEvaluations ?? 0;
  const chains = budget > 0 ? Math.min(budget, estimate.space.count) : estimate.space.count;
  const retraining = finalModelMs(config, estimate.candidateModelMs, estimate.workers, chains, trainRows);
  return { ...estimateWallMs(chains * estimate.candidateModelMs, retraining, estimate.workers, pace, config.timeBudgetSeconds), chains };
}

export interface WallEstimate {
  readonly ms: number;
  /** True when the figure rests on a pace measured in this browser, false for the static guess. */
  readonly measured: boolean;
  /** True when the time budget ends the search before its last chains; `ms` is the budget then. */
  readonly reachesTimeBudget?: boolean;
  /** True when every chain trains but the time budget cuts the final retraining short; `ms` is the budget then. */
  readonly shortensRetraining?: boolean;
  /** Chains an exhaustive search trains: the whole space, or the evaluation budget when that is smaller. */
  readonly chains?: number;
}

/**
 * Estimates the wall time of a search that trains `trainingModelMs` modelled milliseconds of
 * candidates and then `retrainingModelMs` of final retraining on `workers` workers: start-up
 * plus the modelled cost at the measured `pace`, or at the model's own figures without one.
 * A time budget caps it, since the run stops there.
 */
export function estimateWallMs(
  trainingModelMs: number,
  retrainingModelMs: number,
  workers: number,
  pace: PaceMeasurement | null,
  budgetSeconds = 0,
): WallEstimate {
  const wallPerModelMs = pace?.wallPerModelMs ?? 1;
  const startupMs = pace?.startupMs ?? DEFAULT_STARTUP_MS;
  const measured = pace !== null;
  const searchEndMs = startupMs + (wallPerModelMs * trainingModelMs) / parallelSpeedup(workers);
  const retrainingMs = (wallPerModelMs * retrainingModelMs) / parallelSpeedup(workers);
  const ms = searchEndMs + retrainingMs;
  if (budgetSeconds <= 0) return { ms, measured };

  // The coordinator ends the search once the budget left is what the final retraining needs
  // with its margin, or MAX_RESERVE_SHARE of the budget when that is less (see final-training.ts).
  const budgetMs = budgetSeconds * 1000;
  const reserveMs = retrainingMs > 0 ? Math.min(RETRAINING_MARGIN * retrainingMs, MAX_RESERVE_SHARE * budgetMs) : 0;
  if (searchEndMs + reserveMs >= budgetMs) return { ms: budgetMs, measured, reachesTimeBudget: true };
  if (ms >= budgetMs) return { ms: budgetMs, measured, shortensRetraining: true };
  return { ms, measured };
}
