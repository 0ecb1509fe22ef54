import { afterEach, describe, expect, it } from 'vitest';
import { nodeAssetReader } from '../../src/data/node-assets';
import { loadDataset } from '../../src/data/tasks';
import { defaultRunConfig } from '../../src/state/config';
import { createAppStore } from '../../src/state/store';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { WorkerFactory, WorkerPool } from '../../src/workers/pool';
import { PoolKeeper, poolKey } from '../../src/workers/pool-keeper';
import type { RunConfig } from '../../src/workers/run-config';
import { startWorkerPool } from '../../src/workers/worker-count';

const keepers: PoolKeeper[] = [];
const pools: WorkerPool[] = [];
afterEach(() => {
  for (const keeper of keepers.splice(0)) keeper.release();
  for (const pool of pools.splice(0)) pool.terminate();
});

function keeper(idleMs: number): PoolKeeper {
  const created = new PoolKeeper(idleMs);
  keepers.push(created);
  return created;
}

/** Real Node workers, counting how many start and how many are terminated. */
function countingFactory() {
  const counts = { started: 0, terminated: 0 };
  const factory: WorkerFactory = (index) => {
    counts.started++;
    const handle = nodeWorkerFactory(index);
    return {
      ...handle,
      terminate: () => {
        counts.terminated++;
        handle.terminate();
      },
    };
  };
  return { counts, factory };
}

function xorConfig(samples = 100): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples },
    search: {
      ...base.search,
      strategy: 'random',
      generations: 1,
      population: 3,
      candidateSet: { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh', 'relu'] } }], maxDepth: 2 },
    },
    training: { ...base.training, epochs: 2 },
    finalEpochs: 0,
    backend: 'cpu',
    workers: 2,
  };
}

async function startedPool(config: RunConfig, factory: WorkerFactory = nodeWorkerFactory) {
  const dataset = await loadDataset(config.task, nodeAssetReader());
  const pool = await startWorkerPool({ workers: config.workers, cores: 2, backend: config.backend, dataset, factory });
  pools.push(pool);
  return { pool, dataset };
}

describe('PoolKeeper', () => {
  it('reuses a pool for the same key only', async () => {
    const config = xorConfig();
    const { pool, dataset } = await startedPool(config);
    const pools = keeper(60_000);

    pools.keep(poolKey(config), pool, dataset);
    expect(pools.take(poolKey(config))).toEqual({ pool, dataset });
    expect(pools.holding).toBe(false);
    expect(pool.open).toBe(true);

    pools.keep(poolKey(config), pool, dataset);
    expect(pools.take(poolKey({ ...config, workers: 1 }))).toBeNull();
    expect(pool.open).toBe(false);
  });

  it('keys pools by the whole task, backend and worker count', () => {
    const config: RunConfig = xorConfig();
    const otherSeed: RunConfig = { ...config, search: { ...config.search, seed: 9 } };
    expect(poolKey(config)).toBe(poolKey(otherSeed));
    expect(poolKey(config)).not.toBe(poolKey({ ...config, task: { ...config.task, seed: config.task.seed + 1 } }));
    expect(poolKey(config)).not.toBe(poolKey({ ...config, backend: 'wasm' }));
  });

  it('closes a pool left unused for its idle time', async () => {
    const config = xorConfig();
    const { pool, dataset } = await startedPool(config);
    const pools = keeper(30);
    pools.keep(poolKey(config), pool, dataset);
    expect(pool.open).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pool.open).toBe(false);
    expect(pools.take(poolKey(config))).toBeNull();
  });

  it('closes at once when it keeps nothing', async () => {
    const config = xorConfig();
    const { pool, dataset } = await startedPool(config);
    keeper(0).keep(poolKey(config), pool, dataset);
    expect(pool.open).toBe(false);
  });

  it('replays the ready workers to a new listener', async () => {
    const { pool } = await startedPool(xorConfig());
    const events: unknown[] = [];
    pool.listen((event) => events.push(event));
    expect(events).toEqual([
      { type: 'worker-ready', worker: 0, backend: 'cpu', tried: [{ backend: 'cpu' }] },
      { type: 'worker-ready', worker: 1, backend: 'cpu', tried: [{ backend: 'cpu' }] },
    ]);
  });
});

describe('searches in the page store with a pool keeper', () => {
  it('reuses workers until the task changes', async () => {
    const { counts, factory } = countingFactory();
    const pools = keeper(60_000);
    const store = createAppStore({ readAsset: nodeAssetReader(), workerFactory: factory, pools }, { config: xorConfig() });
    const search = async () => {
      await store.getState().actions.startSearch();
      const { run } = store.getState();
      expect(run).toMatchObject({ phase: 'finished', outcome: 'completed' });
      expect(run.workers.map((worker) => worker.backend)).toEqual(['cpu', 'cpu']);
      expect(run.evaluations.filter((entry) => entry.metrics)).toHaveLength(3);
    };

    await search();
    expect(counts).toEqual({ started: 2, terminated: 0 });
    expect(pools.holding).toBe(true);

    store.getState().actions.setNumber('search.seed', 2);
    await search();
    expect(counts).toEqual({ started: 2, terminated: 0 });
    expect(store.getState().dataset?.train).toBeGreaterThan(0);

    store.getState().actions.setNumber('task.samples', 120);
    await search();
    expect(counts).toEqual({ started: 4, terminated: 2 });
    expect(store.getState().dataset?.train).toBe(72);
  }, 60_000);
});
