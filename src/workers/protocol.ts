/**
 * Messages between the page's side (the pool, or the live trainer) and its evaluation
 * workers: one discriminated union per direction. Every job message carries the run id and a job id, so results of a stopped
 * run or a timed-out job are recognised and dropped.
 */

import type { Genome } from '../core/genome';
import type { Dataset } from '../data/types';
import type { EarlyStopRequest } from '../train/evaluate';
import type { EpochRecord } from '../train/live';
import type { ProbeSpec } from '../train/probe';
import type { BackendName, BackendPreference, EvaluationMetrics, TrainingSettings } from '../train/types';

export type WorkerRequest =
  | {
      readonly type: 'init';
      readonly backend: BackendPreference;
      /** URLs of the tfjs WASM binaries, needed in browsers only. */
      readonly wasmPaths?: Record<string, string>;
      readonly dataset: Dataset;
    }
  | {
      readonly type: 'evaluate';
      readonly runId: string;
      readonly jobId: number;
      readonly candidateId: string;
      readonly genome: Genome;
      readonly settings: TrainingSettings;
      readonly seed: number;
      /** Thresholds of the median stopping rule, when the run stops hopeless candidates early. */
      readonly earlyStop?: EarlyStopRequest;
      /** Milliseconds the training may take (see `EvaluateOptions.timeLimitMs`). */
      readonly timeLimitMs?: number;
      /** Score the weights of the best epoch (see `EvaluateOptions.keepBestEpoch`). */
      readonly keepBestEpoch?: boolean;
    }
  | {
      /** Trains one network alone and reports every epoch (see `trainLive`). */
      readonly type: 'train';
      readonly runId: string;
      readonly jobId: number;
      readonly genome: Genome;
      readonly settings: TrainingSettings;
      readonly seed: number;
      /** Inputs to predict on now and then, for the page's plot; absent for tasks without one. */
      readonly probe?: ProbeSpec;
    }
  | { readonly type: 'cancel'; readonly runId: string; readonly jobId: number };

export interface BackendAttempt {
  readonly backend: BackendName;
  readonly error?: string;
}

export type WorkerResponse =
  | { readonly type: 'ready'; readonly backend: BackendName; readonly tried: readonly BackendAttempt[] }
  | { readonly type: 'init-failed'; readonly message: string }
  | {
      readonly type: 'progress';
      readonly runId: string;
      readonly jobId: number;
      readonly candidateId: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly loss: number;
    }
  | {
      readonly type: 'result';
      readonly runId: string;
      readonly jobId: number;
      readonly candidateId: string;
      readonly metrics: EvaluationMetrics;
    }
  | {
      readonly type: 'failed';
      readonly runId: string;
      readonly jobId: number;
      readonly candidateId: string;
      readonly message: string;
    }
  | {
      /** One completed epoch of a 'train' job; `prediction` arrives as a transferred buffer. */
      readonly type: 'train-epoch';
      readonly runId: string;
      readonly jobId: number;
      readonly record: EpochRecord;
      readonly prediction?: Float32Array;
    }
  | {
      /** Batches done in the current epoch of a 'train' job, sent now and then within an epoch. */
      readonly type: 'train-progress';
      readonly runId: string;
      readonly jobId: number;
      readonly epoch: number;
      readonly batch: number;
      readonly batches: number;
    }
  | { readonly type: 'train-result'; readonly runId: string; readonly jobId: number; readonly metrics: EvaluationMetrics }
  | { readonly type: 'train-failed'; readonly runId: string; readonly jobId: number; readonly message: string };

/**
 * Copies a data set into fresh buffers and lists them for transfer, so each worker receives
 * its own copy without a second structured-clone copy.
 */
export function transferableDataset(dataset: Dataset): { dataset: Dataset; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const copy = (values: Float32Array): Float32Array => {
    const fresh = values.slice();
    transfer.push(fresh.buffer as ArrayBuffer);
    return fresh;
  };
  const split = (s: Dataset['train']) => ({ x: copy(s.x), y: copy(s.y), count: s.count });
  return {
    dataset: {
      ...dataset,
      train: split(dataset.train),
      validation: split(dataset.validation),
      test: split(dataset.test),
    },
    transfer,
  };
}
