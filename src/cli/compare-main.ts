/**
 * The CLI entries of `--compare` and `--preset`: load the data, start Node worker threads,
 * run the searches in turn, print the report and write the JSON file.
 */

import { countExhaustive } from '../core/exhaustive';
import type { ShapeContext } from '../core/layers';
import type { StrategyName } from '../core/strategy';
import { nodeAssetReader } from '../data/node-assets';
import { loadDataset } from '../data/tasks';
import { presetById } from '../state/presets';
import { comparisonRuns } from '../workers/comparison';
import type { RunConfig } from '../workers/run-config';
import type { CliOptions } from './args';
import { compareStrategies, runPreset } from './compare';
import { comparisonFile, presetFile } from './comparison-file';
import { loadRunData, startCliPool, writeJson, type Log } from './run-support';
import { checkStrategies } from './setup-check';

/** Runs `--compare`; returns the exit status. */
export async function compareMain(options: CliOptions, strategies: readonly StrategyName[], log: Log): Promise<number> {
  const seeds = options.seeds ?? [options.config.search.seed];
  const { config, dataset } = await loadRunData(options.config, options.dataFile, (config, context) => checkComparison(config, strategies, seeds, context), log);
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

/**
 * Checks that every run of the comparison can build its strategy, the exhaustive optimum
 * included when its space is within the limit, so that no run fails after others have
 * spent their time.
 */
function checkComparison(config: RunConfig, strategies: readonly StrategyName[], seeds: readonly number[], context: ShapeContext): void {
  const runs = comparisonRuns(config, strategies, seeds);
  if (countExhaustive(config.search.candidateSet, context).withinLimit) {
    runs.push(...comparisonRuns({ ...config, search: { ...config.search, maxEvaluations: 0 } }, ['exhaustive'], seeds));
  }
  checkStrategies(runs.map((run) => ({ label: `The ${run.strategy} search with seed ${run.seed}`, config: run.config })), context);
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
