/**
 * Data set types shared by the generators, the loaders, the trainer and the workers.
 */

export const CLASSIFICATION_TASKS = ['spiral', 'circles', 'xor', 'gaussians', 'iris', 'mnist'] as const;
/** Sequence tasks where memory matters: inputs are [timesteps, features]. */
export const SEQUENCE_TASK_IDS = ['parity', 'brackets', 'adding'] as const;
/** 1D regression targets: inputs are [1]. */
export const REGRESSION_TASK_IDS = ['sin', 'step', 'sawtooth', 'polynomial'] as const;
/** Rows read from a data file of the user's (the CLI's --data; see data-file.ts). */
export const FILE_TASK_IDS = ['custom'] as const;
export const TASK_IDS = [...CLASSIFICATION_TASKS, ...SEQUENCE_TASK_IDS, ...REGRESSION_TASK_IDS, ...FILE_TASK_IDS] as const;
export type TaskId = (typeof TASK_IDS)[number];

export type TaskKind = 'classification' | 'regression';

/** What a user sets for a task; generated tasks use every field, shipped ones ignore some. */
export interface TaskConfig {
  readonly id: TaskId;
  /** Label or position noise of generated toy sets, from 0 to 0.5. */
  readonly noise: number;
  /** Number of examples to generate for toy sets (all splits together). */
  readonly samples: number;
  /** Seed of the generator and of the train/validation/test split. */
  readonly seed: number;
  /** The data-file task's file name: the file whose rows a setup was made on. */
  readonly file?: string;
  /**
   * The data-file task's shape, as that file gave it, so that a link or a saved run shows
   * its networks' input and head before the file is chosen again.
   */
  readonly fileShape?: DataFileShape;
}

/** The part of a network that a data file fixes: its kind of task, its feature count and its head's width. */
export interface DataFileShape {
  readonly kind: TaskKind;
  readonly features: number;
  /** Classes for classification, 1 for regression. */
  readonly outputs: number;
}

/** One split: `x` holds `count` rows of the input shape, `y` holds `count` rows of targets. */
export interface Split {
  readonly x: Float32Array;
  /** Class index per row for classification; `outputUnits` values per row for regression. */
  readonly y: Float32Array;
  readonly count: number;
}

export interface Dataset {
  readonly task: TaskId;
  readonly name: string;
  readonly kind: TaskKind;
  /** Shape of one example, without the batch axis. */
  readonly inputShape: readonly number[];
  /** Number of classes, or number of regression targets. */
  readonly outputUnits: number;
  readonly classNames?: readonly string[];
  readonly train: Split;
  /** Carved from the training data; fitness is measured here. */
  readonly validation: Split;
  /** Used only to report the test accuracy of candidates already chosen. */
  readonly test: Split;
  /**
   * The standardisation the splits went through, per feature: raw values minus `mean`, over
   * `std`. Absent where features are used as they are.
   */
  readonly scaling?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /**
   * The standardisation of a regression file's targets: raw target minus `mean`, over `std`.
   * Networks predict standardised targets, and exports undo it. Absent elsewhere.
   */
  readonly targetScaling?: { readonly mean: number; readonly std: number };
}

/** Reads a file shipped under `public/`, by its path relative to that folder. */
export type AssetReader = (path: string) => Promise<Uint8Array>;
