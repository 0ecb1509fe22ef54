/**
 * The search coordinator: runs a strategy against an evaluation pool and streams typed
 * events. It is the same in the browser (Web Workers) and on the command line (Node
 * worker threads).
 *
 * Each generation is proposed by the strategy, its candidates are trained on the pool (at
 * most one job per worker in flight, so a pause takes effect within one candidate), and the
 * results go back to the strategy in batch order. A candidate whose architecture was already
 * trained in this run reuses that result instead of training again.
 */

import { medianThresholds } from '../core/early-stopping';
import { deriveSeed } from '../core/rng';
import type { Candidate, CandidateResult, GenerationSummary } from '../core/strategy';
import type { Dataset } from '../data/types';
import type { EvaluationMetrics } from '../train/types';
import type { Job, JobOutcome } from './pool';
import type { RunConfig } from './run-config';
import { MAX_RESERVE_SHARE, SCORING_SHARE, finalCandidates, retrainingEstimateMs } from './final-training';
import { successiveHalving } from './halving';
import { scheduleBatch } from './schedule';
import { localStrategyHost, type StrategyHost, type StrategyHostFactory } from './strategy-host';

/** The part of a worker pool the coordinator uses. */
export interface EvaluationPool {
  readonly size: number;
  run(job: Job): Promise<JobOutcome>;
  cancelRun(runId: string): void;
}

export interface EvaluatedCandidate {
  readonly candidate: Candidate;
  /** Null when the evaluation failed (see `failure`). */
  readonly metrics: EvaluationMetrics | null;
  readonly fitness: number;
  readonly failure?: string;
  /** True when the result was reused from an identical architecture trained earlier. */
  readonly reused: boolean;
  /** True when early stopping ended its training before the last epoch; fitness is the last validation figure then. */
  readonly stoppedEarly?: boolean;
  /**
   * Epochs its training took, with the prefixes that successive halving trained again; 0
   * when the result was reused or restored.
   */
  readonly epochsTrained?: number;
  /** True when the result was saved by an earlier session of this run and passed in as `previousResults`. */
  readonly restored?: boolean;
  /** Index of the worker that trained it; -1 when reused or never run. */
  readonly worker: number;
  /** Evaluations finished in this run when this one finished, counting reused ones. */
  readonly evaluation: number;
  /** Milliseconds since the run started. */
  readonly finishedAt: number;
}

export type RunStatus = 'completed' | 'stopped' | 'time-budget' | 'failed';

export type RunEvent =
  | { readonly type: 'run-started'; readonly runId: string; readonly config: RunConfig }
  | { readonly type: 'generation-started'; readonly runId: string; readonly generation: number; readonly candidates: readonly Candidate[] }
  | {
      readonly type: 'candidate-progress';
      readonly runId: string;
      readonly candidateId: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly loss: number;
    }
  | { readonly type: 'candidate-evaluated'; readonly runId: string; readonly result: EvaluatedCandidate }
  | {
      readonly type: 'generation-finished';
      readonly runId: string;
      readonly summary: GenerationSummary;
      readonly best: EvaluatedCandidate | null;
      readonly elapsedMs: number;
    }
  | { readonly type: 'final-training-started'; readonly runId: string; readonly candidateId: string; readonly epochs: number }
  | { readonly type: 'final-evaluated'; readonly runId: string; readonly result: EvaluatedCandidate }
  /** `elapsedMs` is the run's clock at the pause or resume, on the same scale as `finishedAt`. */
  | { readonly type: 'run-paused'; readonly runId: string; readonly elapsedMs: number }
  | { readonly type: 'run-resumed'; readonly runId: string; readonly elapsedMs: number }
  | {
      readonly type: 'run-finished';
      readonly runId: string;
      readonly status: RunStatus;
      readonly best: EvaluatedCandidate | null;
      /** The final network, when the run asked for one: the best of the top candidates retrained on all training rows. */
      readonly final: EvaluatedCandidate | null;
      readonly evaluations: number;
      readonly trained: number;
      readonly elapsedMs: number;
      readonly message?: string;
    };

export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  readonly best: EvaluatedCandidate | null;
  /** The final network, when the run asked for one: the best of the top candidates retrained on all training rows. */
  readonly final: EvaluatedCandidate | null;
  readonly candidates: readonly EvaluatedCandidate[];
  readonly generations: readonly GenerationSummary[];
  readonly elapsedMs: number;
  readonly message?: string;
  /** Epochs trained by all search jobs together (the final retraining excluded), the cost early stopping saves. */
  readonly epochsTrained?: number;
}

export interface CoordinatorOptions {
  readonly runId: string;
  readonly config: RunConfig;
  readonly dataset: Dataset;
  readonly pool: EvaluationPool;
  readonly onEvent?: (event: RunEvent) => void;
  /** Clock in milliseconds; replaceable in tests. */
  readonly now?: () => number;
  /**
   * Results saved by an earlier session of the same run, keyed by canonical hash. A candidate
   * listed here counts as evaluated with its saved result and is not trained again. Because
   * the search is deterministic per seed, restarting a run with its config and these results
   * continues from the first candidate that was not saved.
   */
  readonly previousResults?: ReadonlyMap<string, PreviousResult>;
  /** Milliseconds the earlier sessions of the run took; elapsed times and the time budget continue from there. */
  readonly previousElapsedMs?: number;
  /** Where the strategy runs; by default in this thread. The page passes a Web Worker host. */
  readonly strategyHost?: StrategyHostFactory;
}

/** A saved evaluation that a resumed run takes instead of training the architecture again. */
export type PreviousResult = Pick<EvaluatedCandidate, 'metrics' | 'fitness' | 'failure' | 'worker'>;

/**
 * Orders candidates best first: failed last, then higher fitness, then higher R² (fitness
 * clips every negative R² to 0, and the leaderboard shows the R² itself), then fewer
 * parameters.
 */
export function compareCandidates(a: EvaluatedCandidate, b: EvaluatedCandidate): number {
  const failedA = a.metrics === null || a.metrics.diverged !== undefined;
  const failedB = b.metrics === null || b.metrics.diverged !== undefined;
  if (failedA !== failedB) return failedA ? 1 : -1;
  if (a.fitness !== b.fitness) return b.fitness - a.fitness;
  // A missing or NaN R² ranks as the lowest, so the order stays total.
  const r2Of = (result: EvaluatedCandidate) => {
    const value = result.metrics?.validationR2;
    return typeof value === 'number' && !Number.isNaN(value) ? value : -Infinity;
  };
  const r2A = r2Of(a);
  const r2B = r2Of(b);
  if (r2A !== r2B) return r2B > r2A ? 1 : -1;
  const params = (a.metrics?.params ?? Infinity) - (b.metrics?.params ?? Infinity);
  if (params !== 0 && !Number.isNaN(params)) return params;
  // Earlier candidates win remaining ties, so the best does not depend on finishing order.
  return candidateOrder(a.candidate) - candidateOrder(b.candidate);
}

function candidateOrder(candidate: Candidate): number {
  const index = Number(candidate.id.split('-').pop());
  return candidate.generation * 1e6 + (Number.isFinite(index) ? index : 0);
}

export class SearchCoordinator {
  private readonly strategy: StrategyHost;
  private readonly now: () => number;
  private readonly emit: (event: RunEvent) => void;
  /** Training of each architecture trained in this run, keyed by canonical hash. */
  private readonly cache = new Map<string, Promise<Omit<EvaluatedCandidate, 'evaluation' | 'finishedAt'> | null>>();
  private readonly results: EvaluatedCandidate[] = [];
  private readonly summaries: GenerationSummary[] = [];
  private best: EvaluatedCandidate | null = null;
  private startedAt = 0;
  private paused = false;
  private stopped = false;
  private resumeWaiters: (() => void)[] = [];
  private budgetTimer: ReturnType<typeof setTimeout> | null = null;
  private outOfTime = false;
  /** Set when the time budget leaves only the time the final retraining needs. */
  private searchEnded = false;
  private trained = 0;
  /** Distinct architectures trained or restored, which `search.maxEvaluations` limits. */
  private budgetUsed = 0;
  private budgetReached = false;
  /** Per-epoch validation fitness of each candidate that trained all its epochs, for the median rule. */
  private readonly completedCurves: number[][] = [];
  /** The median rule's thresholds for the batch in progress, fixed when it starts. */
  private batchThresholds: (number | null)[] | null = null;
  private epochsTrained = 0;

  constructor(private readonly options: CoordinatorOptions) {
    const { config, dataset } = options;
    this.strategy = (options.strategyHost ?? localStrategyHost)(
      config.search,
      { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits },
      { seedGenome: config.seedGenome },
    );
    this.now = options.now ?? (() => Date.now());
    this.emit = options.onEvent ?? (() => {});
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused || this.stopped) return;
    this.paused = true;
    this.emit({ type: 'run-paused', runId: this.options.runId, elapsedMs: this.elapsed() });
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.emit({ type: 'run-resumed', runId: this.options.runId, elapsedMs: this.elapsed() });
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  /** Stops the run: running jobs are cancelled and the best result so far is kept. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.options.pool.cancelRun(this.options.runId);
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  async run(): Promise<RunResult> {
    const { runId, config } = this.options;
    this.startedAt = this.now();
    this.emit({ type: 'run-started', runId, config });
    if (config.timeBudgetSeconds > 0) {
      this.budgetTimer = setTimeout(() => {
        // The final retraining stops by its own time limit; it ends just after the budget at worst.
        if (this.searchEnded) return;
        this.outOfTime = true;
        this.stop();
      }, Math.max(0, config.timeBudgetSeconds * 1000 - (this.options.previousElapsedMs ?? 0)));
    }

    let status: RunStatus = 'completed';
    let message: string | undefined;
    let final: EvaluatedCandidate | null = null;
    try {
      while (!this.stopped && !this.searchEnded && !this.budgetSpent()) {
        const batch = await this.strategy.propose();
        if (batch === null) break;
        const generation = batch[0]?.generation ?? this.summaries.length;
        this.emit({ type: 'generation-started', runId, generation, candidates: batch });
        const evaluated = await this.evaluateBatch(batch);
        if (this.stopped || this.searchEnded) break;
        // A batch cut short by the evaluation budget is not observed: the strategy needs all of its results.
        const complete = evaluated.filter((entry) => entry !== undefined);
        if (complete.length < batch.length) {
          this.budgetReached = true;
          break;
        }
        const summary = await this.strategy.observe(complete.map(toResult));
        this.summaries.push(summary);
        this.emit({ type: 'generation-finished', runId, summary, best: this.best, elapsedMs: this.elapsed() });
      }
      if (!this.stopped) final = await this.retrainFinal();
      if (this.stopped) status = this.outOfTime ? 'time-budget' : 'stopped';
      else if (this.searchEnded) status = 'time-budget';
      else if (this.budgetReached || this.budgetSpent()) message = `Reached the evaluation budget of ${this.maxEvaluations} architectures.`;
    } catch (error) {
      status = 'failed';
      message = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.budgetTimer) clearTimeout(this.budgetTimer);
      this.strategy.dispose();
    }

    const elapsedMs = this.elapsed();
    this.emit({
      type: 'run-finished',
      runId,
      status,
      best: this.best,
      final,
      evaluations: this.results.length,
      trained: this.trained,
      elapsedMs,
      message,
    });
    return {
      runId,
      status,
      best: this.best,
      final,
      candidates: this.results,
      generations: this.summaries,
      elapsedMs,
      message,
      epochsTrained: this.epochsTrained,
    };
  }

  private elapsed(): number {
    return this.now() - this.startedAt + (this.options.previousElapsedMs ?? 0);
  }

  /**
   * Retrains the best candidates on every training row for `finalEpochs` epochs, one per
   * worker side by side, and returns the one with the best validation fitness afterwards
   * (see final-training.ts). Its metrics are reported apart from the search's, which may come
   * from shorter or subsampled training.
   */
  private async retrainFinal(): Promise<EvaluatedCandidate | null> {
    const { runId, config } = this.options;
    const chosen = finalCandidates(this.results, this.options.pool.size, compareCandidates);
    if (config.finalEpochs <= 0 || chosen.length === 0) return null;

    // Under a time budget, retraining stops in time to score the networks before it ends.
    const timeLimitMs =
      config.timeBudgetSeconds > 0 ? Math.max(0, (config.timeBudgetSeconds * 1000 - this.elapsed()) * (1 - SCORING_SHARE)) : undefined;
    const retrained = await Promise.all(chosen.map((evaluated) => this.retrain(evaluated, timeLimitMs)));
    if (this.stopped) return null;
    const final = [...retrained].sort(compareCandidates)[0];
    this.emit({ type: 'final-evaluated', runId, result: final });
    return final;
  }

  /** Retrains one candidate at full fidelity; its id gets the suffix "-final". */
  private async retrain(evaluated: EvaluatedCandidate, timeLimitMs: number | undefined): Promise<EvaluatedCandidate> {
    const { runId, config } = this.options;
    const candidateId = `${evaluated.candidate.id}-final`;
    this.emit({ type: 'final-training-started', runId, candidateId, epochs: config.finalEpochs });
    const outcome = await this.options.pool.run({
      runId,
      candidateId,
      genome: evaluated.candidate.genome,
      settings: { ...config.training, epochs: config.finalEpochs, maxTrainRows: 0 },
      timeLimitMs,
      // Many epochs on all rows can pass the point where validation fitness stops rising.
      keepBestEpoch: true,
      seed: deriveSeed(config.search.seed, 'final', evaluated.candidate.hash),
      onProgress: (progress) => this.emit({ type: 'candidate-progress', runId, candidateId, ...progress }),
    });
    return {
      candidate: { ...evaluated.candidate, id: candidateId },
      metrics: outcome.ok ? outcome.metrics : null,
      fitness: outcome.ok ? outcome.metrics.fitness : 0,
      failure: outcome.ok ? undefined : outcome.message,
      reused: false,
      worker: outcome.worker,
      evaluation: this.results.length,
      finishedAt: this.elapsed(),
    };
  }

  /**
   * Ends the search phase when a time budget leaves just enough time to retrain the best
   * candidate at full fidelity, or MAX_RESERVE_SHARE of the budget when that is less (it then
   * retrains for fewer epochs). Running search jobs are cancelled, and the run goes on to the
   * final retraining. Without a final retraining the budget simply stops the run.
   */
  private checkSearchDeadline(): void {
    const { config, dataset, pool, runId } = this.options;
    if (this.searchEnded || this.stopped || config.timeBudgetSeconds <= 0 || config.finalEpochs <= 0) return;
    // The final network needs its retraining; the other workers retrain what fits beside it.
    const [best] = finalCandidates(this.results, 1, compareCandidates);
    if (!best) return;
    const budgetMs = config.timeBudgetSeconds * 1000;
    const reserveMs = Math.min(retrainingEstimateMs(best, config.training, config.finalEpochs, dataset), MAX_RESERVE_SHARE * budgetMs);
    if (this.elapsed() + reserveMs < budgetMs) return;
    this.searchEnded = true;
    pool.cancelRun(runId);
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  /**
   * Evaluates a batch with at most one job per worker in flight, costliest architectures
   * first; repeats of known architectures take their result afterwards without holding a
   * worker (see schedule.ts). New architectures beyond the evaluation budget are left out.
   * The first ones in batch order go in, so the cut does not depend on the worker count.
   * Returns results in batch order, with a gap for each candidate left out.
   */
  private async evaluateBatch(batch: readonly Candidate[]): Promise<(EvaluatedCandidate | undefined)[]> {
    const evaluated: (EvaluatedCandidate | undefined)[] = new Array(batch.length);
    const { dataset, config } = this.options;
    const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
    // Saved results of a resumed run stay in the training order, so the run records them where it first did.
    const schedule = scheduleBatch(batch, context, (hash) => this.cache.has(hash));
    const admitted = this.admit(schedule.train);
    const toTrain = schedule.train.filter((index) => admitted.has(index));
    this.batchThresholds = config.search.earlyStopping === 'median' ? medianThresholds(this.completedCurves, config.training.epochs) : null;

    if (config.search.earlyStopping === 'halving') {
      await this.evaluateByHalving(batch, toTrain, evaluated);
    } else {
      await this.inLanes(toTrain, async (index) => {
        evaluated[index] = await this.evaluate(batch[index]);
      });
    }
    for (const index of schedule.repeat) {
      if (this.stopped || this.searchEnded) break;
      if (this.cache.has(batch[index].hash)) evaluated[index] = await this.evaluate(batch[index]);
    }
    this.collectCompletedCurves(toTrain.map((index) => evaluated[index]));
    return evaluated;
  }

  private get maxEvaluations(): number {
    return this.options.config.search.maxEvaluations ?? 0;
  }

  private budgetSpent(): boolean {
    return this.maxEvaluations > 0 && this.budgetUsed >= this.maxEvaluations;
  }

  /** Takes budget for the new architectures of `indices` in batch order; returns the positions that got it. */
  private admit(indices: readonly number[]): Set<number> {
    const admitted = new Set<number>();
    for (const index of [...indices].sort((a, b) => a - b)) {
      if (this.budgetSpent()) break;
      this.budgetUsed++;
      admitted.add(index);
    }
    return admitted;
  }

  /** Runs `work` for each index with at most one job per worker in flight, pausing when the run pauses. */
  private async inLanes(indices: readonly number[], work: (index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!this.stopped && !this.searchEnded) {
        await this.waitWhilePaused();
        if (this.stopped || this.searchEnded || next >= indices.length) return;
        await work(indices[next++]);
      }
    };
    const lanes = Math.max(1, Math.min(this.options.pool.size, indices.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  /**
   * Trains the new architectures of a batch by successive halving (see halving.ts) and
   * records each with its last rung's result, marking those that did not reach the full budget.
   */
  private async evaluateByHalving(batch: readonly Candidate[], indices: readonly number[], evaluated: (EvaluatedCandidate | undefined)[]): Promise<void> {
    const restored = indices.filter((index) => this.options.previousResults?.has(batch[index].hash));
    for (const index of restored) evaluated[index] = await this.evaluate(batch[index]);
    const fresh = indices.filter((index) => !restored.includes(index));
    const firstRung = new Set<number>();
    const halving = await successiveHalving(fresh, this.options.config.training.epochs, {
      train: async (index, epochs) => {
        const outcome = await this.train(batch[index], epochs, !firstRung.has(index));
        firstRung.add(index);
        return outcome && { ...outcome, failed: outcome.metrics === null || outcome.metrics.diverged !== undefined };
      },
      inLanes: (ids, work) => this.inLanes(ids, work),
    });
    if (halving === null) return;
    for (const index of [...fresh].sort((a, b) => a - b)) {
      const { failed: _failed, ...outcome } = halving.outcomes.get(index)!;
      const settled = { ...outcome, stoppedEarly: halving.stoppedEarly.has(index), epochsTrained: halving.epochs.get(index) ?? 0 };
      this.cache.set(batch[index].hash, Promise.resolve(settled));
      evaluated[index] = this.record(settled);
    }
  }

  /** Keeps the validation curves of candidates that trained every epoch, in batch order, for the median rule. */
  private collectCompletedCurves(results: readonly (EvaluatedCandidate | undefined)[]): void {
    for (const result of results) {
      const curve = result?.metrics?.validationCurve;
      if (result && !result.reused && !result.stoppedEarly && curve && curve.length === this.options.config.training.epochs) {
        this.completedCurves.push([...curve]);
      }
    }
  }

  private waitWhilePaused(): Promise<void> {
    if (!this.paused || this.stopped || this.searchEnded) return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  private async evaluate(candidate: Candidate): Promise<EvaluatedCandidate> {
    const cached = this.cache.get(candidate.hash);
    if (cached) {
      const earlier = await cached;
      if (earlier) return this.record({ ...earlier, candidate, reused: true, worker: -1, epochsTrained: 0 });
    }
    const saved = this.options.previousResults?.get(candidate.hash);
    if (saved) {
      const restored = { candidate, metrics: saved.metrics, fitness: saved.fitness, failure: saved.failure, worker: saved.worker, reused: false, epochsTrained: 0 };
      this.cache.set(candidate.hash, Promise.resolve(restored));
      return this.record({ ...restored, restored: true });
    }
    const training = this.train(candidate);
    this.cache.set(candidate.hash, training);
    const trained = await training;
    if (trained === null) {
      this.cache.delete(candidate.hash);
      return { candidate, metrics: null, fitness: 0, failure: 'The run was stopped.', reused: false, worker: -1, evaluation: 0, finishedAt: this.elapsed() };
    }
    return this.record(trained);
  }

  /**
   * Trains one candidate on the pool, for `epochs` epochs (the configured number unless
   * successive halving requests fewer); resolves with null when the run stopped meanwhile.
   * `first` is false when the architecture trained before in this run, so it is not counted twice.
   */
  private async train(
    candidate: Candidate,
    epochs = this.options.config.training.epochs,
    first = true,
  ): Promise<Omit<EvaluatedCandidate, 'evaluation' | 'finishedAt'> | null> {
    const { runId, config } = this.options;
    // The seed depends on the architecture, not on the candidate id, so a reused result is
    // exactly what training the architecture again would give.
    const seed = deriveSeed(config.search.seed, 'train', candidate.hash);
    const outcome = await this.options.pool.run({
      runId,
      candidateId: candidate.id,
      genome: candidate.genome,
      settings: { ...config.training, epochs },
      seed,
      earlyStop: this.batchThresholds ? { thresholds: this.batchThresholds } : undefined,
      onProgress: (progress) => this.emit({ type: 'candidate-progress', runId, candidateId: candidate.id, ...progress }),
    });
    if (this.stopped || this.searchEnded) return null;
    if (first) this.trained++;
    if (outcome.ok) this.epochsTrained += outcome.metrics.epochs;
    return outcome.ok
      ? {
          candidate,
          metrics: outcome.metrics,
          fitness: outcome.metrics.fitness,
          reused: false,
          worker: outcome.worker,
          stoppedEarly: outcome.metrics.stoppedEarly,
          epochsTrained: outcome.metrics.epochs,
        }
      : { candidate, metrics: null, fitness: 0, failure: outcome.message, reused: false, worker: outcome.worker, epochsTrained: 0 };
  }

  private record(partial: Omit<EvaluatedCandidate, 'evaluation' | 'finishedAt'>): EvaluatedCandidate {
    const result: EvaluatedCandidate = { ...partial, evaluation: this.results.length + 1, finishedAt: this.elapsed() };
    this.results.push(result);
    if (this.best === null || compareCandidates(result, this.best) < 0) this.best = result;
    this.emit({ type: 'candidate-evaluated', runId: this.options.runId, result });
    this.checkSearchDeadline();
    return result;
  }
}

function toResult(evaluated: EvaluatedCandidate): CandidateResult {
  return {
    candidateId: evaluated.candidate.id,
    fitness: evaluated.fitness,
    params: evaluated.metrics?.params ?? 0,
    failed: evaluated.metrics === null || evaluated.metrics.diverged !== undefined,
    stoppedEarly: evaluated.stoppedEarly,
  };
}
