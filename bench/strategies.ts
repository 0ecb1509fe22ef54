/**
 * Search strategies against the exhaustive optimum, and what early stopping saves.
 *
 * Run: npx tsx bench/strategies.ts   (about 10 minutes on 2 cores; `npm run bench -- strategies`)
 *
 * For each task the candidate set has no merge layers and the search settings cap networks
 * at `maxDepth` layers (one blueprint slot of up to `maxDepth` layers), so every strategy
 * searches the same space of chains that the exhaustive strategy enumerates. Each strategy
 * then gets the same evaluation budget and seeds, and the table gives the architectures it
 * trained before its best came within 1% of the exhaustive optimum of that seed. The second
 * part runs regularized evolution with each early stopping rule on a larger space and
 * reports the epochs each needed to come within 1% of the best fitness found without early
 * stopping.
 */

import { availableParallelism } from 'node:os';
import { evaluationsToReach } from '../src/core/curves';
import type { EarlyStoppingRule } from '../src/core/early-stopping';
import type { CandidateSet, StrategyName } from '../src/core/strategy';
import { nodeAssetReader } from '../src/data/node-assets';
import { loadDataset } from '../src/data/tasks';
import type { TaskId } from '../src/data/types';
import { defaultRunConfig } from '../src/state/config';
import { runComparison, type ComparisonEntry } from '../src/workers/comparison';
import { nodeWorkerFactory } from '../src/workers/node-pool';
import { WorkerPool } from '../src/workers/pool';
import type { RunConfig } from '../src/workers/run-config';

const STRATEGIES: readonly StrategyName[] = ['coevolution', 'regularized', 'random'];
const SEEDS = [1, 2, 3];
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));

interface Case {
  readonly task: TaskId;
  readonly set: CandidateSet;
  readonly budget: number;
  readonly samples?: number;
}

const CASES: readonly Case[] = [
  { task: 'sin', set: { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['relu', 'tanh', 'sigmoid'] } }], maxDepth: 2 }, budget: 20 },
  { task: 'spiral', set: { layers: [{ kind: 'dense', params: { units: [8, 32], activation: ['relu', 'tanh'] } }], maxDepth: 2 }, budget: 10 },
];

function configFor(testCase: Case): RunConfig {
  const base = defaultRunConfig(testCase.task);
  const depth = testCase.set.maxDepth ?? 2;
  return {
    ...base,
    task: { ...base.task, samples: testCase.samples ?? base.task.samples },
    search: {
      ...base.search,
      generations: 100,
      population: 4,
      modulePopulation: 8,
      maxModuleLayers: depth,
      maxBlueprintSlots: 1,
      maxEvaluations: testCase.budget,
      candidateSet: testCase.set,
    },
    backend: 'wasm',
    workers: WORKERS,
  };
}

const fixed = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(3));
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const seconds = (entries: readonly ComparisonEntry[]) => `${(entries.reduce((sum, entry) => sum + entry.result.elapsedMs, 0) / 1000).toFixed(0)} s`;

async function strategyTable(testCase: Case, pool: WorkerPool, config: RunConfig) {
  const dataset = await loadDataset(config.task, nodeAssetReader());
  const comparison = await runComparison({ config, strategies: STRATEGIES, seeds: SEEDS, dataset, pool, withOptimum: true });
  const optimum = SEEDS.map((seed) => comparison.optimum.get(seed)!.result.best!.fitness);

  console.log(`\n### ${testCase.task}: ${comparison.space.count} chains, budget ${testCase.budget} architectures per run\n`);
  console.log(`Exhaustive optimum per seed: ${optimum.map(fixed).join(', ')} (${seconds([...comparison.optimum.values()])} for all ${comparison.space.count * SEEDS.length} trainings).\n`);
  console.log(`| strategy | trained to reach the optimum (within 1%), per seed | mean best at the budget | reused results | wall time |`);
  console.log('|---|---|---|---|---|');
  for (const strategy of STRATEGIES) {
    const entries = comparison.entries.filter((entry) => entry.strategy === strategy);
    const reach = entries.map((entry, index) => evaluationsToReach(entry.curve, optimum[index], 0.01));
    const reused = entries.reduce((sum, entry) => sum + entry.result.candidates.filter((c) => c.reused).length, 0);
    const best = mean(entries.map((entry) => entry.curve.at(-1)?.best ?? 0));
    console.log(`| ${strategy} | ${reach.map((value) => value ?? '—').join(', ')} | ${fixed(best)} | ${reused} | ${seconds(entries)} |`);
  }
}

/**
 * Returns the epochs a run trained, in proposal order, until its best fitness reached
 * `target`; null when it never did.
 */
function epochsToReach(entry: ComparisonEntry, target: number): number | null {
  const ordered = [...entry.result.candidates].sort(
    (a, b) => a.candidate.generation - b.candidate.generation || Number(a.candidate.id.split('-')[1]) - Number(b.candidate.id.split('-')[1]),
  );
  let epochs = 0;
  for (const evaluated of ordered) {
    epochs += evaluated.epochsTrained ?? 0;
    if (evaluated.metrics !== null && evaluated.fitness >= target) return epochs;
  }
  return null;
}

async function earlyStoppingTable(config: RunConfig, pool: WorkerPool) {
  const dataset = await loadDataset(config.task, nodeAssetReader());
  const { search } = config;
  console.log(
    `\n### Early stopping on ${config.task.id}: regularized evolution, default candidate set, batches of ${search.population}, ${config.training.epochs} epochs per candidate, budget ${search.maxEvaluations}\n`,
  );
  console.log('Target per seed: within 1% of the best fitness the run without early stopping reached.\n');
  console.log('| rule | epochs trained in all (3 seeds) | epochs to reach the target, per seed | mean best fitness | wall time |');
  console.log('|---|---|---|---|---|');
  let targets: number[] = [];
  for (const rule of ['off', 'median', 'halving'] as EarlyStoppingRule[]) {
    const ruled = { ...config, search: { ...config.search, earlyStopping: rule } };
    const comparison = await runComparison({ config: ruled, strategies: ['regularized'], seeds: SEEDS, dataset, pool });
    if (rule === 'off') targets = comparison.entries.map(({ result }) => (result.best?.fitness ?? 0) - 0.01 * Math.abs(result.best?.fitness ?? 0));
    const epochs = comparison.entries.reduce((sum, entry) => sum + (entry.result.epochsTrained ?? 0), 0);
    const reach = comparison.entries.map((entry, index) => epochsToReach(entry, targets[index]) ?? '—');
    const best = mean(comparison.entries.map((entry) => entry.result.best?.fitness ?? 0));
    console.log(`| ${rule} | ${epochs} | ${reach.join(', ')} | ${fixed(best)} | ${seconds(comparison.entries)} |`);
  }
}

/**
 * The early stopping case: spiral with the task's default candidate set (far more than 32
 * architectures), so every rule trains its whole budget, and batches of 8, so successive
 * halving has candidates to drop at each rung.
 */
function earlyStoppingConfig(): RunConfig {
  const base = defaultRunConfig('spiral');
  return {
    ...base,
    search: { ...base.search, strategy: 'regularized', generations: 100, population: 8, maxModuleLayers: 2, maxBlueprintSlots: 1, maxEvaluations: 32 },
    backend: 'wasm',
    workers: WORKERS,
  };
}

async function withPool(config: RunConfig, work: (pool: WorkerPool) => Promise<void>): Promise<void> {
  const dataset = await loadDataset(config.task, nodeAssetReader());
  const pool = await WorkerPool.start({ size: WORKERS, backend: 'wasm', dataset, factory: nodeWorkerFactory });
  try {
    await work(pool);
  } finally {
    pool.terminate();
  }
}

async function main() {
  for (const testCase of CASES) {
    const config = configFor(testCase);
    await withPool(config, (pool) => strategyTable(testCase, pool, config));
  }
  const config = earlyStoppingConfig();
  await withPool(config, (pool) => earlyStoppingTable(config, pool));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
