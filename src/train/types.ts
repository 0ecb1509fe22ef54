/**
 * Types of the training layer, shared with the workers and the coordinator.
 */

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | 'auto';

export const OPTIMIZERS = ['adam', 'sgd', 'momentum', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** How one candidate is trained. */
export interface TrainingSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  /** Train on at most this many training rows (a low-fidelity pass); 0 means all. */
  readonly maxTrainRows: number;
}

export const DEFAULT_TRAINING: TrainingSettings = {
  epochs: 8,
  batchSize: 32,
  learningRate: 0.01,
  optimizer: 'adam',
  maxTrainRows: 0,
};

/** Metrics of one trained candidate. Accuracies are fractions in [0, 1]. */
export interface EvaluationMetrics {
  /** Higher is better: validation accuracy, or validation R² clipped to [0, 1] for regression. */
  readonly fitness: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number | null;
  readonly testLoss: number;
  readonly testAccuracy: number | null;
  /** Coefficient of determination on the validation split for regression; absent or null for classification. */
  readonly validationR2?: number | null;
  /** Coefficient of determination on the test split for regression; absent or null for classification. */
  readonly testR2?: number | null;
  /** Mean training loss of each epoch. */
  readonly trainLoss: readonly number[];
  readonly params: number;
  /** Forward-pass FLOPs per example. */
  readonly flops: number;
  readonly epochs: number;
  /** Milliseconds spent building and training the model; evaluation on the splits is not included. */
  readonly trainMs: number;
  /** The backend that trained this candidate. */
  readonly backend: BackendName;
  /** Why the candidate ran on another backend than the worker's own, if it did. */
  readonly fallbackReason?: string;
  /** Validation fitness after each epoch, measured only when early stopping asked for it. */
  readonly validationCurve?: readonly number[];
  /** True when early stopping ended training before the last epoch; fitness is that epoch's validation figure. */
  readonly stoppedEarly?: boolean;
  /** Set when training stopped on a NaN or infinite loss; fitness is 0 then. */
  readonly diverged?: string;
  /** The epoch whose weights were scored, when `keepBestEpoch` asked for the best one. */
  readonly bestEpoch?: number;
}

/** Training progress of one candidate, reported after each check of the loss. */
export interface TrainingProgress {
  /** The epoch in progress, from 1. */
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss over the batches of this epoch so far. */
  readonly loss: number;
  /** Batches of this epoch done so far; equals `batches` at the end of the epoch. */
  readonly batch: number;
  readonly batches: number;
}

export interface EvaluateOptions {
  /**
   * Milliseconds training may take: at the first loss check past it, training stops and the
   * model is scored as it is, with its last epoch partly trained. For a final retraining
   * under a time budget.
   */
  readonly timeLimitMs?: number;
  /**
   * Measures the validation fitness after every epoch and scores the model with the weights
   * of its best epoch (the earliest on ties). For the final retraining, whose many epochs can
   * pass the point where validation fitness stops rising.
   */
  readonly keepBestEpoch?: boolean;
  onProgress?(progress: TrainingProgress): void;
  /** Aborting rejects the evaluation with a DOMException named AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Most features the exported model's fixed standardising layer takes (see export-model.ts). Its
 * kernel has features² weights, 4 MB at this bound; a wider file's model takes standardised
 * features instead.
 */
export const MAX_STANDARDISED_FEATURES = 1024;
