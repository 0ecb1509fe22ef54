/**
 * Starts and steers one search at a time for the page: loads the data set, starts the
 * worker pool, runs the coordinator and forwards its events. The store owns one controller.
 */

import { loadDataset } from '../data/tasks';
import type { AssetReader, Dataset } from '../data/types';
import { SearchCoordinator, type PreviousResult, type RunEvent } from '../workers/coordinator';
import type { PoolEvent, WorkerFactory, WorkerPool } from '../workers/pool';
import { poolKey, type KeptPool, type PoolKeeper } from '../workers/pool-keeper';
import { logicalCores, startWorkerPool } from '../workers/worker-count';
import type { RunConfig } from '../workers/run-config';
import type { StrategyHostFactory } from '../workers/strategy-host';

export interface RunEnvironment {
  readonly readAsset: AssetReader;
  readonly workerFactory: WorkerFactory;
  readonly wasmPaths?: Record<string, string>;
  /** Where the search strategy runs; the page passes a Web Worker host, tests and the CLI leave it out. */
  readonly strategyHost?: StrategyHostFactory;
  /**
   * Keeps a finished search's workers for the next search on the same data set, backend and
   * worker count. Without it, every search starts its own workers and closes them at its end.
   */
  readonly pools?: PoolKeeper;
}

/** Starts the page's worker pool for a run with `config.workers` workers, or for 0 as many as `autoWorkerCount` picks. */
export function startEnvironmentPool(
  environment: RunEnvironment,
  config: RunConfig,
  dataset: Dataset,
  onEvent?: (event: PoolEvent) => void,
): Promise<WorkerPool> {
  return startWorkerPool({
    workers: config.workers,
    cores: logicalCores(),
    backend: config.backend,
    dataset,
    factory: environment.workerFactory,
    wasmPaths: environment.wasmPaths,
    onEvent,
  });
}

/**
 * Returns the data set and a ready pool for a run: the pool kept from an earlier run when it
 * suits `config`, otherwise a fresh one on a freshly loaded data set. `onDataset` receives the
 * data set before any worker starts. The pool's events go to `onEvent`, starting with a ready
 * event per worker.
 */
export async function acquirePool(
  environment: RunEnvironment,
  config: RunConfig,
  onEvent?: (event: PoolEvent) => void,
  onDataset?: (dataset: Dataset) => void,
): Promise<KeptPool> {
  const reused = environment.pools?.take(poolKey(config));
  if (reused) {
    onDataset?.(reused.dataset);
    reused.pool.listen(onEvent);
    return reused;
  }
  const dataset = await loadDataset(config.task, environment.readAsset);
  onDataset?.(dataset);
  return { pool: await startEnvironmentPool(environment, config, dataset, onEvent), dataset };
}

/** Hands a run's pool back: kept for the next run where the environment keeps pools, closed otherwise. */
export function releasePool(environment: RunEnvironment, config: RunConfig, { pool, dataset }: KeptPool): void {
  if (environment.pools) environment.pools.keep(poolKey(config), pool, dataset);
  else pool.terminate();
}

export interface RunListener {
  onRunEvent(event: RunEvent): void;
  onPoolEvent(runId: string, event: PoolEvent): void;
  onDataset(runId: string, dataset: Dataset): void;
  /** A failure before the coordinator started (data set or workers). */
  onStartFailed(runId: string, message: string): void;
}

/** The saved part of a run restarted after a reload: its id, results and elapsed time. */
export interface ResumeOptions {
  /** The id the run had; its saved records stay under it. */
  readonly runId: string;
  readonly previousResults: ReadonlyMap<string, PreviousResult>;
  readonly previousElapsedMs: number;
}

interface Session {
  coordinator: SearchCoordinator | null;
  workers: KeptPool | null;
  cancelled: boolean;
}

export class RunController {
  private session: Session | null = null;

  constructor(
    private readonly environment: RunEnvironment,
    private readonly listener: RunListener,
  ) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** Runs a search to its end; a run already going is stopped first. */
  async start(runId: string, config: RunConfig, resume?: ResumeOptions): Promise<void> {
    this.stop();
    const session: Session = { coordinator: null, workers: null, cancelled: false };
    this.session = session;
    try {
      session.workers = await acquirePool(
        this.environment,
        config,
        (event) => this.listener.onPoolEvent(runId, event),
        (dataset) => {
          if (!session.cancelled) this.listener.onDataset(runId, dataset);
        },
      );
      if (session.cancelled) return;
      const { pool, dataset } = session.workers;
      session.coordinator = new SearchCoordinator({
        runId,
        config,
        dataset,
        pool,
        onEvent: (event) => this.listener.onRunEvent(event),
        previousResults: resume?.previousResults,
        previousElapsedMs: resume?.previousElapsedMs,
        strategyHost: this.environment.strategyHost,
      });
      await session.coordinator.run();
    } catch (error) {
      this.listener.onStartFailed(runId, error instanceof Error ? error.message : String(error));
    } finally {
      if (session.workers) releasePool(this.environment, config, session.workers);
      if (this.session === session) this.session = null;
    }
  }

  pause(): void {
    this.session?.coordinator?.pause();
  }

  resume(): void {
    this.session?.coordinator?.resume();
  }

  stop(): void {
    if (!this.session) return;
    this.session.cancelled = true;
    this.session.coordinator?.stop();
  }
}
