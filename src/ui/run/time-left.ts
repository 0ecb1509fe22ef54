/**
 * The time left of a running search: the modelled cost of the work still to do, at the pace
 * the run's finished candidates were trained at, smoothed so that the figure counts down
 * steadily instead of jumping with each result.
 */

import type { Candidate } from '../../core/strategy';
import { parallelSpeedup, type ExhaustiveEstimate } from '../../state/exhaustive-estimate';
import { MIN_MEASURED_CANDIDATES, epochsTrained, finalModelMs, measurePace, timedResults, withEpochs } from '../../state/run-pace';
import type { RunState } from '../../state/run-state';
import type { RunConfig } from '../../workers/run-config';

/** Returns the modelled milliseconds of `candidate` on one worker for the config's epochs. */
export type CostOf = (candidate: Candidate) => number;

/** Trained results a running search needs before it shows a time left: the first wave, and two more. */
export function resultsBeforeEstimate(workers: number): number {
  return Math.max(MIN_MEASURED_CANDIDATES, workers + 2);
}

/**
 * Modelled milliseconds of the work left in `run`: the current batch's candidates not yet
 * finished (those in training by the share of their epochs left), the generations still to
 * come, and the final retraining. Candidates that will reuse an earlier result cost nothing,
 * so the share of reused results so far is taken off. The generations to come cost what is
 * left of `plannedModelMs`, the whole search's modelled cost where it is known (the
 * exhaustive strategy's space), or else the current batch's mean cost each.
 */
export function remainingModelMs(run: RunState, config: RunConfig, trainRows: number, costOf: CostOf, plannedModelMs?: number): number {
  const done = new Set(run.evaluations.map((result) => result.candidate.id));
  let batchModelMs = 0;
  let pendingModelMs = 0;
  let pending = 0;
  for (const candidate of run.currentBatch) {
    const cost = costOf(candidate);
    batchModelMs += cost;
    if (done.has(candidate.id)) continue;
    pending++;
    const progress = run.inFlight[candidate.id];
    const share = progress ? Math.max(0, 1 - progress.epoch / Math.max(1, progress.epochs)) : 1;
    pendingModelMs += cost * share;
  }

  const batchSize = run.currentBatch.length;
  const meanModelMs = batchSize > 0 ? batchModelMs / batchSize : 0;
  let future = Math.max(0, run.totalGenerations - run.generation - 1) * batchSize;
  const maxEvaluations = config.search.maxEvaluations ?? 0;
  if (maxEvaluations > 0) future = Math.min(future, Math.max(0, maxEvaluations - run.evaluations.length - pending));

  let futureModelMs = future * meanModelMs;
  if (plannedModelMs !== undefined && future > 0) {
    const batch = new Set(run.currentBatch.map((candidate) => candidate.id));
    let spentModelMs = batchModelMs;
    for (const result of run.evaluations) if (!batch.has(result.candidate.id)) spentModelMs += costOf(result.candidate);
    futureModelMs = Math.max(0, plannedModelMs - spentModelMs);
  }

  const live = run.evaluations.filter((result) => !result.restored);
  const reusedShare = live.length > 0 ? live.filter((result) => result.reused).length / live.length : 0;
  const searchModelMs = (pendingModelMs + futureModelMs) * (1 - reusedShare);
  const workers = Math.max(1, run.workers.length);
  return searchModelMs + finalModelMs(config, meanModelMs, workers, run.evaluations.length + pending + future, trainRows);
}

/**
 * Returns the modelled milliseconds of the chains an exhaustive search trains, on one
 * worker: the whole space, or the evaluation budget when that is smaller. Undefined when the
 * space is rejected. `estimate` must cost chains on the rows the run's results are costed on.
 */
export function plannedExhaustiveModelMs(estimate: ExhaustiveEstimate, config: RunConfig): number | undefined {
  if (estimate.candidateModelMs === null) return undefined;
  const budget = config.search.maxEvaluations ?? 0;
  return estimate.candidateModelMs * (budget > 0 ? Math.min(budget, estimate.space.count) : estimate.space.count);
}

/**
 * Estimates the milliseconds left in a running search before smoothing, or null until
 * `resultsBeforeEstimate` candidates have trained in it. `plannedModelMs` is as for
 * `remainingModelMs`. The pace comes from the run's own
 * results, each weighted by its modelled cost, so later generations of larger networks do
 * not make the figure lag, and pauses do not slow it. A time budget caps it, because the run
 * stops there.
 */
export function rawTimeLeft(
  run: RunState,
  config: RunConfig,
  trainRows: number,
  costOf: CostOf,
  elapsedMs: number,
  plannedModelMs?: number,
): number | null {
  const workers = Math.max(1, run.workers.length);
  const timed = timedResults(run.evaluations, (result) => withEpochs(costOf(result.candidate), epochsTrained(result, config), config.training.epochs));
  if (timed.length < resultsBeforeEstimate(workers)) return null;
  const pace = measurePace(timed, workers, 0, run.pauses);
  if (!pace) return null;

  const left = (pace.wallPerModelMs * remainingModelMs(run, config, trainRows, costOf, plannedModelMs)) / parallelSpeedup(workers);
  if (config.timeBudgetSeconds > 0) return Math.max(0, Math.min(left, config.timeBudgetSeconds * 1000 - elapsedMs));
  return left;
}

/** A time left as shown, and the page's clock when it was. */
export interface ShownTimeLeft {
  readonly ms: number;
  readonly at: number;
}

/** Time constant of the smoothing: a lasting change in the raw figure is two-thirds shown after this long. */
export const SMOOTHING_MS = 8_000;
/** Largest factor by which the shown figure may grow or shrink in one second, beyond counting down. */
export const MAX_CHANGE_PER_SECOND = 1.1;

/**
 * Moves the displayed time left toward `rawMs` at `now`. Between updates the displayed figure
 * counts down with the clock. It then moves toward the raw figure by a share that grows with
 * the time passed. The change is at most `MAX_CHANGE_PER_SECOND` a second, or one second a
 * second for figures under ten seconds, so one slow or quick candidate cannot make it jump.
 */
export function smoothTimeLeft(previous: ShownTimeLeft | null, rawMs: number, now: number): ShownTimeLeft {
  if (previous === null || now < previous.at) return { ms: rawMs, at: now };
  const seconds = (now - previous.at) / 1000;
  const counted = Math.max(0, previous.ms - (now - previous.at));
  const blended = counted + (rawMs - counted) * (1 - Math.exp(-(now - previous.at) / SMOOTHING_MS));
  const factor = MAX_CHANGE_PER_SECOND ** seconds;
  const upper = Math.max(counted * factor, counted + 1_000 * seconds);
  const lower = Math.min(counted / factor, Math.max(0, counted - 1_000 * seconds));
  return { ms: Math.min(upper, Math.max(lower, blended)), at: now };
}
