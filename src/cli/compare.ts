/**
 * `npm run search -- --compare coevolution,regularized,random --seeds 1,2,3` and
 * `--preset ID`: several searches in turn on one worker pool, summed up as tables of
 * best-so-far fitness against evaluations (distinct architectures trained).
 */

import { bestAt, evaluationsToReach, type CurvePoint } from '../core/curves';
import { describeGenome } from '../core/describe';
import type { StrategyName } from '../core/strategy';
import type { Dataset } from '../data/types';
import type { Preset } from '../state/presets';
import { runComparison, type ComparisonEntry, type ComparisonResult } from '../workers/comparison';
import type { EvaluationPool, RunEvent } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';

/** Tolerance of "reached the optimum": within 1% of its fitness. */
export const OPTIMUM_TOLERANCE = 0.01;

const fixed = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value.toFixed(3));

export interface CompareRequest {
  readonly config: RunConfig;
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly dataset: Dataset;
  readonly pool: EvaluationPool;
  readonly log: (line: string) => void;
}

/** Runs a comparison and returns it with its report. */
export async function compareStrategies(request: CompareRequest): Promise<{ comparison: ComparisonResult; report: string }> {
  const { config, log } = request;
  const comparison = await runComparison({
    config,
    strategies: request.strategies,
    seeds: request.seeds,
    dataset: request.dataset,
    pool: request.pool,
    withOptimum: true,
    onEvent: (run, event) => logRunEnd(log, `${run.strategy}, seed ${run.seed}`, event),
  });
  return { comparison, report: comparisonReport(comparison, config, request.strategies, request.seeds) };
}

function logRunEnd(log: (line: string) => void, label: string, event: RunEvent): void {
  if (event.type === 'run-started') log(`Running ${label}…`);
  if (event.type === 'run-finished') {
    log(`  ${label}: ${event.status}, ${event.trained} architectures trained, best ${fixed(event.best?.fitness)}, ${(event.elapsedMs / 1000).toFixed(0)} s.`);
  }
}

/** Evaluation counts at which the tables read the curves. */
function checkpoints(budget: number): number[] {
  const marks = [1, 2, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000].filter((mark) => mark < budget);
  return [...marks, budget];
}

/** Formats rows of cells as a fixed-width table. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Writes the report of a comparison: the exhaustive optimum per seed, the mean best-so-far of each
 * strategy at a few evaluation counts, and the evaluations each run needed to come within
 * 1% of the optimum.
 */
export function comparisonReport(
  comparison: ComparisonResult,
  config: RunConfig,
  strategies: readonly StrategyName[],
  seeds: readonly number[],
): string {
  const { entries, optimum, space } = comparison;
  const lines: string[] = [];
  const longest = Math.max(1, ...entries.map((entry) => entry.curve.length));
  const budget = config.search.maxEvaluations && config.search.maxEvaluations > 0 ? config.search.maxEvaluations : longest;
  lines.push(`Comparison on ${config.task.id}: budget ${budget} architectures per run, seeds ${seeds.join(', ')}.`);

  if (optimum.size > 0) {
    const values = seeds.map((seed) => optimum.get(seed)?.result.best?.fitness ?? null);
    const best = optimum.get(seeds[0])?.result.best;
    lines.push(
      `Exhaustive optimum over ${space.count} chains of 1 to ${space.maxDepth} layers: ${values.map((value, i) => `seed ${seeds[i]} ${fixed(value)}`).join(', ')}` +
        (best ? ` (seed ${seeds[0]}: ${describeGenome(best.candidate.genome)}).` : '.'),
    );
  } else {
    lines.push(`No exhaustive optimum: the chain space has ${space.exact ? '' : 'up to '}${space.count.toLocaleString('en-US')} chains, above the limit.`);
  }

  lines.push('', 'Mean best-so-far fitness after N distinct architectures trained:');
  const header = ['evaluations', ...strategies];
  const rows = checkpoints(budget).map((mark) => [
    String(mark),
    ...strategies.map((strategy) => fixed(mean(curvesOf(entries, strategy).map((curve) => bestAt(curve, mark))))),
  ]);
  lines.push(table([header, ...rows]));

  if (optimum.size > 0) {
    lines.push('', `Architectures trained until within 1% of the optimum (per seed; — = not within the budget):`);
    const reachRows = strategies.map((strategy) => [
      strategy,
      ...seeds.map((seed) => {
        const entry = entries.find((candidate) => candidate.strategy === strategy && candidate.seed === seed);
        const target = optimum.get(seed)?.result.best?.fitness;
        const reached = entry && target !== undefined ? evaluationsToReach(entry.curve, target, OPTIMUM_TOLERANCE) : null;
        return reached === null ? '—' : String(reached);
      }),
    ]);
    lines.push(table([['strategy', ...seeds.map((seed) => `seed ${seed}`)], ...reachRows]));
  }
  return lines.join('\n');
}

function curvesOf(entries: readonly ComparisonEntry[], strategy: StrategyName): (readonly CurvePoint[])[] {
  return entries.filter((entry) => entry.strategy === strategy).map((entry) => entry.curve);
}

export interface PresetRequest {
  readonly preset: Preset;
  readonly seeds: readonly number[];
  readonly workers: number;
  readonly loadDataset: (config: RunConfig) => Promise<Dataset>;
  readonly startPool: (config: RunConfig, dataset: Dataset) => Promise<EvaluationPool & { terminate(): void }>;
  readonly log: (line: string) => void;
}

export interface PresetOutcome {
  readonly variant: string;
  readonly seed: number;
  readonly entry: ComparisonEntry;
}

/** Runs each variant of a preset for each seed, each variant on its own data set and pool. */
export async function runPreset(request: PresetRequest): Promise<{ outcomes: PresetOutcome[]; report: string }> {
  const { preset, log } = request;
  const outcomes: PresetOutcome[] = [];
  for (const variant of preset.variants) {
    const config = { ...variant.config, workers: request.workers };
    const dataset = await request.loadDataset(config);
    const pool = await request.startPool(config, dataset);
    try {
      const comparison = await runComparison({
        config,
        strategies: [config.search.strategy],
        seeds: request.seeds,
        dataset,
        pool,
        onEvent: (run, event) => logRunEnd(log, `${variant.label}, seed ${run.seed}`, event),
      });
      for (const entry of comparison.entries) outcomes.push({ variant: variant.id, seed: entry.seed, entry });
    } finally {
      pool.terminate();
    }
  }
  return { outcomes, report: presetReport(preset, outcomes) };
}

/** Writes one line per variant and seed: the best fitness, its architecture and the training time. */
export function presetReport(preset: Preset, outcomes: readonly PresetOutcome[]): string {
  const rows = outcomes.map(({ variant, seed, entry }) => {
    const best = entry.result.best;
    const label = preset.variants.find((candidate) => candidate.id === variant)?.label ?? variant;
    return [
      label,
      String(seed),
      String(entry.curve.length),
      fixed(best?.fitness),
      best?.metrics?.testAccuracy !== undefined && best.metrics.testAccuracy !== null ? fixed(best.metrics.testAccuracy) : fixed(best?.metrics?.testR2),
      `${(entry.result.elapsedMs / 1000).toFixed(0)} s`,
      best ? describeGenome(best.candidate.genome) : '—',
    ];
  });
  const header = ['variant', 'seed', 'trained', 'best validation', 'its test', 'time', 'best architecture'];
  return [`${preset.title}`, '', table([header, ...rows])].join('\n');
}
