/**
 * Strategies side by side: several searches with the same task, candidate set, evaluation
 * budget and seeds, one strategy after another on one worker pool. The exhaustive optimum
 * of the candidate set's chain space serves as ground truth when that space is small
 * enough. The coordinator derives each training seed from the search seed and the
 * architecture, so an architecture trained under two strategies with the same seed gets the
 * same fitness, and the curves differ only by what each strategy chose to train.
 *
 * NOTE: with early stopping on, whether a candidate is stopped depends on the candidates
 * trained before it, so that guarantee holds only with `earlyStopping` 'off'.
 */

import { bestSoFar, type CurvePoint } from '../core/curves';
import { countExhaustive, type ExhaustiveCount } from '../core/exhaustive';
import type { StrategyName } from '../core/strategy';
import type { Dataset } from '../data/types';
import { SearchCoordinator, type EvaluatedCandidate, type EvaluationPool, type RunEvent, type RunResult } from './coordinator';
import type { RunConfig } from './run-config';

export interface ComparisonRun {
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly config: RunConfig;
}

export interface ComparisonEntry extends ComparisonRun {
  readonly result: RunResult;
  readonly curve: readonly CurvePoint[];
}

export interface ComparisonOptions {
  /** The shared setup; its strategy and seed are replaced per run. */
  readonly config: RunConfig;
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly dataset: Dataset;
  readonly pool: EvaluationPool;
  /** Also runs the exhaustive strategy per seed, without a budget, when its space is within the limit. */
  readonly withOptimum?: boolean;
  readonly onEvent?: (run: ComparisonRun, event: RunEvent) => void;
  /** Called before each run starts; returning false skips the remaining runs. */
  readonly shouldContinue?: () => boolean;
}

export interface ComparisonResult {
  readonly entries: readonly ComparisonEntry[];
  /** The exhaustive run of each seed, when it ran. */
  readonly optimum: ReadonlyMap<number, ComparisonEntry>;
  /** Size of the exhaustive chain space of the candidate set. */
  readonly space: ExhaustiveCount;
}

/**
 * Lists the runs of a comparison, strategy by strategy and seed by seed. The UI runs them
 * one after another through its own controller; `runComparison` runs them on a pool.
 */
export function comparisonRuns(config: RunConfig, strategies: readonly StrategyName[], seeds: readonly number[]): ComparisonRun[] {
  return strategies.flatMap((strategy) =>
    seeds.map((seed) => ({ strategy, seed, config: { ...config, search: { ...config.search, strategy, seed } } })),
  );
}

/**
 * Returns the best-so-far curve of a run, with candidates in proposal order (generation,
 * then position), so the curve does not depend on which worker finished first.
 */
export function curveOf(candidates: readonly EvaluatedCandidate[]): CurvePoint[] {
  const ordered = [...candidates].sort((a, b) => a.candidate.generation - b.candidate.generation || positionOf(a) - positionOf(b));
  return bestSoFar(
    ordered.map((evaluated) => ({
      fitness: evaluated.fitness,
      failed: evaluated.metrics === null || evaluated.metrics.diverged !== undefined,
      reused: evaluated.reused,
    })),
  );
}

function positionOf(evaluated: EvaluatedCandidate): number {
  const position = Number(evaluated.candidate.id.split('-').pop());
  return Number.isFinite(position) ? position : 0;
}

/** Runs every strategy for every seed in turn, then the exhaustive optimum when asked and small enough. */
export async function runComparison(options: ComparisonOptions): Promise<ComparisonResult> {
  const { config, dataset } = options;
  const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
  const space = countExhaustive(config.search.candidateSet, context);
  const runs = comparisonRuns(config, options.strategies, options.seeds);
  const optimumRuns =
    options.withOptimum && space.withinLimit
      ? comparisonRuns({ ...config, search: { ...config.search, maxEvaluations: 0 } }, ['exhaustive'], options.seeds)
      : [];

  const entries: ComparisonEntry[] = [];
  const optimum = new Map<number, ComparisonEntry>();
  for (const run of [...runs, ...optimumRuns]) {
    if (options.shouldContinue && !options.shouldContinue()) break;
    const entry = await runOne(run, options);
    if (optimumRuns.includes(run)) optimum.set(run.seed, entry);
    else entries.push(entry);
  }
  return { entries, optimum, space };
}

async function runOne(run: ComparisonRun, options: ComparisonOptions): Promise<ComparisonEntry> {
  const coordinator = new SearchCoordinator({
    runId: `compare-${run.strategy}-${run.seed}`,
    config: run.config,
    dataset: options.dataset,
    pool: options.pool,
    onEvent: (event) => options.onEvent?.(run, event),
  });
  const result = await coordinator.run();
  return { ...run, result, curve: curveOf(result.candidates) };
}
