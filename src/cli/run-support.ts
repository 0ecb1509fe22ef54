/**
 * Steps every CLI mode shares: loading the data, starting the worker pool with its log
 * lines, and writing a JSON file.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { analyzeGenome, type Genome } from '../core/genome';
import type { ShapeContext } from '../core/layers';
import { DataFileError, parseDataFile } from '../data/data-file';
import { nodeAssetReader } from '../data/node-assets';
import { TASKS, fileShapeOf, loadDataset } from '../data/tasks';
import { decodeText } from '../data/text-decoding';
import type { Dataset } from '../data/types';
import { nodeWorkerFactory } from '../workers/node-pool';
import type { WorkerPool } from '../workers/pool';
import type { RunConfig } from '../workers/run-config';
import { startWorkerPool } from '../workers/worker-count';

export type Log = (line: string) => void;

export interface RunData {
  /** The run's config, with the shape of a data file recorded in `task.fileShape`. */
  readonly config: RunConfig;
  readonly dataset: Dataset;
}

/**
 * Loads the data a run searches: the rows of `dataFile` for the custom task, or the task's
 * generated or shipped set. `checkSetup` runs on the shape of the data before the set loads,
 * or right after a data file is read, whose shape is unknown until then. Throws
 * DataFileError naming a data file that cannot be read.
 */
export async function loadRunData(
  config: RunConfig,
  dataFile: string | null,
  checkSetup: (config: RunConfig, context: ShapeContext) => void,
  log: Log,
): Promise<RunData> {
  let loaded: RunData;
  if (dataFile) {
    log(`Loading task ${dataFile}…`);
    const dataset = readDataFile(dataFile, config);
    // The result file records the file's shape, as the app's links and saved runs do.
    loaded = { config: { ...config, task: { ...config.task, fileShape: fileShapeOf(dataset) } }, dataset };
    checkSetup(loaded.config, { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits });
  } else {
    // A built-in task's data has the shape its TASKS entry states, as test/data/tasks.test.ts checks.
    const { inputShape, outputUnits } = TASKS[config.task.id];
    checkSetup(config, { inputShape, outputUnits });
    log(`Loading task ${config.task.id}…`);
    loaded = { config, dataset: await loadDataset(config.task, nodeAssetReader()) };
  }
  const { dataset } = loaded;
  log(`${dataset.name}: ${dataset.train.count} training, ${dataset.validation.count} validation, ${dataset.test.count} test examples.`);
  return loaded;
}

/**
 * Reads the custom task's data file and checks the seed network against its shape, which
 * the config schema could not know. Throws DataFileError naming the file.
 */
function readDataFile(path: string, config: RunConfig): Dataset {
  let text: string;
  try {
    text = decodeText(readFileSync(path));
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


export interface CliPool {
  readonly pool: WorkerPool;
  /** Backend of each worker by index, updated as workers start or restart. */
  readonly backends: readonly string[];
}

/**
 * Starts the Node worker threads for a data set and logs the backends they chose and every
 * worker restart. It starts `config.workers` threads, or for 0 one per core, at most 8,
 * because Node has only the wasm and cpu backends.
 */
export async function startCliPool(config: RunConfig, dataset: Dataset, log: Log): Promise<CliPool> {
  const backends: string[] = [];
  const pool = await startWorkerPool({
    workers: config.workers,
    cores: availableParallelism(),
    backend: config.backend,
    dataset,
    factory: nodeWorkerFactory,
    onEvent: (event) => {
      if (event.type === 'worker-ready') backends[event.worker] = event.backend;
      if (event.type === 'worker-replaced') log(`Worker ${event.worker + 1} restarted: ${event.reason}`);
    },
  });
  log(`${pool.size} worker${pool.size === 1 ? '' : 's'} ready on ${[...new Set(backends)].join(', ')}.`);
  return { pool, backends };
}

/**
 * Writes `value` as indented JSON to `path` and logs the absolute path. Returns false, after
 * printing why, when the write fails, which parseArgs' path check makes rare (a full disk,
 * a folder removed during the run).
 */
export function writeJson(path: string, value: unknown, log: Log): boolean {
  const resolved = resolve(path);
  try {
    writeFileSync(resolved, `${JSON.stringify(value, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`Writing the result to ${resolved} failed: ${error instanceof Error ? error.message : String(error)}. The summary printed above is the only record of this run.\n`);
    return false;
  }
  log(`Wrote ${resolved}`);
  return true;
}
