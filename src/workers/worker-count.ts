/**
 * How many evaluation workers a search starts when its configuration says auto (0).
 *
 * On cpu and wasm each worker trains on its own core, so one worker per core trains the
 * most. On a two-core machine, two workers evaluated 1.8 to 1.9 times as many candidates as
 * one in Node with the V8 flags of `npm run search` (bench/worker-scaling.ts). In Chromium
 * they evaluated 1.9 times as many on MNIST but 1.4 times on spiral, because a lone worker
 * there also uses part of the idle core for V8's helper threads (bench/browser-scaling.ts).
 * On webgl and webgpu every worker shares
 * the one GPU process, and two workers trained no faster than one there (0.85× on webgl), so
 * auto starts one.
 */

import type { BackendName } from '../train/types';
import { WorkerPool, type PoolOptions } from './pool';

/** Most workers auto starts: each holds its own copy of the data set. */
export const MAX_AUTO_WORKERS = 8;

/** Returns the worker count auto picks for a backend on a machine with `cores` logical cores. */
export function autoWorkerCount(backend: BackendName, cores: number): number {
  if (backend === 'webgl' || backend === 'webgpu') return 1;
  return Math.max(1, Math.min(MAX_AUTO_WORKERS, Math.floor(cores) || 1));
}

/**
 * Starts a pool of `workers` workers, or for 0 (auto) one worker first and then as many more
 * as `autoWorkerCount` gives for the backend that worker reports.
 */
export async function startWorkerPool(options: Omit<PoolOptions, 'size'> & { workers: number; cores: number }): Promise<WorkerPool> {
  const { workers, cores, ...poolOptions } = options;
  if (workers > 0) return WorkerPool.start({ ...poolOptions, size: workers });
  const pool = await WorkerPool.start({ ...poolOptions, size: 1 });
  const backend = pool.backends[0];
  try {
    await pool.grow(backend ? autoWorkerCount(backend, cores) : 1);
  } catch (error) {
    pool.terminate();
    throw error;
  }
  return pool;
}

/** Returns the number of logical cores of this browser or Node process, 1 when unknown. */
export function logicalCores(): number {
  const navigatorCores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency;
  return navigatorCores && navigatorCores > 0 ? navigatorCores : 1;
}
