/**
 * Keeps the worker pool of a finished search for the next search that can use it.
 *
 * A pool that has trained is warm: its workers hold the data set and a started backend, and
 * their JavaScript engines have compiled tfjs' hot code. In Chromium that compilation takes
 * about a second of processor time per worker, and a worker's first candidates run slower
 * while it happens. A search with the same data set, backend and worker count starts on the
 * kept pool at once. A kept pool closes when it has waited `idleMs` unused, or when a search
 * with other settings starts.
 */

import { dataFileKey } from '../data/tasks';
import type { Dataset } from '../data/types';
import type { WorkerPool } from './pool';
import type { RunConfig } from './run-config';

/** Returns what a pool is bound to: searches with the same key can share one pool. */
export function poolKey(config: Pick<RunConfig, 'task' | 'backend' | 'workers'>): string {
  // Every data file is the same task config, so the file itself keys its pools.
  const file = config.task.id === 'custom' ? dataFileKey() : null;
  return JSON.stringify([config.task, config.backend, config.workers, file]);
}

export interface KeptPool {
  readonly pool: WorkerPool;
  /** The data set the pool's workers hold. */
  readonly dataset: Dataset;
}

export class PoolKeeper {
  private idle: (KeptPool & { readonly key: string; readonly timer: ReturnType<typeof setTimeout> }) | null = null;

  constructor(private readonly idleMs: number) {}

  /** Hands over the kept pool if it was kept under `key`, and closes a pool kept under another key. */
  take(key: string): KeptPool | null {
    const idle = this.idle;
    if (!idle) return null;
    this.idle = null;
    clearTimeout(idle.timer);
    if (idle.key === key && idle.pool.open) return { pool: idle.pool, dataset: idle.dataset };
    idle.pool.terminate();
    return null;
  }

  /**
   * Keeps `pool` for a later `take(key)`, closing any pool kept before. The pool's events go
   * nowhere while it waits.
   */
  keep(key: string, pool: WorkerPool, dataset: Dataset): void {
    this.release();
    if (!pool.open) return;
    if (this.idleMs <= 0) {
      pool.terminate();
      return;
    }
    pool.listen(undefined);
    const timer = setTimeout(() => this.release(), this.idleMs);
    // In Node, a waiting pool does not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
    this.idle = { key, pool, dataset, timer };
  }

  /** Closes the kept pool, if any. */
  release(): void {
    const idle = this.idle;
    if (!idle) return;
    this.idle = null;
    clearTimeout(idle.timer);
    idle.pool.terminate();
  }

  /** Whether a pool is kept, under any key. */
  get holding(): boolean {
    return this.idle !== null;
  }
}
