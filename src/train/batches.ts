/**
 * Mini-batches and losses: rows of a data split copied into tensors, and the loss that each
 * kind of task trains on.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Split, TaskKind } from '../data/types';

/** The fields of a data set that the trainer reads. */
export type TaskShape = Pick<Dataset, 'kind' | 'inputShape' | 'outputUnits'>;

export interface Batch {
  readonly x: tf.Tensor;
  /** One-hot rows for classification, target rows for regression. */
  readonly y: tf.Tensor2D;
  readonly size: number;
}

/** Values per example in `x`. */
export const rowSize = (task: TaskShape): number => task.inputShape.reduce((acc, d) => acc * d, 1);

/**
 * Copies the rows `order[start..end)` of `split` into a batch. Class indices become one-hot
 * rows here, in JavaScript, so every backend receives the same plain float tensors.
 */
export function makeBatch(split: Split, task: TaskShape, order: ArrayLike<number>, start: number, end: number): Batch {
  const size = end - start;
  const width = rowSize(task);
  const units = task.outputUnits;
  const x = new Float32Array(size * width);
  const y = new Float32Array(size * units);

  for (let i = 0; i < size; i++) {
    const row = order[start + i];
    x.set(split.x.subarray(row * width, (row + 1) * width), i * width);
    if (task.kind === 'classification') y[i * units + split.y[row]] = 1;
    else y.set(split.y.subarray(row * units, (row + 1) * units), i * units);
  }
  return { x: tf.tensor(x, [size, ...task.inputShape]), y: tf.tensor2d(y, [size, units]), size };
}

/** Mean training loss of a batch: softmax cross-entropy on logits, or mean squared error. */
export function meanLoss(kind: TaskKind, targets: tf.Tensor2D, outputs: tf.Tensor): tf.Scalar {
  return kind === 'classification'
    ? tf.losses.softmaxCrossEntropy(targets, outputs)
    : tf.losses.meanSquaredError(targets, outputs);
}

/**
 * Checks that a split's arrays have the sizes the task implies and that every class index
 * is an integer below the class count. Throws naming the split, the row and the value.
 */
export function checkSplit(name: string, split: Split, task: TaskShape): void {
  const width = rowSize(task);
  const targetWidth = task.kind === 'classification' ? 1 : task.outputUnits;
  if (split.x.length !== split.count * width || split.y.length !== split.count * targetWidth) {
    throw new Error(
      `The ${name} split has ${split.x.length} input values and ${split.y.length} targets for ${split.count} rows, ` +
        `but the task needs ${width} inputs and ${targetWidth} target${targetWidth === 1 ? '' : 's'} per row. Rebuild the data set.`,
    );
  }
  if (task.kind !== 'classification') return;
  for (let row = 0; row < split.count; row++) {
    const label = split.y[row];
    if (!Number.isInteger(label) || label < 0 || label >= task.outputUnits) {
      throw new Error(
        `Row ${row} of the ${name} split has class ${label}, but the task has classes 0 to ${task.outputUnits - 1}. Rebuild the data set.`,
      );
    }
  }
}
