/**
 * The CLI entries of `--compare` and `--preset`: load the data, start Node worker threads,
 * run the searches in turn, print the report and write the JSON file.
 */

import type { StrategyName } from '../core/strategy';
import { nodeAssetReader } from '../data/node-assets';
import { loadDataset } from '../data/tasks';
import { presetById } from '../state/presets';
import type { CliOptions } from './args';
import { compareStrategies, runPreset } from './compare';
import { comparisonFile, presetFile } from './comparison-file';
import { loadRunData, startCliPool, writeJson, type Log } from './run-support';

/** Runs `--compare`; returns the exit status. */
export async function compareMain(options: CliOptions, strategies: readonly StrategyName[], log: Log): Promise<number> {
  const seeds = options.seeds ?? [options.config.search.seed];
  const { config, dataset } = await loadRunData(options.config, options.dataFile, log);
  const { pool } = await startCliPool(config, dataset, log);
  try {
    const { comparison, report } = await compareStrategies({ config, strategies, seeds, dataset, pool, log });
    process.stdout.write(`${report}\n`);
    const written = options.json === null || writeJson(options.json, comparisonFile(config, comparison), log);
    return !written || comparison.entries.some((entry) => entry.result.status === 'failed') ? 1 : 0;
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
    startPool: async (config, dataset) => (await startCliPool(config, dataset, log)).pool,
    log,
  });
  process.stdout.write(`${report}\n`);
  const written = options.json === null || writeJson(options.json, presetFile(preset, outcomes), log);
  return !written || outcomes.some((outcome) => outcome.entry.result.status === 'failed') ? 1 : 0;
}
