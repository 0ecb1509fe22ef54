/**
 * One dedicated worker that trains a single network live, off the page's main thread. It
 * receives the data set once, trains one network at a time and streams its epochs back.
 * Stopping terminates the worker, which ends training at once, even mid-batch.
 */

import type { Genome } from '../core/genome';
import type { Dataset } from '../data/types';
import type { EpochSnapshot } from '../train/live';
import type { ProbeSpec } from '../train/probe';
import type { BackendName, BackendPreference, EvaluationMetrics, TrainingSettings } from '../train/types';
import type { WorkerFactory, WorkerHandle } from './pool';
import { transferableDataset, type BackendAttempt, type WorkerResponse } from './protocol';

export interface LiveTrainerOptions {
  readonly factory: WorkerFactory;
  readonly backend: BackendPreference;
  readonly dataset: Dataset;
  /** URLs of the tfjs WASM binaries, needed in browsers only. */
  readonly wasmPaths?: Record<string, string>;
  /** Aborting terminates a worker that is still starting and rejects `start`. */
  readonly signal?: AbortSignal;
}

export interface LiveJob {
  readonly runId: string;
  readonly genome: Genome;
  readonly settings: TrainingSettings;
  readonly seed: number;
  readonly probe?: ProbeSpec;
  onEpoch(snapshot: EpochSnapshot): void;
  /** Batches done in the epoch under way, now and then within it. */
  onProgress?(progress: { readonly epoch: number; readonly batch: number; readonly batches: number }): void;
}

export type LiveOutcome = { readonly ok: true; readonly metrics: EvaluationMetrics } | { readonly ok: false; readonly message: string };

interface RunningJob {
  readonly job: LiveJob;
  readonly id: number;
  resolve(outcome: LiveOutcome): void;
}

export class LiveTrainer {
  private running: RunningJob | null = null;
  private nextJobId = 1;
  private closed = false;

  private constructor(
    private readonly handle: WorkerHandle,
    /** The backend the worker started. */
    readonly backend: BackendName,
    /** Backends tried before it, with the reason each failed. */
    readonly tried: readonly BackendAttempt[],
  ) {}

  /** Starts the worker and resolves once its backend is ready; rejects if it cannot start. */
  static start(options: LiveTrainerOptions): Promise<LiveTrainer> {
    if (options.signal?.aborted) return Promise.reject(new Error('The training worker was stopped before it started.'));
    const handle = options.factory(0);
    return new Promise((resolve, reject) => {
      let trainer: LiveTrainer | null = null;
      options.signal?.addEventListener('abort', () => {
        if (trainer) return;
        handle.terminate();
        reject(new Error('The training worker was stopped while starting.'));
      });
      handle.onMessage((message) => {
        if (trainer) {
          trainer.receive(message);
          return;
        }
        if (message.type === 'ready') {
          trainer = new LiveTrainer(handle, message.backend, message.tried);
          resolve(trainer);
        } else if (message.type === 'init-failed') {
          handle.terminate();
          reject(new Error(`The training worker could not start: ${message.message}`));
        }
      });
      handle.onError((reason) => {
        if (trainer) trainer.fail(`The training worker stopped: ${reason}`);
        else reject(new Error(`The training worker stopped while starting: ${reason}`));
      });
      const { dataset, transfer } = transferableDataset(options.dataset);
      handle.post({ type: 'init', backend: options.backend, wasmPaths: options.wasmPaths, dataset }, transfer);
    });
  }

  /** Trains one network to its end. Resolves with the outcome and never rejects. */
  train(job: LiveJob): Promise<LiveOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, message: 'The training worker is closed.' });
    if (this.running) return Promise.resolve({ ok: false, message: 'The training worker is busy with another network; stop it first.' });
    const id = this.nextJobId++;
    return new Promise((resolve) => {
      this.running = { job, id, resolve };
      this.handle.post({ type: 'train', runId: job.runId, jobId: id, genome: job.genome, settings: job.settings, seed: job.seed, probe: job.probe });
    });
  }

  /** Terminates the worker; a network in training resolves as stopped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handle.terminate();
    this.settle({ ok: false, message: 'Training was stopped.' });
  }

  private receive(message: WorkerResponse): void {
    const running = this.running;
    if (!running || !('jobId' in message) || message.jobId !== running.id) return;
    switch (message.type) {
      case 'train-epoch':
        running.job.onEpoch({ record: message.record, prediction: message.prediction });
        return;
      case 'train-progress':
        running.job.onProgress?.({ epoch: message.epoch, batch: message.batch, batches: message.batches });
        return;
      case 'train-result':
        this.settle({ ok: true, metrics: message.metrics });
        return;
      case 'train-failed':
        this.settle({ ok: false, message: message.message });
        return;
    }
  }

  private fail(message: string): void {
    this.closed = true;
    this.settle({ ok: false, message });
  }

  private settle(outcome: LiveOutcome): void {
    const running = this.running;
    this.running = null;
    running?.resolve(outcome);
  }
}
