/**
 * Seeded, class-stratified splits and the feature scaling fitted on the training split.
 */

import type { Rng } from '../core/rng';
import type { Split } from './types';

/** Row indices of the three splits, each in a seeded random order. */
export interface SplitIndices {
  readonly train: readonly number[];
  readonly validation: readonly number[];
  readonly test: readonly number[];
}

/** Fractions of each class that go to validation and test. The rest goes to training. */
export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

export const SIXTY_TWENTY_TWENTY: SplitFractions = { validation: 0.2, test: 0.2 };

/**
 * Splits rows by class so that every split keeps the class proportions.
 *
 * Within each class the rows are shuffled and cut: `round(n · validation)` rows go to
 * validation, `round(n · test)` to test, the rest to training. Each split is then shuffled
 * so that training batches do not arrive sorted by class.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  classes: number,
  fractions: SplitFractions,
  rng: Rng,
): SplitIndices {
  checkFractions(fractions);
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];

  for (const rows of rowsByClass(labels, classes)) {
    rng.shuffle(rows);
    const validationCount = Math.round(rows.length * fractions.validation);
    const testCount = Math.round(rows.length * fractions.test);
    validation.push(...rows.slice(0, validationCount));
    test.push(...rows.slice(validationCount, validationCount + testCount));
    train.push(...rows.slice(validationCount + testCount));
  }

  return { train: rng.shuffle(train), validation: rng.shuffle(validation), test: rng.shuffle(test) };
}

/** Groups row indices by class index, rejecting labels that are not a class index. */
export function rowsByClass(labels: ArrayLike<number>, classes: number): number[][] {
  const groups: number[][] = Array.from({ length: classes }, () => []);
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`Row ${row} has label ${label}, which is not a class index from 0 to ${classes - 1}.`);
    }
    groups[label].push(row);
  }
  return groups;
}

/** Copies the given rows of `examples` into a new split, in the order of `rows`. */
export function selectRows(examples: Split, rows: readonly number[]): Split {
  const rowSize = examples.x.length / examples.count;
  const x = new Float32Array(rows.length * rowSize);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    x.set(examples.x.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
    y[i] = examples.y[row];
  });
  return { x, y, count: rows.length };
}

/** Per-feature mean and standard deviation (population form, dividing by n). */
export interface FeatureScaling {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/** Measures the mean and standard deviation of each feature of `split`. */
export function fitStandardScaling(split: Split): FeatureScaling {
  const features = split.x.length / split.count;
  const mean = new Float32Array(features);
  const std = new Float32Array(features);

  for (let f = 0; f < features; f++) {
    let sum = 0;
    for (let row = 0; row < split.count; row++) sum += split.x[row * features + f];
    const m = sum / split.count;

    let squares = 0;
    for (let row = 0; row < split.count; row++) squares += (split.x[row * features + f] - m) ** 2;
    mean[f] = m;
    // A constant feature keeps its scale instead of dividing by zero.
    std[f] = Math.sqrt(squares / split.count) || 1;
  }
  return { mean, std };
}

/** Returns a copy of `split` with every feature shifted and scaled by `scaling`. */
export function applyScaling(split: Split, scaling: FeatureScaling): Split {
  const features = scaling.mean.length;
  const x = new Float32Array(split.x.length);
  for (let i = 0; i < x.length; i++) {
    const f = i % features;
    x[i] = (split.x[i] - scaling.mean[f]) / scaling.std[f];
  }
  return { x, y: split.y, count: split.count };
}

function checkFractions(fractions: SplitFractions): void {
  const { validation, test } = fractions;
  if (!(validation >= 0 && test >= 0 && validation + test < 1)) {
    throw new RangeError(
      `Split fractions need validation >= 0, test >= 0 and validation + test < 1, got validation ${validation} and test ${test}.`,
    );
  }
}
