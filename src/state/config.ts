/**
 * The run configuration schema: one table of fields with their types, ranges and defaults.
 * The store, the CLI and (later) links and run files all validate through `parseRunConfig`,
 * so a value accepted in one place is accepted everywhere.
 */

import * as v from 'valibot';
import { candidateSetProblems, defaultCandidateSet } from '../core/candidate-set';
import { analyzeGenome, type Genome } from '../core/genome';
import { EARLY_STOPPING_RULES } from '../core/early-stopping';
import { MAX_DEPTH_RANGE } from '../core/exhaustive';
import { DEFAULT_SEARCH } from '../core/search';
import { STRATEGY_NAMES, type CandidateSet } from '../core/strategy';
import { TASKS, loadedDataFile, taskOf } from '../data/tasks';
import { MAX_TOY_SAMPLES } from '../data/toy';
import { TASK_IDS, type TaskId } from '../data/types';
import { BACKENDS, OPTIMIZERS, type TrainingSettings } from '../train/types';
import type { RunConfig } from '../workers/run-config';

export interface NumericField {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly label: string;
  /** Unit shown after the value, if any. */
  readonly unit?: string;
}

/** Every numeric setting of a run, keyed by its path in `RunConfig`. */
export const NUMERIC_FIELDS = {
  'task.noise': { min: 0, max: 0.5, integer: false, label: 'Noise' },
  'task.samples': { min: 20, max: 100_000, integer: true, label: 'Samples', unit: 'examples' },
  'task.seed': { min: 0, max: 4294967295, integer: true, label: 'Data seed' },
  'search.generations': { min: 1, max: 10_000, integer: true, label: 'Generations' },
  'search.population': { min: 2, max: 200, integer: true, label: 'Population', unit: 'networks per generation' },
  'search.modulePopulation': { min: 2, max: 400, integer: true, label: 'Module population', unit: 'modules' },
  'search.networksPerBlueprint': { min: 1, max: 4, integer: true, label: 'Networks per blueprint' },
  'search.maxModuleLayers': { min: 1, max: 8, integer: true, label: 'Max layers per module' },
  'search.maxBlueprintSlots': { min: 1, max: 8, integer: true, label: 'Max modules per blueprint' },
  'search.seed': { min: 0, max: 4294967295, integer: true, label: 'Search seed' },
  'search.maxEvaluations': { min: 0, max: 100_000, integer: true, label: 'Evaluation budget in architectures (0 = no limit)' },
  'search.sampleSize': { min: 0, max: 200, integer: true, label: 'Tournament size (0 = a quarter of the population)', unit: 'networks' },
  'training.epochs': { min: 1, max: 200, integer: true, label: 'Epochs' },
  'training.batchSize': { min: 1, max: 1024, integer: true, label: 'Batch size', unit: 'examples' },
  'training.learningRate': { min: 0.00001, max: 1, integer: false, label: 'Learning rate' },
  'training.maxTrainRows': { min: 0, max: 1_000_000, integer: true, label: 'Training rows per candidate (0 = all)' },
  finalEpochs: { min: 0, max: 200, integer: true, label: 'Final training epochs (0 = off)' },
  workers: { min: 0, max: 16, integer: true, label: 'Workers (0 = auto)' },
  timeBudgetSeconds: { min: 0, max: 86_400, integer: true, label: 'Time budget in seconds (0 = no limit)' },
} as const satisfies Record<string, NumericField>;

export type NumericPath = keyof typeof NUMERIC_FIELDS;

function numeric(path: NumericPath) {
  const field: NumericField = NUMERIC_FIELDS[path];
  const kind = field.integer ? 'a whole number' : 'a number';
  return v.pipe(
    v.number(`${path} must be ${kind} from ${field.min} to ${field.max}.`),
    v.check(
      (value) =>
        Number.isFinite(value) && value >= field.min && value <= field.max && (!field.integer || Number.isInteger(value)),
      (issue) => `${path} must be ${kind} from ${field.min} to ${field.max}, got ${String(issue.input)}.`,
    ),
  );
}

const candidateSetSchema = v.pipe(
  v.object({
    layers: v.pipe(
      v.array(
        v.object({
          kind: v.string(),
          params: v.record(v.string(), v.array(v.union([v.number(), v.string(), v.boolean()]))),
        }),
      ),
      v.maxLength(64, 'The candidate set lists more than 64 layers.'),
    ),
    maxDepth: v.optional(
      v.pipe(
        v.number(),
        v.check(
          (value) => Number.isInteger(value) && value >= MAX_DEPTH_RANGE.min && value <= MAX_DEPTH_RANGE.max,
          (issue) => `search.candidateSet.maxDepth must be a whole number from ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max}, got ${String(issue.input)}.`,
        ),
      ),
    ),
  }),
  v.check((set) => candidateSetProblems(set as CandidateSet).length === 0, (issue) =>
    candidateSetProblems(issue.input as CandidateSet).join(' '),
  ),
);

const geneSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(64)),
  kind: v.string(),
  params: v.record(v.string(), v.union([v.number(), v.string(), v.boolean()])),
  inputs: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(8)),
  fixed: v.optional(v.boolean('A gene\'s "fixed" flag must be true or false.')),
});

/** Maximum length of the data file name a config keeps. */
export const MAX_FILE_NAME = 200;

/**
 * Ranges of a recorded data-file shape. A file can have more features or classes, because
 * these bound only what a link or a run file may claim before its file is read. The file
 * itself then replaces the claim.
 */
export const FILE_SHAPE_RANGES = {
  features: { min: 1, max: 100_000 },
  outputs: { min: 1, max: 10_000 },
} as const;

/** Returns why a recorded data-file shape is invalid, or null when it is valid. */
export function fileShapeProblem(shape: { kind: unknown; features: unknown; outputs: unknown }): string | null {
  if (shape.kind !== 'classification' && shape.kind !== 'regression') return `kind must be classification or regression, got ${String(shape.kind)}`;
  for (const key of ['features', 'outputs'] as const) {
    const value = shape[key];
    const { min, max } = FILE_SHAPE_RANGES[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return `${key} must be a whole number from ${min} to ${max}, got ${String(value)}`;
  }
  if (shape.kind === 'regression' && shape.outputs !== 1) return `a regression file has 1 output, got ${String(shape.outputs)}`;
  if (shape.kind === 'classification' && (shape.outputs as number) < 2) return `a classification file has at least 2 classes, got ${String(shape.outputs)}`;
  return null;
}

const fileShapeSchema = v.pipe(
  v.object({ kind: v.string(), features: v.number(), outputs: v.number() }),
  v.check(
    (shape) => fileShapeProblem(shape) === null,
    (issue) => `task.fileShape: ${fileShapeProblem(issue.input as { kind: unknown; features: unknown; outputs: unknown })}.`,
  ),
);

export const runConfigSchema = v.object({
  task: v.object({
    id: v.picklist(TASK_IDS, `task.id must be one of ${TASK_IDS.join(', ')}.`),
    noise: numeric('task.noise'),
    samples: numeric('task.samples'),
    seed: numeric('task.seed'),
    file: v.optional(v.pipe(v.string(), v.maxLength(MAX_FILE_NAME, `task.file must be a file name of at most ${MAX_FILE_NAME} characters; rename the file to a shorter name and load it again.`))),
    fileShape: v.optional(fileShapeSchema),
  }),
  search: v.object({
    strategy: v.picklist(STRATEGY_NAMES, `search.strategy must be one of ${STRATEGY_NAMES.join(', ')}.`),
    generations: numeric('search.generations'),
    population: numeric('search.population'),
    modulePopulation: numeric('search.modulePopulation'),
    networksPerBlueprint: numeric('search.networksPerBlueprint'),
    maxModuleLayers: numeric('search.maxModuleLayers'),
    maxBlueprintSlots: numeric('search.maxBlueprintSlots'),
    seed: numeric('search.seed'),
    candidateSet: candidateSetSchema,
    maxEvaluations: v.optional(numeric('search.maxEvaluations')),
    sampleSize: v.optional(numeric('search.sampleSize')),
    earlyStopping: v.optional(
      v.picklist(EARLY_STOPPING_RULES, `search.earlyStopping must be one of ${EARLY_STOPPING_RULES.join(', ')}.`),
    ),
  }),
  training: v.object({
    epochs: numeric('training.epochs'),
    batchSize: numeric('training.batchSize'),
    learningRate: numeric('training.learningRate'),
    optimizer: v.picklist(OPTIMIZERS, `training.optimizer must be one of ${OPTIMIZERS.join(', ')}.`),
    maxTrainRows: numeric('training.maxTrainRows'),
  }),
  backend: v.picklist(['auto', ...BACKENDS], `backend must be one of auto, ${BACKENDS.join(', ')}.`),
  workers: numeric('workers'),
  finalEpochs: numeric('finalEpochs'),
  timeBudgetSeconds: numeric('timeBudgetSeconds'),
  seedGenome: v.optional(v.object({ nodes: v.pipe(v.array(geneSchema), v.maxLength(200)) })),
});

/** Training settings that suit each task's size. */
const TRAINING_BY_TASK: Record<TaskId, TrainingSettings> = {
  spiral: { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  circles: { epochs: 20, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  xor: { epochs: 20, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  gaussians: { epochs: 15, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  iris: { epochs: 60, batchSize: 16, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  // Candidates train on 3,000 of the 18,000 images, and the final retraining uses all of them (FINISH_BY_TASK).
  mnist: { epochs: 2, batchSize: 64, learningRate: 0.002, optimizer: 'adam', maxTrainRows: 3000 },
  parity: { epochs: 40, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  brackets: { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  adding: { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  sin: { epochs: 100, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  step: { epochs: 100, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  sawtooth: { epochs: 100, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  polynomial: { epochs: 100, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
  custom: { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 },
};

/**
 * How a task's search ends by default: epochs of the final retraining on all training rows,
 * and a time budget in seconds (both 0 where not set). MNIST retrains the best on all
 * 18,000 images for 4 epochs, and its budget keeps a default search under 10 minutes on a
 * busy two-core machine: the search stops early enough to finish the retraining in it.
 */
const FINISH_BY_TASK: Partial<Record<TaskId, Pick<RunConfig, 'finalEpochs' | 'timeBudgetSeconds'>>> = {
  mnist: { finalEpochs: 4, timeBudgetSeconds: 480 },
  // Data files are small, so 30 epochs are enough to rank candidates, and the best few then retrain for 200.
  custom: { finalEpochs: 200, timeBudgetSeconds: 0 },
};

/** The default configuration for a task: what the app opens on and what the CLI starts from. */
export function defaultRunConfig(taskId: TaskId = 'spiral'): RunConfig {
  const task = TASKS[taskId];
  return {
    task: { id: taskId, noise: task.defaultNoise, samples: task.defaultSamples, seed: 1 },
    search: {
      ...DEFAULT_SEARCH,
      seed: 1,
      candidateSet: defaultCandidateSet(task.inputShape),
      maxEvaluations: 0,
      sampleSize: 0,
      earlyStopping: 'off',
    },
    training: TRAINING_BY_TASK[taskId],
    backend: 'auto',
    workers: 0,
    finalEpochs: FINISH_BY_TASK[taskId]?.finalEpochs ?? 0,
    timeBudgetSeconds: FINISH_BY_TASK[taskId]?.timeBudgetSeconds ?? 0,
  };
}

export type ConfigResult = { ok: true; config: RunConfig } | { ok: false; errors: string[] };

/** Validates an untrusted configuration object against the schema and the layer registry. */
export function parseRunConfig(input: unknown): ConfigResult {
  const parsed = v.safeParse(runConfigSchema, input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.issues.map((issue) => {
        const path = v.getDotPath(issue);
        return issue.message.startsWith(path ?? '\u0000') || !path ? issue.message : `${path}: ${issue.message}`;
      }),
    };
  }
  const config = parsed.output as RunConfig;
  if (TASKS[config.task.id].origin === 'generated' && config.task.samples > MAX_TOY_SAMPLES) {
    return {
      ok: false,
      errors: [`task.samples must be at most ${MAX_TOY_SAMPLES} for generated tasks, got ${config.task.samples}.`],
    };
  }
  // A data file's shape is known once it is read, or where the config recorded it. The CLI
  // checks the seed genome against the file it reads.
  const task = taskOf(config.task);
  if (config.seedGenome && (task.origin !== 'file' || loadedDataFile() !== null || config.task.fileShape !== undefined)) {
    const dataset = task;
    const analysis = analyzeGenome(config.seedGenome as Genome, {
      inputShape: dataset.inputShape,
      outputUnits: dataset.outputUnits,
    });
    if (!analysis.valid) {
      return { ok: false, errors: analysis.issues.map((issue) => `seedGenome: ${issue.message} ${issue.fix}`) };
    }
  }
  return { ok: true, config };
}
