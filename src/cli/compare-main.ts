/**
 * The CLI entries of `--compare` and `--preset`: load the data, start Node worker threads,
 * run the searches in turn, print the report and write the JSON file.
 */

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { StrategyName } from '../core/strategy';
import { nodeAssetReader } from '../data/node-assets';
import { loadDataset } from '../data/tasks';
import type { Dataset } from '../data/types';
import { presetById } from '../state/presets';
import { nodeWorkerFactory } from '../workers/node-pool';
import { WorkerPool } from '../workers/pool';
import type { RunConfig } from '../workers/run-config';
import type { CliOptions } from './args';
import { compareStrategies, runPreset } from './compare';
import { comparisonFile, presetFile } from './comparison-file';

type Log = (line: string) => void;

/** Starts a pool of Node worker threads for a data set and logs the backends they chose. */
async function startPool(config: RunConfig, dataset: Dataset, log: Log): Promise<WorkerPool> {
  const backends: string[] = [];
  const pool = await WorkerPool.start({
    // Workers 0 means one per core, the most that helps on wasm and cpu, the backends Node has.
    size: config.workers > 0 ? config.workers : Math.max(1, Math.min(8, availableParallelism())),
    backend: config.backend,
    dataset,
    factory: nodeWorkerFactory,
    onEvent: (event) => {
      if (event.type === 'worker-ready') backends[event.worker] = event.backend;
      if (event.type === 'worker-replaced') log(`Worker ${event.worker + 1} restarted: ${event.reason}`);
    },
  });
  log(`${pool.size} worker${pool.size === 1 ? '' : 's'} ready on ${[...new Set(backends)].join(', ')}.`);
  return pool;
}

function writeJson(path: string, value: unknown, log: Log): void {
  const resolved = resolve(path);
  writeFileSync(resolved, `${JSON.stringify(value, null, 2)}\n`);
  log(`Wrote ${resolved}`);
}

/** Runs `--compare`; returns the exit status. */
export async function compareMain(options: CliOptions, strategies: readonly StrategyName[], log: Log): Promise<number> {
  const { config } = options;
  const seeds = options.seeds ?? [config.search.seed];
  const dataset = await loadDataset(config.task, nodeAssetReader());
  log(`${dataset.name}: ${dataset.train.count} training, ${dataset.validation.count} validation, ${dataset.test.count} test examples.`);
  const pool = await startPool(config, dataset, log);
  try {
    const { comparison, report } = await compareStrategies({ config, strategies, seeds, dataset, pool, log });
    process.stdout.write(`${report}\n`);
    if (options.json) writeJson(options.json, comparisonFile(config, comparison), log);
    return comparison.entries.some((entry) => entry.result.status === 'failed') ? 1 : 0;
  } finally {
    pool.terminate();
  }
}

/** Runs `--preset`; returns the exit status. */
export async function presetMain(options: CliOptions, log: Log): Promise<number> {
  const preset = presetById(options.preset!);
  const { outcomes, report } = await runPreset({
    preset,
    seeds: options.seeds ?? preset.seeds,
    workers: options.config.workers,
    loadDataset: (config) => loadDataset(config.task, nodeAssetReader()),
    startPool: (config, dataset) => startPool(config, dataset, log),
    log,
  });
  process.stdout.write(`${report}\n`);
  if (options.json) writeJson(options.json, presetFile(preset, outcomes), log);
  return outcomes.some((outcome) => outcome.entry.result.status === 'failed') ? 1 : 0;
}
