import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset } from '../../src/data/types';
import { defaultRunConfig } from '../../src/state/config';
import { starterGenome } from '../../src/state/starter';
import { SearchCoordinator, type RunEvent } from '../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import { WorkerPool, type Job, type JobOutcome } from '../../src/workers/pool';
import type { RunConfig } from '../../src/workers/run-config';

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.terminate();
});

function xorConfig(overrides: Partial<RunConfig> & Pick<RunConfig, 'training'>): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 200 },
    search: { ...base.search, generations: 50, population: 4, modulePopulation: 6, seed: 5 },
    backend: 'wasm',
    workers: 1,
    ...overrides,
  };
}

/** Runs a search and records its events and the outcome of every job the pool ran. */
async function runSearch(config: RunConfig, dataset: Dataset) {
  const pool = await WorkerPool.start({ size: config.workers, backend: 'wasm', dataset, factory: nodeWorkerFactory });
  pools.push(pool);
  const outcomes = new Map<string, JobOutcome>();
  const recordingPool = {
    size: pool.size,
    run: async (job: Job) => {
      const outcome = await pool.run(job);
      outcomes.set(job.candidateId, outcome);
      return outcome;
    },
    cancelRun: (runId: string) => pool.cancelRun(runId),
  };
  const events: RunEvent[] = [];
  const coordinator = new SearchCoordinator({ runId: 'budget', config, dataset, pool: recordingPool, onEvent: (e) => events.push(e) });
  const result = await coordinator.run();
  return { result, events, outcomes, pool };
}

describe('time budget', () => {
  it('stops on time and cancels the candidate in training', async () => {
    const config = xorConfig({ training: { ...defaultRunConfig('xor').training, epochs: 200 }, timeBudgetSeconds: 2 });
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const { result, outcomes, pool } = await runSearch(config, dataset);

    expect(result.status).toBe('time-budget');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2000);
    expect(result.elapsedMs).toBeLessThan(3000);
    expect([...outcomes.values()].some((outcome) => !outcome.ok && outcome.message === 'Cancelled.')).toBe(true);
    expect(result.final).toBeNull();

    // A worker still training the cancelled candidate (200 epochs) would hold this job back.
    const started = performance.now();
    const quick = await pool.run({ runId: 'after', candidateId: 'quick', genome: starterGenome('xor'), settings: { ...config.training, epochs: 1 }, seed: 1 });
    expect(quick.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('ends the search in time for the final retraining', async () => {
    const training = { ...defaultRunConfig('xor').training, epochs: 20, maxTrainRows: 60 };
    // Generations enough that the budget, not their count, ends the search on a fast machine too.
    const search = { ...xorConfig({ training }).search, generations: 10_000 };
    const config = xorConfig({ training, search, timeBudgetSeconds: 5, finalEpochs: 20, workers: 2 });
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const { result } = await runSearch(config, dataset);

    expect(result.status).toBe('time-budget');
    expect(result.final).not.toBeNull();
    // The final network gets the epochs that fit in the time left, up to finalEpochs.
    expect(result.final?.metrics?.epochs).toBeGreaterThanOrEqual(1);
    expect(result.final?.metrics?.epochs).toBeLessThanOrEqual(20);
    expect(result.elapsedMs).toBeLessThan(6000);
  });
});

describe('final retraining', () => {
  it('retrains one candidate per worker and keeps the best on validation', async () => {
    const training = { ...defaultRunConfig('xor').training, epochs: 3 };
    const config = xorConfig({ training, search: { ...xorConfig({ training }).search, generations: 2 }, finalEpochs: 4, workers: 2 });
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const { result, events, outcomes } = await runSearch(config, dataset);
    const started = events.flatMap((event) => (event.type === 'final-training-started' ? [event.candidateId] : []));
    const retrained = started.map((id) => outcomes.get(id)!);
    const fitnesses = retrained.map((outcome) => (outcome.ok ? outcome.metrics.fitness : 0));

    expect(result.status).toBe('completed');
    expect(started).toHaveLength(2);
    expect(new Set(started.map((id) => result.candidates.find((c) => `${c.candidate.id}-final` === id)?.candidate.hash)).size).toBe(2);
    expect(result.final?.fitness).toBe(Math.max(...fitnesses));
    // Each retrained network is scored at its best epoch on validation, not its last.
    for (const outcome of retrained) expect(outcome.ok && outcome.metrics.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(events.filter((event) => event.type === 'final-evaluated')).toHaveLength(1);
  });
});
