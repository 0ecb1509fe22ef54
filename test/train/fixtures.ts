/**
 * Data sets and helpers shared by the training tests: small real data sets (toy sets and an
 * MNIST subset from src/data), a generated regression set, and backend start-up.
 */

import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../src/core/rng';
import { nodeAssetReader } from '../../src/data/node-assets';
import { selectRows } from '../../src/data/split';
import { loadDataset } from '../../src/data/tasks';
import type { Dataset, Split } from '../../src/data/types';
import { initBackend } from '../../src/train/backend';
import type { BackendName, TrainingSettings } from '../../src/train/types';

/** Starts a backend and checks that it really is the active one. */
export async function useBackend(backend: BackendName): Promise<void> {
  const selection = await initBackend(backend);
  if (selection.backend !== backend || tf.getBackend() !== backend) {
    throw new Error(`Expected the ${backend} backend, got ${tf.getBackend()}.`);
  }
}

export function circles(samples = 300, seed = 1): Promise<Dataset> {
  return loadDataset({ id: 'circles', samples, noise: 0.1, seed }, nodeAssetReader());
}

/** Loads the first rows of each MNIST split: enough to see a conv net learn, few enough to be quick. */
export async function mnistSubset(trainRows: number, otherRows: number): Promise<Dataset> {
  const mnist = await loadDataset({ id: 'mnist', samples: 22_000, noise: 0, seed: 1 }, nodeAssetReader());
  const first = (split: Split, rows: number) => selectRows(split, Array.from({ length: Math.min(rows, split.count) }, (_, i) => i));
  return {
    ...mnist,
    train: first(mnist.train, trainRows),
    validation: first(mnist.validation, otherRows),
    test: first(mnist.test, otherRows),
  };
}

/** y = sin(3·x₀) + x₁ / 2 on uniform inputs in [-1, 1]², with a little Gaussian noise. */
export function sineRegression(seed = 1, rows = { train: 200, validation: 60, test: 60 }): Dataset {
  const rng = new Rng(seed);
  const split = (count: number): Split => {
    const x = new Float32Array(count * 2);
    const y = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      x[2 * i] = rng.float() * 2 - 1;
      x[2 * i + 1] = rng.float() * 2 - 1;
      y[i] = Math.sin(3 * x[2 * i]) + x[2 * i + 1] / 2 + 0.05 * rng.normal();
    }
    return { x, y, count };
  };
  return {
    // No task in src/data has this id, but the trainer never reads this field.
    task: 'sine' as string as Dataset['task'],
    name: 'sine regression',
    kind: 'regression',
    inputShape: [2],
    outputUnits: 1,
    train: split(rows.train),
    validation: split(rows.validation),
    test: split(rows.test),
  };
}

export const QUICK_TRAINING: TrainingSettings = {
  epochs: 3,
  batchSize: 32,
  learningRate: 0.01,
  optimizer: 'adam',
  maxTrainRows: 0,
};

/**
 * Largest |a − b| between two equally shaped lists of (nested) arrays, each tensor's difference
 * divided by max(1, its largest |b|): an absolute difference for values up to 1, a relative one
 * for tensors of larger magnitude.
 */
export function maxRelativeDifference(actual: readonly unknown[], expected: readonly unknown[]): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = [actual[i]].flat(Infinity) as number[];
    const b = [expected[i]].flat(Infinity) as number[];
    if (a.length !== b.length) return Infinity;
    const scale = Math.max(1, ...b.map(Math.abs));
    for (let j = 0; j < b.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]) / scale);
  }
  return worst;
}
