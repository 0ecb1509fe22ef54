/**
 * Measurements shared by the data tests: class counts, row keys and a 1-nearest-neighbour
 * classifier used as an independent judge of how separable a set is.
 */

import type { Split } from '../../src/data/types';

/** Counts the rows of each class index from 0 to `classes - 1`. */
export function classCounts(split: Split, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of split.y) counts[label]++;
  return counts;
}

/** Returns one string per row containing its features and label, for set comparisons. */
export function rowKeys(split: Split): string[] {
  const rowSize = split.x.length / split.count;
  return Array.from({ length: split.count }, (_, row) => {
    const features = Array.from(split.x.subarray(row * rowSize, (row + 1) * rowSize));
    return `${features.join(',')}|${split.y[row]}`;
  });
}

/** Accuracy on `test` of a 1-nearest-neighbour classifier fitted on `train` (2D points). */
export function nearestNeighbourAccuracy(train: Split, test: Split): number {
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    let bestDistance = Infinity;
    let bestLabel = -1;
    for (let j = 0; j < train.count; j++) {
      const dx = test.x[2 * i] - train.x[2 * j];
      const dy = test.x[2 * i + 1] - train.x[2 * j + 1];
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        bestLabel = train.y[j];
      }
    }
    if (bestLabel === test.y[i]) correct++;
  }
  return correct / test.count;
}

/** Tells whether two float arrays contain the same bits; fast enough for millions of values. */
export function sameFloats(a: Float32Array, b: Float32Array): boolean {
  const bytesA = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const bytesB = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return bytesA.equals(bytesB);
}
