/**
 * `npm run search`: the same search as the app, on Node worker threads.
 * Progress goes to stderr, the summary table to stdout, and the full result to --json.
 */

import { readFileSync } from 'node:fs';
import { analyzeGenome, type Genome } from '../core/genome';
import { DataFileError, parseDataFile } from '../data/data-file';
import { fileShapeOf, loadDataset } from '../data/tasks';
import type { Dataset } from '../data/types';
import type { RunConfig } from '../workers/run-config';
import { nodeAssetReader } from '../data/node-assets';
import { SearchCoordinator, type RunEvent } from '../workers/coordinator';
import { UsageError, helpText, parseArgs, type CliOptions } from './args';
import { compareMain, presetMain } from './compare-main';
import { ProgressLine, summaryTable } from './report';
import { buildResultFile } from './result-file';
import { startCliPool, writeJson } from './run-support';

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }

  let { config } = options;
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  if (options.preset) return presetMain(options, log);
  if (options.compare) return compareMain(options, options.compare, log);
  log(`Loading task ${options.dataFile ?? config.task.id}…`);
  let dataset: Dataset;
  try {
    dataset = options.dataFile ? readDataFile(options.dataFile, config) : await loadDataset(config.task, nodeAssetReader());
    // The result file records the file's shape, as the app's links and saved runs do.
    if (options.dataFile) config = { ...config, task: { ...config.task, fileShape: fileShapeOf(dataset) } };
  } catch (error) {
    if (error instanceof DataFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  log(
    `${dataset.name}: ${dataset.train.count} training, ${dataset.validation.count} validation, ${dataset.test.count} test examples.`,
  );

  const { pool, backends } = await startCliPool(config, dataset, log);

  const startedAt = new Date();
  const runId = `cli-${startedAt.getTime()}`;
  const progress = new ProgressLine(process.stderr, config, options.quiet);
  const coordinator = new SearchCoordinator({
    runId,
    config,
    dataset,
    pool,
    onEvent: (event: RunEvent) => progress.update(event),
  });

  const onSignal = () => {
    log('\nStopping: finishing with the best candidate so far…');
    coordinator.stop();
  };
  process.once('SIGINT', onSignal);
  const result = await coordinator.run();
  process.off('SIGINT', onSignal);
  pool.terminate();
  progress.finish();

  process.stdout.write(`${summaryTable(result, backends)}\n`);
  const written = options.json === null || writeJson(options.json, buildResultFile(config, result, dataset, backends, startedAt), log);
  if (result.status === 'failed') {
    process.stderr.write(`The search failed: ${result.message}\n`);
    return 1;
  }
  return written ? 0 : 1;
}

/**
 * Reads the custom task's data file and checks the seed network against its shape, which
 * the config schema could not know. Throws DataFileError naming the file.
 */
function readDataFile(path: string, config: RunConfig): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataFileError(`Cannot read the data file "${path}": ${error instanceof Error ? error.message : String(error)}.`);
  }
  const dataset = parseDataFile(text, path, config.task.seed);
  if (config.seedGenome) {
    const analysis = analyzeGenome(config.seedGenome as Genome, { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits });
    if (!analysis.valid) throw new DataFileError(`${path}: the starting network does not fit the file's rows: ${analysis.issues.map((i) => i.message).join(' ')}`);
  }
  return dataset;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
