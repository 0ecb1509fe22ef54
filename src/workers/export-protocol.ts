/**
 * Messages of the model export worker, which trains one genome and sends back its
 * TensorFlow.js model files. It is apart from the evaluation pool, so an export can run
 * while no search does, and it loads its own data set.
 */

import type { Genome } from '../core/genome';
import type { DataFileText } from '../data/tasks';
import type { TaskConfig } from '../data/types';
import type { BackendName, BackendPreference, EvaluationMetrics, TrainingSettings } from '../train/types';

export interface ExportRequest {
  readonly type: 'export';
  readonly backend: BackendPreference;
  readonly wasmPaths?: Record<string, string>;
  /** Absolute URL the shipped data sets are fetched from. */
  readonly assetBaseUrl: string;
  readonly task: TaskConfig;
  /** The data-file task's file, which the worker cannot read from the page. */
  readonly dataFile?: DataFileText;
  readonly genome: Genome;
  readonly settings: TrainingSettings;
  readonly seed: number;
  /** Export the weights of the best epoch, as the run's final retraining scored them. */
  readonly keepBestEpoch?: boolean;
  readonly probabilities: boolean;
}

export type ExportResponse =
  | { readonly type: 'progress'; readonly epoch: number; readonly epochs: number; readonly loss: number }
  | {
      readonly type: 'done';
      readonly modelJson: string;
      /** The weights file's name, as `modelJson`'s weights manifest lists it. */
      readonly weightsFile: string;
      readonly weights: ArrayBuffer;
      readonly metrics: EvaluationMetrics;
      readonly backend: BackendName;
      /** Whether the model standardises raw features itself, in a first layer (see export-model.ts). */
      readonly standardisesInputs: boolean;
    }
  | { readonly type: 'failed'; readonly message: string };
