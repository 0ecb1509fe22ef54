/**
 * Evaluations per minute with 1 and with 2 workers, on the same fixed list of candidates.
 *
 * Run: npx tsx bench/worker-scaling.ts [task]   (about a minute on 2 cores; task defaults to spiral)
 *
 * A random search with a fixed seed proposes the candidates, so both runs train exactly the
 * same networks; only the number of Node worker threads differs.
 */

import { defaultRunConfig } from '../src/state/config';
import { loadDataset } from '../src/data/tasks';
import { nodeAssetReader } from '../src/data/node-assets';
import type { TaskId } from '../src/data/types';
import { SearchCoordinator } from '../src/workers/coordinator';
import { nodeWorkerFactory } from '../src/workers/node-pool';
import { WorkerPool } from '../src/workers/pool';
import type { RunConfig } from '../src/workers/run-config';

const task = (process.argv[2] ?? 'spiral') as TaskId;
const base = defaultRunConfig(task);

async function measure(workers: number): Promise<{ perMinute: number; trained: number; seconds: number }> {
  const config: RunConfig = {
    ...base,
    search: { ...base.search, strategy: 'random', generations: 2, population: 12, seed: 3 },
    backend: 'wasm',
    workers,
  };
  const dataset = await loadDataset(config.task, nodeAssetReader());
  const pool = await WorkerPool.start({ size: workers, backend: 'wasm', dataset, factory: nodeWorkerFactory });
  const started = performance.now();
  const result = await new SearchCoordinator({ runId: `scaling-${workers}`, config, dataset, pool }).run();
  const seconds = (performance.now() - started) / 1000;
  pool.terminate();
  const trained = result.candidates.filter((c) => !c.reused).length;
  return { perMinute: (trained / seconds) * 60, trained, seconds };
}

const one = await measure(1);
const two = await measure(2);
console.log(`| task | workers | trained | seconds | evaluations per minute |`);
console.log(`|---|---|---|---|---|`);
console.log(`| ${task} | 1 | ${one.trained} | ${one.seconds.toFixed(1)} | ${one.perMinute.toFixed(1)} |`);
console.log(`| ${task} | 2 | ${two.trained} | ${two.seconds.toFixed(1)} | ${two.perMinute.toFixed(1)} |`);
console.log(`\n2 workers / 1 worker: ${(two.perMinute / one.perMinute).toFixed(2)}×`);
