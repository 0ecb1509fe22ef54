/**
 * Loss, accuracy and R² of a trained model on one data split, in inference mode.
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Split } from '../data/types';
import { makeBatch, type TaskShape } from './batches';

/** Rows per forward pass while evaluating; bounds the memory one pass takes. */
const EVALUATION_BATCH = 256;

export interface SplitMetrics {
  /** Mean cross-entropy per row, or mean squared error per target value. */
  readonly loss: number;
  /** Fraction of rows classified correctly; null for regression. */
  readonly accuracy: number | null;
  /**
   * Coefficient of determination over all targets, 1 − SSE / SST, with the split's own
   * target means; null for classification.
   */
  readonly r2: number | null;
}

/** Evaluates `model` on every row of `split`. A split without rows yields NaN and nulls. */
export async function evaluateSplit(model: tfl.LayersModel, split: Split, task: TaskShape): Promise<SplitMetrics> {
  if (split.count === 0) return { loss: Number.NaN, accuracy: null, r2: null };
  const order = Array.from({ length: split.count }, (_, i) => i);
  let lossSum = 0;
  let statistic = 0;

  for (let start = 0; start < split.count; start += EVALUATION_BATCH) {
    const end = Math.min(split.count, start + EVALUATION_BATCH);
    const sums = tf.tidy(() => batchSums(model, makeBatch(split, task, order, start, end), task));
    const [loss, other] = await sums.data();
    sums.dispose();
    lossSum += loss;
    statistic += other;
  }

  if (task.kind === 'classification') {
    return { loss: lossSum / split.count, accuracy: statistic / split.count, r2: null };
  }
  const values = split.count * task.outputUnits;
  return { loss: lossSum / values, accuracy: null, r2: rSquared(lossSum, split, task) };
}

/**
 * Sums over one batch, as a tensor [loss sum, statistic]: the statistic is the count of
 * correct predictions for classification and the squared error sum again for regression.
 */
function batchSums(model: tfl.LayersModel, batch: { x: tf.Tensor; y: tf.Tensor2D }, task: TaskShape): tf.Tensor1D {
  const outputs = model.apply(batch.x, { training: false }) as tf.Tensor2D;
  if (task.kind === 'classification') {
    const loss = tf.losses.softmaxCrossEntropy(batch.y, outputs, undefined, 0, tf.Reduction.SUM);
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(outputs, 1), tf.argMax(batch.y, 1)), 'float32'));
    return tf.stack([loss, correct]) as tf.Tensor1D;
  }
  const squaredError = tf.sum(tf.squaredDifference(outputs, batch.y));
  return tf.stack([squaredError, squaredError]) as tf.Tensor1D;
}

/** 1 − SSE / SST; a split whose targets are all equal scores 1 when fitted exactly, else 0. */
function rSquared(squaredErrorSum: number, split: Split, task: TaskShape): number {
  const units = task.outputUnits;
  const means = new Float64Array(units);
  for (let i = 0; i < split.y.length; i++) means[i % units] += split.y[i] / split.count;
  let totalSum = 0;
  for (let i = 0; i < split.y.length; i++) totalSum += (split.y[i] - means[i % units]) ** 2;
  if (totalSum === 0) return squaredErrorSum === 0 ? 1 : 0;
  return 1 - squaredErrorSum / totalSum;
}
