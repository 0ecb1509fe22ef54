/**
 * A pool of evaluation workers. The pool sends the data set to each worker once, hands out
 * one job per idle worker, times jobs out, and replaces a worker that crashes or times out,
 * retrying its job once on the fresh worker. `run` resolves with an outcome for every job
 * and never rejects, so one bad candidate cannot stop a search.
 */

import type { Genome } from '../core/genome';
import type { Dataset } from '../data/types';
import type { EarlyStopRequest } from '../train/evaluate';
import type { BackendName, BackendPreference, EvaluationMetrics, TrainingSettings } from '../train/types';
import { transferableDataset, type BackendAttempt, type WorkerRequest, type WorkerResponse } from './protocol';

/** The part of a worker the pool uses; adapters wrap browser Workers and worker_threads. */
export interface WorkerHandle {
  post(message: WorkerRequest, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: WorkerResponse) => void): void;
  /** Called once when the worker crashes or exits on its own. */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

export type WorkerFactory = (index: number) => WorkerHandle;

export interface Job {
  readonly runId: string;
  readonly candidateId: string;
  readonly genome: Genome;
  readonly settings: TrainingSettings;
  readonly seed: number;
  /** Thresholds of the median stopping rule; absent trains every epoch. */
  readonly earlyStop?: EarlyStopRequest;
  /** Milliseconds the training may take; the model is then scored as it is. */
  readonly timeLimitMs?: number;
  /** Score the weights of the epoch with the best validation fitness, not the last epoch's. */
  readonly keepBestEpoch?: boolean;
  readonly onProgress?: (progress: { epoch: number; epochs: number; loss: number }) => void;
}

export type JobOutcome =
  | { readonly ok: true; readonly metrics: EvaluationMetrics; readonly worker: number }
  | { readonly ok: false; readonly message: string; readonly worker: number };

export type PoolEvent =
  | { readonly type: 'worker-ready'; readonly worker: number; readonly backend: BackendName; readonly tried: readonly BackendAttempt[] }
  | { readonly type: 'worker-replaced'; readonly worker: number; readonly reason: string };

export interface PoolOptions {
  readonly size: number;
  readonly backend: BackendPreference;
  readonly dataset: Dataset;
  readonly factory: WorkerFactory;
  readonly wasmPaths?: Record<string, string>;
  /** A job running longer than this is stopped and reported as timed out. */
  readonly jobTimeoutMs?: number;
  /** How many times a job whose worker crashed is tried again on a fresh worker. */
  readonly retries?: number;
  readonly onEvent?: (event: PoolEvent) => void;
}

interface PendingJob {
  readonly job: Job;
  readonly id: number;
  attempts: number;
  resolve(outcome: JobOutcome): void;
}

interface Slot {
  handle: WorkerHandle;
  ready: boolean;
  backend: BackendName | null;
  /** The backends the worker tried before `backend`, as listed in its ready message. */
  tried: readonly BackendAttempt[];
  current: PendingJob | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped on replacement so that messages from the old worker are ignored. */
  generation: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PendingJob[] = [];
  private nextJobId = 1;
  private closed = false;
  private readyWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  private initFailures = 0;
  private onEvent: ((event: PoolEvent) => void) | undefined;

  private constructor(private readonly options: PoolOptions) {
    this.onEvent = options.onEvent;
  }

  /** Starts every worker and resolves once all report ready; rejects if any cannot start. */
  static async start(options: PoolOptions): Promise<WorkerPool> {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`A worker pool needs at least 1 worker, got ${options.size}.`);
    }
    const pool = new WorkerPool(options);
    await pool.grow(options.size);
    return pool;
  }

  /**
   * Starts workers until the pool has `size`, and resolves once all report ready. Lets a
   * caller size the pool after the first worker has reported its backend.
   */
  async grow(size: number): Promise<void> {
    if (this.closed) throw new Error('The worker pool is closed; start a new one.');
    for (let i = this.slots.length; i < size; i++) this.slots.push(this.spawn(i, 0));
    await this.whenReady();
  }

  get size(): number {
    return this.slots.length;
  }

  /** The backend each worker reported, in worker order (null while starting). */
  get backends(): (BackendName | null)[] {
    return this.slots.map((slot) => slot.backend);
  }

  /** False once the pool is terminated, by its owner or after a worker failed to start. */
  get open(): boolean {
    return !this.closed;
  }

  /**
   * Sends the pool's events to `listener` from now on, in place of the one it had. It first
   * gets a worker-ready event for each worker already ready, so that a pool kept from an
   * earlier search introduces its workers to the next search.
   */
  listen(listener: ((event: PoolEvent) => void) | undefined): void {
    this.onEvent = listener;
    this.slots.forEach((slot, worker) => {
      if (slot.ready && slot.backend) listener?.({ type: 'worker-ready', worker, backend: slot.backend, tried: slot.tried });
    });
  }

  get pendingJobs(): number {
    return this.queue.length + this.slots.filter((slot) => slot.current).length;
  }

  run(job: Job): Promise<JobOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, message: 'The worker pool is closed.', worker: -1 });
    return new Promise((resolve) => {
      this.queue.push({ job, id: this.nextJobId++, attempts: 0, resolve });
      this.dispatch();
    });
  }

  /** Drops waiting jobs of a run and cancels its running ones; their outcomes report it. */
  cancelRun(runId: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const pending = this.queue[i];
      if (pending.job.runId === runId) {
        this.queue.splice(i, 1);
        pending.resolve({ ok: false, message: 'Cancelled.', worker: -1 });
      }
    }
    this.slots.forEach((slot, index) => {
      const pending = slot.current;
      if (pending && pending.job.runId === runId) {
        slot.handle.post({ type: 'cancel', runId, jobId: pending.id });
        this.finish(slot, { ok: false, message: 'Cancelled.', worker: index });
      }
    });
  }

  terminate(): void {
    this.closed = true;
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.current?.resolve({ ok: false, message: 'The worker pool was closed.', worker: -1 });
      slot.current = null;
      slot.handle.terminate();
    }
    for (const pending of this.queue.splice(0)) {
      pending.resolve({ ok: false, message: 'The worker pool was closed.', worker: -1 });
    }
  }

  private whenReady(): Promise<void> {
    if (this.slots.every((slot) => slot.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  private spawn(index: number, generation: number): Slot {
    const handle = this.options.factory(index);
    const slot: Slot = { handle, ready: false, backend: null, tried: [], current: null, timer: null, generation };
    handle.onMessage((message) => {
      if (slot.generation === generation && this.slots[index] === slot) this.receive(index, slot, message);
    });
    handle.onError((reason) => {
      if (slot.generation === generation && this.slots[index] === slot && !this.closed) {
        this.replace(index, `Worker ${index + 1} stopped: ${reason}`);
      }
    });
    const { dataset, transfer } = transferableDataset(this.options.dataset);
    handle.post({ type: 'init', backend: this.options.backend, wasmPaths: this.options.wasmPaths, dataset }, transfer);
    return slot;
  }

  private receive(index: number, slot: Slot, message: WorkerResponse): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        slot.backend = message.backend;
        slot.tried = message.tried;
        this.onEvent?.({ type: 'worker-ready', worker: index, backend: message.backend, tried: message.tried });
        this.settleReadyWaiters();
        this.dispatch();
        return;
      case 'init-failed':
        this.initFailures++;
        slot.handle.terminate();
        this.rejectReadyWaiters(new Error(`Worker ${index + 1} could not start: ${message.message}`));
        return;
      case 'progress':
        if (slot.current?.id === message.jobId) {
          slot.current.job.onProgress?.({ epoch: message.epoch, epochs: message.epochs, loss: message.loss });
        }
        return;
      case 'result':
        if (slot.current?.id === message.jobId) this.finish(slot, { ok: true, metrics: message.metrics, worker: index });
        return;
      case 'failed':
        if (slot.current?.id === message.jobId) this.finish(slot, { ok: false, message: message.message, worker: index });
        return;
    }
  }

  private settleReadyWaiters(): void {
    if (!this.slots.every((slot) => slot.ready)) return;
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
  }

  private rejectReadyWaiters(error: Error): void {
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
    this.terminate();
  }

  private finish(slot: Slot, outcome: JobOutcome): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const pending = slot.current;
    slot.current = null;
    pending?.resolve(outcome);
    this.dispatch();
  }

  private dispatch(): void {
    if (this.closed) return;
    this.slots.forEach((slot, index) => {
      if (!slot.ready || slot.current || this.queue.length === 0) return;
      const pending = this.queue.shift()!;
      pending.attempts++;
      slot.current = pending;
      const timeout = this.options.jobTimeoutMs ?? DEFAULT_TIMEOUT_MS;
      slot.timer = setTimeout(() => this.timeOut(index, slot, pending, timeout), timeout);
      const { job } = pending;
      slot.handle.post({
        type: 'evaluate',
        runId: job.runId,
        jobId: pending.id,
        candidateId: job.candidateId,
        genome: job.genome,
        settings: job.settings,
        seed: job.seed,
        earlyStop: job.earlyStop,
        timeLimitMs: job.timeLimitMs,
        keepBestEpoch: job.keepBestEpoch,
      });
    });
  }

  private timeOut(index: number, slot: Slot, pending: PendingJob, timeout: number): void {
    if (slot.current !== pending) return;
    slot.current = null;
    pending.resolve({
      ok: false,
      message: `Training timed out after ${Math.round(timeout / 1000)} s; the worker was restarted.`,
      worker: index,
    });
    this.replace(index, `job ${pending.job.candidateId} timed out`);
  }

  /** Terminates a worker and starts a fresh one in its slot, retrying its job if allowed. */
  private replace(index: number, reason: string): void {
    const old = this.slots[index];
    if (old.timer) clearTimeout(old.timer);
    old.handle.terminate();
    const orphan = old.current;
    this.onEvent?.({ type: 'worker-replaced', worker: index, reason });
    const fresh = this.spawn(index, old.generation + 1);
    this.slots[index] = fresh;
    if (orphan) {
      if (orphan.attempts <= (this.options.retries ?? 1)) {
        this.queue.unshift(orphan);
      } else {
        orphan.resolve({ ok: false, message: `The worker crashed ${orphan.attempts} times on this candidate (${reason}).`, worker: index });
      }
    }
  }
}
