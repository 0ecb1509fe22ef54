import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateSet, StrategyName } from '../../src/core/strategy';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset } from '../../src/data/types';
import { defaultRunConfig } from '../../src/state/config';
import { comparisonRuns, curveOf, runComparison } from '../../src/workers/comparison';
import { SearchCoordinator, type RunResult } from '../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import { WorkerPool } from '../../src/workers/pool';
import type { EvaluationMetrics } from '../../src/train/types';
import type { RunConfig } from '../../src/workers/run-config';

/** Dense layers of 4 or 8 units, chains of at most two: 4 + 16 = 20 chains, quick to train. */
const SMALL_SET: CandidateSet = { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh', 'relu'] } }], maxDepth: 2 };

function configFor(strategy: StrategyName, overrides: Partial<RunConfig['search']> = {}, epochs = 3): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 100 },
    search: { ...base.search, strategy, generations: 4, population: 4, modulePopulation: 6, maxModuleLayers: 2, maxBlueprintSlots: 1, seed: 3, candidateSet: SMALL_SET, ...overrides },
    training: { ...base.training, epochs, batchSize: 32 },
    backend: 'wasm',
    workers: 2,
  };
}

let dataset: Dataset;
const pools = new Map<number, WorkerPool>();
beforeAll(async () => {
  dataset = await loadDataset(configFor('random').task, nodeAssetReader());
  for (const size of [1, 2]) pools.set(size, await WorkerPool.start({ size, backend: 'wasm', dataset, factory: nodeWorkerFactory }));
});
afterAll(() => {
  for (const pool of pools.values()) pool.terminate();
});

async function run(config: RunConfig, workers = 2): Promise<RunResult> {
  return new SearchCoordinator({ runId: `test-${config.search.strategy}`, config, dataset, pool: pools.get(workers)! }).run();
}

/** The candidates in proposal order with what does not depend on timing. */
const trace = (result: RunResult) =>
  [...result.candidates]
    .sort((a, b) => a.candidate.id.localeCompare(b.candidate.id, 'en', { numeric: true }))
    .map((c) => ({ id: c.candidate.id, hash: c.candidate.hash, fitness: c.fitness, reused: c.reused, stoppedEarly: c.stoppedEarly ?? false }));

describe('evaluation budget', () => {
  for (const strategy of ['coevolution', 'regularized', 'random', 'exhaustive'] as const) {
    it(`${strategy} stops at 6 distinct architectures`, async () => {
      const result = await run(configFor(strategy, { maxEvaluations: 6, generations: 10 }));
      const distinct = new Set(result.candidates.map((c) => c.candidate.hash));
      expect(result.status).toBe('completed');
      expect(distinct.size).toBe(6);
      expect(result.candidates.filter((c) => !c.reused)).toHaveLength(6);
      expect(result.message).toMatch(/Reached the evaluation budget of 6 architectures/);
    });
  }

  it('cuts the same candidates with 1 and 2 workers', async () => {
    const config = configFor('regularized', { maxEvaluations: 7, generations: 10 });
    expect(trace(await run(config, 1))).toEqual(trace(await run(config, 2)));
  });
});

describe('early stopping', () => {
  it('median rule stops some candidates and saves epochs', async () => {
    const config = configFor('random', { earlyStopping: 'median', generations: 4, population: 5 }, 8);
    const result = await run(config);
    const trained = result.candidates.filter((c) => !c.reused);
    const stopped = trained.filter((c) => c.stoppedEarly);
    expect(stopped.length).toBeGreaterThan(0);
    for (const candidate of stopped) {
      expect(candidate.metrics!.epochs).toBeLessThan(8);
      expect(candidate.fitness).toBeCloseTo(candidate.metrics!.validationCurve!.at(-1)!, 6);
    }
    expect(result.epochsTrained).toBe(trained.reduce((sum, c) => sum + c.metrics!.epochs, 0));
    expect(result.candidates.reduce((sum, c) => sum + (c.epochsTrained ?? 0), 0)).toBe(result.epochsTrained);
    expect(result.epochsTrained).toBeLessThan(trained.length * 8);
  });

  it('median rule replays with 1 and 2 workers', async () => {
    const config = configFor('random', { earlyStopping: 'median', generations: 3, population: 5 }, 6);
    expect(trace(await run(config, 1))).toEqual(trace(await run(config, 2)));
  });

  it('successive halving keeps one in three per rung', async () => {
    const config = configFor('exhaustive', { earlyStopping: 'halving', population: 6, maxEvaluations: 6 }, 9);
    const result = await run(config);
    // Rungs for 6 candidates and 9 epochs: 6 train 1 epoch, 2 train 3, 1 trains 9.
    expect(result.candidates.filter((c) => c.stoppedEarly)).toHaveLength(5);
    expect(result.epochsTrained).toBe(6 * 1 + 2 * 3 + 1 * 9);
    expect(result.candidates.map((c) => c.epochsTrained).sort((a, b) => a! - b!)).toEqual([1, 1, 1, 1, 4, 13]);
    const full = result.candidates.find((c) => !c.stoppedEarly)!;
    expect(full.metrics!.epochs).toBe(9);
    expect(full.fitness).toBe(Math.max(...result.candidates.map((c) => c.fitness)));
  });

  it('successive halving replays with 1 and 2 workers', async () => {
    const config = configFor('regularized', { earlyStopping: 'halving', generations: 2, population: 5 }, 6);
    expect(trace(await run(config, 1))).toEqual(trace(await run(config, 2)));
  });
});

describe('runComparison', () => {
  it('gives an architecture the same fitness under every strategy', async () => {
    const config = configFor('random', { maxEvaluations: 6, generations: 10 });
    const comparison = await runComparison({ config, strategies: ['random', 'regularized'], seeds: [3], dataset, pool: pools.get(2)!, withOptimum: true });
    expect(comparison.entries.map((entry) => entry.strategy)).toEqual(['random', 'regularized']);
    for (const entry of comparison.entries) expect(entry.curve).toHaveLength(6);

    const optimum = comparison.optimum.get(3)!;
    expect(comparison.space.count).toBe(20);
    expect(optimum.curve).toHaveLength(20);
    const byHash = new Map(optimum.result.candidates.map((c) => [c.candidate.hash, c.fitness]));
    for (const entry of comparison.entries) {
      for (const evaluated of entry.result.candidates) {
        const chain = byHash.get(evaluated.candidate.hash);
        if (chain !== undefined) expect(evaluated.fitness).toBe(chain);
      }
      expect(entry.curve.at(-1)!.best).toBeLessThanOrEqual(optimum.curve.at(-1)!.best);
    }
  });

  it('lists runs strategy by strategy and seed by seed', () => {
    const runs = comparisonRuns(configFor('random'), ['coevolution', 'random'], [1, 2]);
    expect(runs.map((entry) => `${entry.strategy}/${entry.seed}/${entry.config.search.seed}`)).toEqual(['coevolution/1/1', 'coevolution/2/2', 'random/1/1', 'random/2/2']);
  });

  it('curveOf orders candidates by proposal', () => {
    const make = (id: string, generation: number, fitness: number) => ({
      candidate: { id, generation, genome: { nodes: [] }, hash: id, origin: { type: 'random' as const } },
      metrics: { epochs: 3 } as EvaluationMetrics,
      fitness,
      reused: false,
      worker: 0,
      evaluation: 0,
      finishedAt: 0,
    });
    const curve = curveOf([make('g1-0', 1, 0.9), make('g0-1', 0, 0.5), make('g0-0', 0, 0.2)]);
    expect(curve.map((point) => point.best)).toEqual([0.2, 0.5, 0.9]);
  });
});
