/**
 * The body of an evaluation worker, independent of the worker API that hosts it: the
 * browser entry and the Node worker_threads entry both pass their messages through here.
 *
 * A worker runs one job at a time: a candidate to evaluate, or a network to train live.
 * Requests that arrive while it is busy wait in order, and a cancel request aborts the
 * matching job, running or waiting.
 */

import type { Dataset } from '../data/types';
import { initBackend } from '../train/backend';
import { evaluateCandidate } from '../train/evaluate';
import { trainLive } from '../train/live';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** Shortest gap between two progress messages of one candidate. */
const PROGRESS_POST_INTERVAL_MS = 250;

/** Sends a message to the page; buffers listed in `transfer` move instead of being copied. */
type Post = (message: WorkerResponse, transfer?: ArrayBuffer[]) => void;
type EvaluateRequest = Extract<WorkerRequest, { type: 'evaluate' }>;
type TrainRequest = Extract<WorkerRequest, { type: 'train' }>;

export class EvaluationRuntime {
  private dataset: Dataset | null = null;
  private readonly queue: (EvaluateRequest | TrainRequest)[] = [];
  private readonly aborts = new Map<number, AbortController>();
  private busy = false;

  constructor(private readonly post: Post) {}

  handle(request: WorkerRequest): void {
    switch (request.type) {
      case 'init':
        void this.init(request);
        return;
      case 'evaluate':
      case 'train':
        this.queue.push(request);
        void this.drain();
        return;
      case 'cancel': {
        const waiting = this.queue.findIndex((job) => job.jobId === request.jobId);
        if (waiting >= 0) this.queue.splice(waiting, 1);
        this.aborts.get(request.jobId)?.abort();
        return;
      }
    }
  }

  private async init(request: Extract<WorkerRequest, { type: 'init' }>): Promise<void> {
    try {
      const { backend, tried } = await initBackend(request.backend, { wasmPaths: request.wasmPaths });
      this.dataset = request.dataset;
      this.post({ type: 'ready', backend, tried });
    } catch (error) {
      this.post({ type: 'init-failed', message: errorMessage(error) });
    }
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const job = this.queue.shift()!;
        await (job.type === 'evaluate' ? this.run(job) : this.train(job));
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(job: EvaluateRequest): Promise<void> {
    const { runId, jobId, candidateId } = job;
    if (!this.dataset) {
      this.post({ type: 'failed', runId, jobId, candidateId, message: 'The worker received a job before its data set.' });
      return;
    }
    const abort = new AbortController();
    this.aborts.set(jobId, abort);
    let lastProgress = Number.NEGATIVE_INFINITY;
    try {
      const metrics = await evaluateCandidate(job.genome, this.dataset, job.settings, job.seed, {
        signal: abort.signal,
        earlyStop: job.earlyStop,
        timeLimitMs: job.timeLimitMs,
        keepBestEpoch: job.keepBestEpoch,
        onProgress: ({ epoch, epochs, loss }) => {
          // Small networks finish an epoch every few milliseconds; the page needs a few updates a second.
          const now = performance.now();
          if (now - lastProgress < PROGRESS_POST_INTERVAL_MS) return;
          lastProgress = now;
          this.post({ type: 'progress', runId, jobId, candidateId, epoch, epochs, loss });
        },
      });
      this.post({ type: 'result', runId, jobId, candidateId, metrics });
    } catch (error) {
      if (!abort.signal.aborted) {
        this.post({ type: 'failed', runId, jobId, candidateId, message: errorMessage(error) });
      }
    } finally {
      this.aborts.delete(jobId);
    }
  }

  private async train(job: TrainRequest): Promise<void> {
    const { runId, jobId } = job;
    if (!this.dataset) {
      this.post({ type: 'train-failed', runId, jobId, message: 'The worker received a job before its data set.' });
      return;
    }
    const abort = new AbortController();
    this.aborts.set(jobId, abort);
    try {
      const metrics = await trainLive(job.genome, this.dataset, job.settings, job.seed, {
        signal: abort.signal,
        probe: job.probe,
        onProgress: ({ epoch, batch, batches }) => this.post({ type: 'train-progress', runId, jobId, epoch, batch, batches }),
        onEpoch: ({ record, prediction }) =>
          this.post({ type: 'train-epoch', runId, jobId, record, prediction }, prediction ? [prediction.buffer as ArrayBuffer] : []),
      });
      this.post({ type: 'train-result', runId, jobId, metrics });
    } catch (error) {
      if (!abort.signal.aborted) this.post({ type: 'train-failed', runId, jobId, message: errorMessage(error) });
    } finally {
      this.aborts.delete(jobId);
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
