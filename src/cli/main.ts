/**
 * `npm run search`: the same search as the app, on Node worker threads.
 * Progress goes to stderr, the summary table to stdout, and the full result to --json.
 */

import type { ShapeContext } from '../core/layers';
import { DataFileError } from '../data/data-file';
import { SearchCoordinator, type RunEvent, type RunResult } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';
import { UsageError, helpText, parseArgs } from './args';
import { compareMain, presetMain } from './compare-main';
import { ProgressLine, summaryTable } from './report';
import { buildResultFile } from './result-file';
import { loadRunData, startCliPool, writeJson } from './run-support';
import { checkStrategies } from './setup-check';

/** Runs the CLI. A usage or data file error prints its message alone and exits with status 2. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DataFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }

  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  if (options.preset) return presetMain(options, log);
  if (options.compare) return compareMain(options, options.compare, log);
  const checkSetup = (config: RunConfig, context: ShapeContext) => checkStrategies([{ label: `The ${config.search.strategy} search`, config }], context);
  const { config, dataset } = await loadRunData(options.config, options.dataFile, checkSetup, log);

  const { pool, backends } = await startCliPool(config, dataset, log);
  const startedAt = new Date();
  const progress = new ProgressLine(process.stderr, config, options.quiet);
  let result: RunResult;
  // The workers end on every path, an error from the coordinator included.
  try {
    const coordinator = new SearchCoordinator({
      runId: `cli-${startedAt.getTime()}`,
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
    try {
      result = await coordinator.run();
    } finally {
      process.off('SIGINT', onSignal);
    }
  } finally {
    pool.terminate();
  }
  progress.finish();

  process.stdout.write(`${summaryTable(result, backends, config)}\n`);
  const written = options.json === null || writeJson(options.json, buildResultFile(config, result, dataset, backends, startedAt), log);
  if (result.status === 'failed') {
    process.stderr.write(`The search failed: ${result.message}\n`);
    return 1;
  }
  return written ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
