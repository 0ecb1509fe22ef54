import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import { defaultRunConfig } from '../../src/state/config';
import type { BackendName } from '../../src/train/types';
import { SearchCoordinator } from '../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { WorkerFactory, WorkerPool } from '../../src/workers/pool';
import type { WorkerRequest } from '../../src/workers/protocol';
import { MAX_AUTO_WORKERS, autoWorkerCount, startWorkerPool } from '../../src/workers/worker-count';

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.terminate();
});

describe('autoWorkerCount', () => {
  const cases: { backend: BackendName; cores: number; expected: number }[] = [
    { backend: 'wasm', cores: 2, expected: 2 },
    { backend: 'cpu', cores: 4, expected: 4 },
    { backend: 'webgl', cores: 8, expected: 1 },
    { backend: 'webgpu', cores: 2, expected: 1 },
    { backend: 'wasm', cores: 64, expected: MAX_AUTO_WORKERS },
    { backend: 'wasm', cores: 0, expected: 1 },
  ];

  it.each(cases)('gives $expected on $backend with $cores cores', ({ backend, cores, expected }) => {
    expect(autoWorkerCount(backend, cores)).toBe(expected);
  });
});

/** Node worker threads whose posted messages the test can read. */
function recordingFactory(posted: { worker: number; message: WorkerRequest; transfer: ArrayBuffer[] }[]): WorkerFactory {
  return (index) => {
    const handle = nodeWorkerFactory(index);
    return {
      ...handle,
      post: (message, transfer) => {
        posted.push({ worker: index, message, transfer: transfer ?? [] });
        handle.post(message, transfer);
      },
    };
  };
}

describe('startWorkerPool', () => {
  it('starts one worker per core for auto on cpu', async () => {
    const dataset = await loadDataset({ ...defaultRunConfig('xor').task, samples: 100 }, nodeAssetReader());
    const pool = await startWorkerPool({ workers: 0, cores: 3, backend: 'cpu', dataset, factory: nodeWorkerFactory });
    pools.push(pool);
    expect(pool.size).toBe(3);
    expect(pool.backends).toEqual(['cpu', 'cpu', 'cpu']);
  });

  it('sends the data set once per worker as transferred buffers', async () => {
    const base = defaultRunConfig('xor');
    const config = {
      ...base,
      task: { ...base.task, samples: 200 },
      search: { ...base.search, generations: 2, population: 4, modulePopulation: 6 },
      training: { ...base.training, epochs: 2 },
      backend: 'wasm' as const,
      workers: 2,
    };
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const posted: { worker: number; message: WorkerRequest; transfer: ArrayBuffer[] }[] = [];
    const pool = await startWorkerPool({ workers: 2, cores: 2, backend: 'wasm', dataset, factory: recordingFactory(posted) });
    pools.push(pool);
    const result = await new SearchCoordinator({ runId: 'data-once', config, dataset, pool }).run();

    const inits = posted.filter((p) => p.message.type === 'init');
    const jobs = posted.filter((p) => p.message.type === 'evaluate');
    expect(result.status).toBe('completed');
    expect(inits.map((p) => p.worker)).toEqual([0, 1]);
    for (const init of inits) {
      // x and y of the training, validation and test splits.
      expect(init.transfer).toHaveLength(6);
      expect(init.transfer.every((buffer) => buffer.byteLength === 0)).toBe(true);
    }
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(job.transfer).toHaveLength(0);
      expect('dataset' in job.message).toBe(false);
    }
    // The page's own copy stays whole: each worker gets a copy that moves.
    expect(dataset.train.x.length).toBe(dataset.train.count * 2);
  });
});
