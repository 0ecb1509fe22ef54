/**
 * Evaluations per minute with 1 and with 2 workers, on the same fixed list of candidates.
 *
 * Run: npm run bench -- scaling, or npx tsx --single-threaded --max-semi-space-size=64
 * bench/worker-scaling.ts [tasks] [--rounds N], with the V8 flags of `npm run search`
 * (src/cli/node-flags.ts). Tasks is a comma-separated list, spiral,mnist by default. A round
 * takes about 30 s on spiral and 3 minutes on MNIST on 2 cores, and 2 rounds are the default.
 *
 * A random search with a fixed seed proposes the candidates, so every run trains exactly the
 * same networks; only the number of Node worker threads differs. Runs alternate between 1
 * and 2 workers, so load from other processes spreads over both, and each run prints the
 * 1-minute load average it started at: figures from a loaded machine understate the scaling.
 * "Busy" is the workers' summed training time over workers × wall time. What it lacks from
 * 100% went to passing messages and to the pauses between generations, because the strategy
 * needs every result of one generation before it proposes the next.
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
import { scalingSummary, type ScalingRun } from './scaling';

const args = process.argv.slice(2);
const roundsFlag = args.indexOf('--rounds');
const rounds = roundsFlag >= 0 ? Number(args[roundsFlag + 1]) : 2;
const taskList = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--rounds') ?? 'spiral,mnist';
const tasks = taskList.split(',') as TaskId[];

interface Measurement extends ScalingRun {
  readonly load: number;
}

async function measure(task: TaskId, workers: number, dataset: Dataset): Promise<Measurement> {
  const base = defaultRunConfig(task);
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
  const trained = result.candidates.filter((c) => !c.reused);
  const trainingSeconds = trained.reduce((sum, c) => sum + (c.metrics?.trainMs ?? 0), 0) / 1000;
  return { workers, perMinute: (trained.length / seconds) * 60, trained: trained.length, seconds, load, busy: trainingSeconds / (workers * seconds) };
}


console.log('| task | workers | trained | seconds | evaluations per minute | busy | load at start |');
console.log('|---|---|---|---|---|---|---|');
const summaries: string[] = [];
for (const task of tasks) {
  const dataset = await loadDataset(defaultRunConfig(task).task, nodeAssetReader());
  const runs: Measurement[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const workers of [1, 2]) {
      const run = await measure(task, workers, dataset);
      runs.push(run);
      console.log(
        `| ${task} | ${workers} | ${run.trained} | ${run.seconds.toFixed(1)} | ${run.perMinute.toFixed(1)} | ${(run.busy * 100).toFixed(0)}% | ${run.load.toFixed(2)} |`,
      );
    }
  }
  summaries.push(scalingSummary(task, runs));
}
console.log(`\n${summaries.join('\n')}`);
