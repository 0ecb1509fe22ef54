/**
 * Evaluations per minute with 1 and with 2 workers, on the same fixed list of candidates.
 *
 * Run: npx tsx bench/worker-scaling.ts [task] [--rounds N]   (task defaults to spiral; about
 * a minute per round on 2 cores)
 *
 * A random search with a fixed seed proposes the candidates, so every run trains exactly the
 * same networks; only the number of Node worker threads differs. Runs alternate between 1
 * and 2 workers, so load from other processes spreads over both, and each run prints the
 * 1-minute load average it started at: figures from a loaded machine understate the scaling.
 */

import { loadavg } from 'node:os';
import { defaultRunConfig } from '../src/state/config';
import { loadDataset } from '../src/data/tasks';
import { nodeAssetReader } from '../src/data/node-assets';
import type { Dataset, TaskId } from '../src/data/types';
import { SearchCoordinator } from '../src/workers/coordinator';
import { nodeWorkerFactory } from '../src/workers/node-pool';
import { WorkerPool } from '../src/workers/pool';
import type { RunConfig } from '../src/workers/run-config';

const args = process.argv.slice(2);
const roundsFlag = args.indexOf('--rounds');
const rounds = roundsFlag >= 0 ? Number(args[roundsFlag + 1]) : 2;
const task = (args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--rounds') ?? 'spiral') as TaskId;
const base = defaultRunConfig(task);

interface Measurement {
  readonly workers: number;
  readonly perMinute: number;
  readonly trained: number;
  readonly seconds: number;
  readonly load: number;
}

async function measure(workers: number, dataset: Dataset): Promise<Measurement> {
  const config: RunConfig = {
    ...base,
    search: { ...base.search, strategy: 'random', generations: 2, population: 12, seed: 3 },
    backend: 'wasm',
    workers,
    finalEpochs: 0,
  };
  const load = loadavg()[0];
  const pool = await WorkerPool.start({ size: workers, backend: 'wasm', dataset, factory: nodeWorkerFactory });
  const started = performance.now();
  const result = await new SearchCoordinator({ runId: `scaling-${workers}`, config, dataset, pool }).run();
  const seconds = (performance.now() - started) / 1000;
  pool.terminate();
  const trained = result.candidates.filter((c) => !c.reused).length;
  return { workers, perMinute: (trained / seconds) * 60, trained, seconds, load };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dataset = await loadDataset(base.task, nodeAssetReader());
const runs: Measurement[] = [];
console.log('| task | workers | trained | seconds | evaluations per minute | load at start |');
console.log('|---|---|---|---|---|---|');
for (let round = 0; round < rounds; round++) {
  for (const workers of [1, 2]) {
    const run = await measure(workers, dataset);
    runs.push(run);
    console.log(`| ${task} | ${workers} | ${run.trained} | ${run.seconds.toFixed(1)} | ${run.perMinute.toFixed(1)} | ${run.load.toFixed(2)} |`);
  }
}
const one = median(runs.filter((r) => r.workers === 1).map((r) => r.perMinute));
const two = median(runs.filter((r) => r.workers === 2).map((r) => r.perMinute));
console.log(`\nMedian evaluations per minute: 1 worker ${one.toFixed(1)}, 2 workers ${two.toFixed(1)}; 2 workers / 1 worker: ${(two / one).toFixed(2)}×`);
