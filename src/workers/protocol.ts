/**
 * Messages between the pool and its evaluation workers: one discriminated union per
 * direction. Every job message carries the run id and a job id, so results of a stopped
 * run or a timed-out job are recognised and dropped.
 */

import type { Genome } from '../core/genome';
import type { Dataset } from '../data/types';
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
    };

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
