import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeGenome } from '../../src/core/genome';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset } from '../../src/data/types';
import { defaultRunConfig } from '../../src/state/config';
import { SearchCoordinator, type RunEvent, type RunResult } from '../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import { WorkerPool, type WorkerFactory, type WorkerHandle } from '../../src/workers/pool';
import type { WorkerResponse } from '../../src/workers/protocol';
import type { RunConfig } from '../../src/workers/run-config';

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.terminate();
});

function smallConfig(backend: 'cpu' | 'wasm', workers: number): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 200 },
    search: { ...base.search, generations: 2, population: 4, modulePopulation: 6, seed: 11 },
    training: { ...base.training, epochs: 3, batchSize: 32 },
    backend,
    workers,
  };
}

async function runSearch(config: RunConfig, dataset: Dataset, factory: WorkerFactory = nodeWorkerFactory) {
  const pool = await WorkerPool.start({ size: config.workers, backend: config.backend, dataset, factory });
  pools.push(pool);
  const events: RunEvent[] = [];
  const coordinator = new SearchCoordinator({ runId: 'test', config, dataset, pool, onEvent: (e) => events.push(e) });
  const result = await coordinator.run();
  pool.terminate();
  return { result, events, pool };
}

/** The candidates in batch order with the metrics that do not depend on timing. */
function trace(result: RunResult) {
  return [...result.candidates]
    .sort((a, b) => a.candidate.id.localeCompare(b.candidate.id, 'en', { numeric: true }))
    .map((c) => ({
      id: c.candidate.id,
      hash: c.candidate.hash,
      fitness: c.fitness,
      validationLoss: c.metrics?.validationLoss,
      testAccuracy: c.metrics?.testAccuracy,
    }));
}

describe('SearchCoordinator', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`replays the same run with 1 and 2 workers on ${backend}`, async () => {
      const config = smallConfig(backend, 1);
      const dataset = await loadDataset(config.task, nodeAssetReader());
      const one = await runSearch(config, dataset);
      const two = await runSearch({ ...config, workers: 2 }, dataset);

      expect(one.result.status).toBe('completed');
      expect(two.result.status).toBe('completed');
      expect(one.result.candidates.length).toBe(8);
      expect(trace(two.result)).toEqual(trace(one.result));
      expect(two.result.best?.candidate.hash).toBe(one.result.best?.candidate.hash);
    });
  }

  it('streams events in a valid order', async () => {
    const config = smallConfig('wasm', 2);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const { events, result } = await runSearch(config, dataset);
    const types = events.map((e) => e.type);

    expect(types[0]).toBe('run-started');
    expect(types.at(-1)).toBe('run-finished');
    expect(types.filter((t) => t === 'generation-finished')).toHaveLength(2);
    expect(types.filter((t) => t === 'candidate-evaluated')).toHaveLength(result.candidates.length);
    expect(types).toContain('candidate-progress');
    for (const event of events) expect(event.runId).toBe('test');
  });

  it('trains only valid genomes and reuses repeated architectures', async () => {
    const config = smallConfig('wasm', 2);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const { result } = await runSearch({ ...config, search: { ...config.search, generations: 3 } }, dataset);
    const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
    const seen = new Set<string>();

    for (const evaluated of result.candidates) {
      expect(analyzeGenome(evaluated.candidate.genome, context).valid).toBe(true);
      expect(evaluated.reused).toBe(seen.has(evaluated.candidate.hash));
      seen.add(evaluated.candidate.hash);
    }
  });

  it('stops when asked and keeps the best so far', async () => {
    const config = smallConfig('wasm', 1);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const pool = await WorkerPool.start({ size: 1, backend: 'wasm', dataset, factory: nodeWorkerFactory });
    pools.push(pool);
    const coordinator = new SearchCoordinator({
      runId: 'stop',
      config: { ...config, search: { ...config.search, generations: 50 } },
      dataset,
      pool,
      onEvent: (event) => {
        if (event.type === 'candidate-evaluated' && event.result.evaluation === 2) coordinator.stop();
      },
    });
    const result = await coordinator.run();

    expect(result.status).toBe('stopped');
    expect(result.candidates.length).toBeGreaterThanOrEqual(2);
    expect(result.candidates.length).toBeLessThan(8);
    expect(result.best).not.toBeNull();
  });

  it('pauses between candidates and resumes', async () => {
    const config = smallConfig('wasm', 1);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const pool = await WorkerPool.start({ size: 1, backend: 'wasm', dataset, factory: nodeWorkerFactory });
    pools.push(pool);
    let evaluatedWhilePaused = 0;
    let paused = false;
    const events: RunEvent[] = [];
    const coordinator = new SearchCoordinator({
      runId: 'pause',
      config,
      dataset,
      pool,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'candidate-evaluated') {
          if (paused) evaluatedWhilePaused++;
          if (event.result.evaluation === 1) {
            coordinator.pause();
            paused = true;
            setTimeout(() => {
              paused = false;
              coordinator.resume();
            }, 1500);
          }
        }
      },
    });
    const result = await coordinator.run();

    expect(result.status).toBe('completed');
    expect(evaluatedWhilePaused).toBe(0);
    expect(result.candidates).toHaveLength(8);

    // The pause and resume events carry the run's clock, which runs on while paused.
    const [pausedAt] = events.flatMap((event) => (event.type === 'run-paused' ? [event.elapsedMs] : []));
    const [resumedAt] = events.flatMap((event) => (event.type === 'run-resumed' ? [event.elapsedMs] : []));
    expect(pausedAt).toBeGreaterThanOrEqual(result.candidates[0].finishedAt);
    expect(resumedAt - pausedAt).toBeGreaterThanOrEqual(1_400);
    expect(result.candidates[1].finishedAt).toBeGreaterThan(resumedAt);
  });
});

/** A real worker thread that the test can kill from outside, as a crash would. */
function crashingFactory(crashOnFirstJob: { done: boolean }): WorkerFactory {
  return () => {
    const worker = new Worker(new URL('../../src/workers/node-worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry: new URL('../../src/workers/node-evaluation-worker.ts', import.meta.url).href },
    });
    let reported = false;
    const handle: WorkerHandle = {
      post(message, transfer) {
        worker.postMessage(message, transfer);
        if (message.type === 'evaluate' && !crashOnFirstJob.done) {
          crashOnFirstJob.done = true;
          void worker.terminate();
        }
      },
      onMessage: (listener) => worker.on('message', (m: WorkerResponse) => listener(m)),
      onError: (listener) =>
        worker.on('exit', (code) => {
          if (!reported) {
            reported = true;
            listener(`exited with code ${code}`);
          }
        }),
      terminate: () => {
        reported = true;
        void worker.terminate();
      },
    };
    return handle;
  };
}

describe('WorkerPool', () => {
  it('replaces a crashed worker and retries its candidate', async () => {
    const config = smallConfig('wasm', 1);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const crash = { done: false };
    const replaced: string[] = [];
    const pool = await WorkerPool.start({
      size: 1,
      backend: 'wasm',
      dataset,
      factory: crashingFactory(crash),
      onEvent: (event) => {
        if (event.type === 'worker-replaced') replaced.push(event.reason);
      },
    });
    pools.push(pool);
    const genome = (await import('../../src/state/starter')).starterGenome('xor');
    const outcome = await pool.run({ runId: 'r', candidateId: 'c1', genome, settings: config.training, seed: 3 });

    expect(crash.done).toBe(true);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatch(/Worker 1 stopped: exited with code/);
    expect(outcome.ok).toBe(true);
  });

  it('reports an unknown backend with the accepted ones', async () => {
    const config = smallConfig('wasm', 1);
    const dataset = await loadDataset(config.task, nodeAssetReader());
    await expect(
      WorkerPool.start({ size: 1, backend: 'webgl', dataset, factory: nodeWorkerFactory }),
    ).rejects.toThrow(/Worker 1 could not start: .*webgl/i);
  });
});
