/**
 * `npm run search`: the same search as the app, on Node worker threads.
 * Progress goes to stderr, the summary table to stdout, and the full result to --json.
 */

import { DataFileError } from '../data/data-file';
import { SearchCoordinator, type RunEvent } from '../workers/coordinator';
import { UsageError, helpText, parseArgs } from './args';
import { compareMain, presetMain } from './compare-main';
import { ProgressLine, summaryTable } from './report';
import { buildResultFile } from './result-file';
import { loadRunData, startCliPool, writeJson } from './run-support';

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
  const { config, dataset } = await loadRunData(options.config, options.dataFile, log);

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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
