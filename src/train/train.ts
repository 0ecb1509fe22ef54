/**
 * The training loop: seeded shuffling, mini-batches, an optimizer step per batch in training
 * mode, loss checks for divergence, progress, yielding and abort.
 *
 * It is written out instead of calling `model.fit`, whose shuffling draws from `Math.random`.
 * Running `model.apply(x, { training: true })` inside `optimizer.minimize` makes dropout drop
 * and batch normalisation use batch statistics and update its moving mean and variance
 * (tfjs-layers 4.22 writes those variables during the call).
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Rng } from '../core/rng';
import type { Split } from '../data/types';
import { makeBatch, meanLoss, type TaskShape } from './batches';
import { FusedAdamOptimizer, hasFusedAdam } from './fused-adam';
import { withSeededRandom } from './seeded-random';
import type { EvaluateOptions, OptimizerName, TrainingSettings } from './types';

/** Batches between reads of the loss: each read waits for the backend, so not every batch. */
const LOSS_CHECK_INTERVAL = 8;
/** Maximum training time between two yields to other tasks (worker messages, abort). */
const YIELD_INTERVAL_MS = 100;
/** Shortest gap between two progress reports inside an epoch. */
const PROGRESS_INTERVAL_MS = 250;

export interface TrainingOutcome {
  /** Mean training loss of each completed epoch. */
  readonly trainLoss: readonly number[];
  /** Set when a NaN or infinite loss stopped training. */
  readonly diverged?: string;
  /** True when the epoch-end hook asked to stop before the last epoch. */
  readonly stoppedEarly?: boolean;
  /** True when `timeLimitMs` ended training; the last entry of `trainLoss` is then of a partial epoch. */
  readonly timeLimited?: boolean;
}

/**
 * Called after each completed epoch with its mean training loss. Training waits for the
 * returned promise before the next epoch starts, and stops there when it resolves to 'stop'.
 */
export type EpochEndHook = (epoch: number, epochLoss: number) => Promise<void | 'stop'> | void | 'stop';

export interface TrainModelOptions extends EvaluateOptions {
  readonly onEpochEnd?: EpochEndHook;
}

/** Random sources of one training run. */
export interface TrainingRandomness {
  /** Orders the training rows of each epoch. */
  readonly order: Rng;
  /** Stands in for `Math.random` during each training step (dropout masks). */
  readonly steps: Rng;
}

/** Creates an optimizer; Adam takes one fused pass per variable where the backend has that kernel. */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return hasFusedAdam() ? new FusedAdamOptimizer(learningRate) : tf.train.adam(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
  }
}

export function abortError(signal: AbortSignal): DOMException {
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return new DOMException(`The evaluation was aborted${reason}.`, 'AbortError');
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Number of training rows used: all of them, or the first `maxTrainRows`. */
export function trainingRows(split: Split, settings: TrainingSettings): number {
  return settings.maxTrainRows > 0 ? Math.min(split.count, settings.maxTrainRows) : split.count;
}

/**
 * Trains `model` in place. Resolves with the per-epoch losses, or early with `diverged` set
 * when a loss is NaN or infinite; rejects with an AbortError when `options.signal` aborts.
 * Disposes every tensor it creates, the optimizer's included.
 */
export async function trainModel(
  model: tfl.LayersModel,
  split: Split,
  task: TaskShape,
  settings: TrainingSettings,
  randomness: TrainingRandomness,
  options: TrainModelOptions = {},
): Promise<TrainingOutcome> {
  const rows = trainingRows(split, settings);
  if (rows === 0) throw new Error('The training split is empty; a candidate needs at least one training row.');
  const batches = Math.ceil(rows / settings.batchSize);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const optimizer = createOptimizer(settings.optimizer, settings.learningRate);
  const order = Array.from({ length: rows }, (_, i) => i);
  const trainLoss: number[] = [];
  const pending: tf.Scalar[] = [];
  let lastYield = performance.now();
  let lastProgress = lastYield;
  const stopAt = options.timeLimitMs === undefined ? Infinity : lastYield + options.timeLimitMs;

  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      randomness.order.shuffle(order);
      let lossSum = 0;
      let rowsDone = 0;

      for (let batch = 0; batch < batches; batch++) {
        if (options.signal?.aborted) throw abortError(options.signal);
        const start = batch * settings.batchSize;
        const end = Math.min(rows, start + settings.batchSize);
        pending.push(trainStep(model, optimizer, variables, makeBatch(split, task, order, start, end), task, randomness.steps));

        const lastOfEpoch = batch === batches - 1;
        if (pending.length < LOSS_CHECK_INTERVAL && !lastOfEpoch) continue;

        // Every batch but the last has batchSize rows.
        const firstPending = batch - pending.length + 1;
        const losses = await readLosses(pending);
        for (let i = 0; i < losses.length; i++) {
          const size = firstPending + i === batches - 1 ? rows - (batches - 1) * settings.batchSize : settings.batchSize;
          if (!Number.isFinite(losses[i])) {
            return { trainLoss, diverged: `Training loss became ${losses[i]} at epoch ${epoch}, batch ${firstPending + i + 1} of ${batches}.` };
          }
          lossSum += losses[i] * size;
          rowsDone += size;
        }

        const now = performance.now();
        if (now >= stopAt && !lastOfEpoch) {
          trainLoss.push(lossSum / rowsDone);
          return { trainLoss, timeLimited: true };
        }
        if (lastOfEpoch || now - lastProgress >= PROGRESS_INTERVAL_MS) {
          options.onProgress?.({ epoch, epochs: settings.epochs, loss: lossSum / rowsDone, batch: batch + 1, batches });
          lastProgress = now;
        }
        if (now - lastYield >= YIELD_INTERVAL_MS) {
          await nextTask();
          lastYield = performance.now();
        }
      }
      trainLoss.push(lossSum / rowsDone);
      const request = await options.onEpochEnd?.(epoch, lossSum / rowsDone);
      if (request === 'stop' && epoch < settings.epochs) return { trainLoss, stoppedEarly: true };
      if (performance.now() >= stopAt && epoch < settings.epochs) return { trainLoss, timeLimited: true };
    }
    if (options.signal?.aborted) throw abortError(options.signal);
    return { trainLoss };
  } finally {
    tf.dispose(pending);
    optimizer.dispose();
  }
}

/** One optimizer step on one batch; returns the batch's loss and disposes the batch. */
function trainStep(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: { x: tf.Tensor; y: tf.Tensor2D },
  task: TaskShape,
  rng: Rng,
): tf.Scalar {
  try {
    return withSeededRandom(rng, () =>
      optimizer.minimize(() => meanLoss(task.kind, batch.y, model.apply(batch.x, { training: true }) as tf.Tensor), true, variables)!,
    );
  } finally {
    tf.dispose([batch.x, batch.y]);
  }
}

/** Reads and disposes the pending batch losses with one wait on the backend. */
async function readLosses(pending: tf.Scalar[]): Promise<Float32Array> {
  const stacked = tf.stack(pending);
  tf.dispose(pending.splice(0));
  try {
    return (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
}
