/**
 * Evaluating one candidate: build its model, train it, measure it on the validation and test
 * splits, and dispose every tensor, on the worker's backend or on cpu when that backend lacks
 * a kernel the candidate needs.
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertValidGenome, type Genome, type GenomeAnalysis } from '../core/genome';
import { medianStopEpoch } from '../core/early-stopping';
import { Rng, deriveSeed } from '../core/rng';
import type { Dataset } from '../data/types';
import { activateBackend } from './backend';
import { BestEpoch } from './best-epoch';
import { checkSplit, type TaskShape } from './batches';
import { registerFastGradients } from './gradients';
import { findKernelGap } from './kernels';
import { evaluateSplit, type SplitMetrics } from './metrics';
import { buildModel } from './model';
import { withSeededRandom } from './seeded-random';
import { abortError, trainModel, type EpochEndHook } from './train';
import type { BackendName, EvaluateOptions, EvaluationMetrics, TrainingSettings } from './types';

export interface CandidateOptions extends EvaluateOptions {
  /**
   * Called after each completed epoch with the model in training, so a caller can measure
   * or probe it; training waits for the returned promise. The model is disposed afterwards.
   */
  readonly onEpochEnd?: (model: tfl.LayersModel, epoch: number, epochLoss: number) => Promise<void> | void;
  /**
   * Measures the validation fitness after every epoch and stops training after the first
   * epoch where the median rule's threshold (see `medianStopEpoch`) is not met.
   */
  readonly earlyStop?: EarlyStopRequest;
  /**
   * Called once training has ended, with the weights that will be scored (those of the best
   * epoch under `keepBestEpoch`), before the model is scored and disposed.
   */
  readonly onTrained?: (model: tfl.LayersModel) => Promise<void> | void;
}

/** Per-epoch thresholds of the median stopping rule, index 0 for epoch 1; null stops nothing. */
export interface EarlyStopRequest {
  readonly thresholds: readonly (number | null)[];
}

/**
 * Trains and scores one genome. The same genome, data, settings and seed give the same
 * metrics on the cpu and wasm backends, run after run (GPU backends may differ slightly).
 * Fitness is the validation accuracy, or the validation R² clipped to [0, 1] for
 * regression; a diverged candidate scores 0. Only one evaluation may run at a time in a
 * thread, because a kernel fallback switches the global tfjs backend.
 */
export async function evaluateCandidate(
  genome: Genome,
  dataset: Dataset,
  settings: TrainingSettings,
  seed: number,
  options: CandidateOptions = {},
): Promise<EvaluationMetrics> {
  const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
  const analysis = assertValidGenome(genome, context);
  checkSettings(settings);
  checkSplit('training', dataset.train, dataset);
  checkSplit('validation', dataset.validation, dataset);
  checkSplit('test', dataset.test, dataset);
  if (dataset.validation.count === 0) {
    throw new Error('The validation split is empty. Fitness is measured on it, so it needs at least one row.');
  }
  if (options.signal?.aborted) throw abortError(options.signal);

  registerFastGradients();
  await tf.ready();
  const backend = tf.getBackend() as BackendName;
  const gap = findKernelGap(genome, context, backend);
  if (!gap) return trainAndScore(genome, analysis, dataset, settings, seed, backend, options);

  const error = await activateBackend('cpu');
  if (error) throw new Error(`${gap} The cpu backend, needed instead, could not start: ${error}`);
  try {
    const metrics = await trainAndScore(genome, analysis, dataset, settings, seed, 'cpu', options);
    return { ...metrics, fallbackReason: `${gap} Trained on cpu instead.` };
  } finally {
    await tf.setBackend(backend);
  }
}

function checkSettings(settings: TrainingSettings): void {
  const positiveIntegers = { epochs: settings.epochs, batchSize: settings.batchSize } as const;
  for (const [name, value] of Object.entries(positiveIntegers)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Training setting ${name} must be a positive integer, got ${value}.`);
    }
  }
  if (!(settings.learningRate > 0) || !Number.isFinite(settings.learningRate)) {
    throw new RangeError(`Training setting learningRate must be a positive number, got ${settings.learningRate}.`);
  }
  if (!Number.isInteger(settings.maxTrainRows) || settings.maxTrainRows < 0) {
    throw new RangeError(`Training setting maxTrainRows must be 0 (all rows) or a positive integer, got ${settings.maxTrainRows}.`);
  }
}

async function trainAndScore(
  genome: Genome,
  analysis: GenomeAnalysis,
  dataset: Dataset,
  settings: TrainingSettings,
  seed: number,
  backend: BackendName,
  options: CandidateOptions,
): Promise<EvaluationMetrics> {
  const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
  const started = performance.now();
  const model = withSeededRandom(new Rng(deriveSeed(seed, 'weights')), () => buildModel(genome, context));
  const best = options.keepBestEpoch ? new BestEpoch(model) : null;

  try {
    const randomness = { order: new Rng(deriveSeed(seed, 'order')), steps: new Rng(deriveSeed(seed, 'steps')) };
    const validationCurve: number[] = [];
    const outcome = await trainModel(model, dataset.train, dataset, settings, randomness, {
      ...options,
      onEpochEnd: epochEndHook(model, dataset, options, validationCurve, best),
    });
    const trainMs = performance.now() - started;
    const epochs = outcome.trainLoss.length;
    if (best && !outcome.diverged) {
      // A time limit ends training inside an epoch that no hook has measured.
      if (outcome.timeLimited) {
        const validation = await evaluateSplit(model, dataset.validation, dataset);
        best.offer(epochs, fitnessOf(validation), validation.loss);
      }
      best.restore(epochs);
    }
    if (!outcome.diverged) await options.onTrained?.(model);
    const common = {
      trainLoss: outcome.trainLoss,
      params: analysis.totalParams,
      flops: analysis.totalFlops,
      epochs,
      trainMs,
      backend,
      ...(options.earlyStop ? { validationCurve, stoppedEarly: outcome.stoppedEarly ?? false } : {}),
      ...(best ? { bestEpoch: best.epoch } : {}),
    };
    if (outcome.diverged) return { ...common, ...divergedScores(dataset), diverged: outcome.diverged };
    const scored = await scores(model, dataset);
    // Training can end on finite batch losses with weights whose outputs overflow on other rows.
    // Such a network ranks with the diverged ones, not as a working network of fitness 0.
    if (!Number.isFinite(scored.validationLoss)) {
      return { ...common, ...divergedScores(dataset), diverged: `Validation loss became ${scored.validationLoss} after training: the network's outputs overflow on validation rows.` };
    }
    return { ...common, ...scored };
  } finally {
    best?.dispose();
    model.dispose();
  }
}

/**
 * Combines the caller's epoch hook with the median rule and the best-epoch copy. When either
 * is on, the hook measures the validation split after each epoch once and offers its fitness
 * and loss to `best`.
 * The median rule appends it to `curve`, and the hook returns 'stop' at the epoch that
 * `medianStopEpoch` returns.
 */
function epochEndHook(model: tfl.LayersModel, dataset: Dataset, options: CandidateOptions, curve: number[], best: BestEpoch | null): EpochEndHook | undefined {
  const { onEpochEnd, earlyStop } = options;
  if (!onEpochEnd && !earlyStop && !best) return undefined;
  return async (epoch, epochLoss) => {
    await onEpochEnd?.(model, epoch, epochLoss);
    if (!earlyStop && !best) return;
    const validation = await evaluateSplit(model, dataset.validation, dataset);
    const fitness = fitnessOf(validation);
    best?.offer(epoch, fitness, validation.loss);
    if (!earlyStop) return;
    curve.push(fitness);
    return medianStopEpoch(curve, earlyStop.thresholds) === epoch ? 'stop' : undefined;
  };
}

type Scores = Pick<EvaluationMetrics, 'fitness' | 'validationLoss' | 'validationAccuracy' | 'testLoss' | 'testAccuracy' | 'validationR2' | 'testR2'>;

async function scores(model: tfl.LayersModel, dataset: Dataset): Promise<Scores> {
  const task: TaskShape = dataset;
  const validation = await evaluateSplit(model, dataset.validation, task);
  const test = await evaluateSplit(model, dataset.test, task);
  return {
    fitness: fitnessOf(validation),
    validationLoss: validation.loss,
    validationAccuracy: validation.accuracy,
    testLoss: test.loss,
    testAccuracy: test.accuracy,
    validationR2: validation.r2,
    testR2: test.r2,
  };
}

/** Validation accuracy, or validation R² clipped to [0, 1]; 0 when it is not a number. */
function fitnessOf(validation: SplitMetrics): number {
  const value = validation.accuracy ?? validation.r2 ?? 0;
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Scores of a candidate whose training diverged: the worst fitness, no loss figures. */
function divergedScores(dataset: Dataset): Scores {
  const accuracy = dataset.kind === 'classification' ? 0 : null;
  return { fitness: 0, validationLoss: Number.NaN, validationAccuracy: accuracy, testLoss: Number.NaN, testAccuracy: accuracy };
}
