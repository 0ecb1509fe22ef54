/** Steps every CLI mode shares: starting the worker pool with its log lines, and writing a JSON file. */

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Dataset } from '../data/types';
import { nodeWorkerFactory } from '../workers/node-pool';
import type { WorkerPool } from '../workers/pool';
import type { RunConfig } from '../workers/run-config';
import { startWorkerPool } from '../workers/worker-count';

export type Log = (line: string) => void;

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
