/**
 * Plans of comparisons: series of searches that differ in one thing (the strategy, the
 * candidate set or the task) and share everything else, each run once per seed. A plan is
 * plain data; the comparison controller runs it.
 */

import { mergeKinds } from '../core/candidate-set';
import { maxDepthOf } from '../core/exhaustive';
import type { StrategyName } from '../core/strategy';
import type { RunConfig } from '../workers/run-config';
import { taskName } from '../data/tasks';
import { NUMERIC_FIELDS } from './config';
import type { Preset } from './presets';

export interface ComparisonSeries {
  readonly id: string;
  readonly label: string;
  readonly config: RunConfig;
  /** True for the exhaustive enumeration, whose best per seed is the optimum line. */
  readonly optimum: boolean;
}

export interface ComparisonPlan {
  readonly title: string;
  /** The preset the plan comes from, if any. */
  readonly presetId?: string;
  readonly series: readonly ComparisonSeries[];
  readonly seeds: readonly number[];
  /** Distinct architectures each run may train; 0 means no limit. The optimum runs ignore it. */
  readonly budget: number;
  /** True when the series differ by task, so the same architectures can be compared across targets. */
  readonly acrossTasks: boolean;
}

export interface ComparisonRunSpec {
  readonly seriesId: string;
  readonly seed: number;
  readonly config: RunConfig;
}

export const STRATEGY_LABELS: Readonly<Record<StrategyName, string>> = {
  coevolution: 'Coevolution',
  regularized: 'Regularized evolution',
  random: 'Random search',
  exhaustive: 'Exhaustive enumeration',
};

/** Lists the runs of a plan, series by series and seed by seed, each with its seed set. */
export function planRuns(plan: ComparisonPlan): ComparisonRunSpec[] {
  return plan.series.flatMap((series) =>
    plan.seeds.map((seed) => ({ seriesId: series.id, seed, config: { ...series.config, search: { ...series.config.search, seed } } })),
  );
}

/**
 * Generations enough for the budget to end a run rather than the generation count: three
 * times the batches the budget needs, since strategies propose architectures met before
 * that cost nothing. Never fewer than the config sets, nor more than the schema allows.
 */
function generationsFor(config: RunConfig, budget: number): number {
  if (budget <= 0) return config.search.generations;
  const batch = config.search.population * config.search.networksPerBlueprint;
  const needed = Math.ceil(budget / batch) * 3;
  return Math.min(NUMERIC_FIELDS['search.generations'].max, Math.max(config.search.generations, needed));
}

/**
 * Restricts the search to the exhaustive strategy's space, chains of 1 to maxDepth layers:
 * no merge layers, so no branches, modules of at most maxDepth layers and one module per
 * blueprint. Then every strategy searches the space whose optimum the enumeration finds.
 */
export function restrictToChains(config: RunConfig): RunConfig {
  const set = config.search.candidateSet;
  const merges = new Set(mergeKinds(set));
  return {
    ...config,
    search: {
      ...config.search,
      candidateSet: { ...set, layers: set.layers.filter((entry) => !merges.has(entry.kind)) },
      maxModuleLayers: maxDepthOf(set),
      maxBlueprintSlots: 1,
    },
  };
}

export interface StrategyComparisonOptions {
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly budget: number;
  /** Restrict every strategy to the chain space of the exhaustive enumeration. */
  readonly chainsOnly: boolean;
}

/**
 * Plans a comparison of strategies on one setup, without the editor's network so that the
 * candidate set alone decides. The exhaustive enumeration, when chosen, runs without the
 * budget: it is the ground truth the others are measured against.
 */
export function strategyComparisonPlan(config: RunConfig, options: StrategyComparisonOptions): ComparisonPlan {
  const { seedGenome: _graph, ...base } = options.chainsOnly ? restrictToChains(config) : config;
  const series = options.strategies.map((strategy) => {
    const optimum = strategy === 'exhaustive';
    const budget = optimum ? 0 : options.budget;
    return {
      id: strategy,
      label: STRATEGY_LABELS[strategy],
      optimum,
      config: { ...base, search: { ...base.search, strategy, maxEvaluations: budget, generations: generationsFor(base, budget) } },
    };
  });
  // The title names the task, which a comparison kept over a reload may no longer share with the page.
  return { title: `Strategies side by side on ${taskName(config.task)}`, series, seeds: options.seeds, budget: options.budget, acrossTasks: false };
}

export interface PresetOptions {
  readonly seeds: readonly number[];
  /** Evaluation budget of each run; exhaustive variants ignore it. */
  readonly budget: number;
  readonly epochs: number;
}

/** Plans a preset's variants with the budget, epochs and seeds chosen in the preset dialog. */
export function presetPlan(preset: Preset, options: PresetOptions): ComparisonPlan {
  const series = preset.variants.map((variant) => {
    const budget = variant.config.search.strategy === 'exhaustive' ? 0 : options.budget;
    const config: RunConfig = {
      ...variant.config,
      training: { ...variant.config.training, epochs: options.epochs },
      search: { ...variant.config.search, maxEvaluations: budget, generations: generationsFor(variant.config, budget) },
    };
    // Variants differ in their setup, so no one variant's best is the optimum of another.
    return { id: variant.id, label: variant.label, config, optimum: false };
  });
  const tasks = new Set(preset.variants.map((variant) => variant.config.task.id));
  return { title: preset.title, presetId: preset.id, series, seeds: options.seeds, budget: options.budget, acrossTasks: tasks.size > 1 };
}

/** Reads seeds typed as "1, 2, 3"; returns an error naming the first bad entry. */
export function parseSeeds(text: string): { ok: true; seeds: number[] } | { ok: false; error: string } {
  const { min, max } = NUMERIC_FIELDS['search.seed'];
  const parts = text.split(/[,;\s]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, error: 'List at least one seed, for example "1, 2, 3".' };
  const seeds: number[] = [];
  for (const part of parts) {
    const seed = Number(part);
    if (!Number.isInteger(seed) || seed < min || seed > max) {
      return { ok: false, error: `Seed "${part}" is not a whole number from ${min} to ${max}.` };
    }
    if (!seeds.includes(seed)) seeds.push(seed);
  }
  if (seeds.length > 10) return { ok: false, error: `List at most 10 seeds; got ${seeds.length}.` };
  return { ok: true, seeds };
}
