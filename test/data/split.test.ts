import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import {
  SIXTY_TWENTY_TWENTY,
  applyScaling,
  fitStandardScaling,
  rowsByClass,
  selectRows,
  stratifiedSplit,
} from '../../src/data/split';
import type { Split } from '../../src/data/types';

/** Labels 0, 1, 2 with 50, 30 and 20 rows, interleaved. */
function unevenLabels(): number[] {
  const labels: number[] = [];
  for (let i = 0; i < 50; i++) labels.push(0);
  for (let i = 0; i < 30; i++) labels.push(1);
  for (let i = 0; i < 20; i++) labels.push(2);
  return new Rng(99).shuffle(labels);
}

function countLabels(labels: number[], rows: readonly number[]): number[] {
  const counts = [0, 0, 0];
  for (const row of rows) counts[labels[row]]++;
  return counts;
}

describe('stratifiedSplit', () => {
  it('covers every row exactly once', () => {
    const labels = unevenLabels();
    const split = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(1));
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, row) => row));
  });

  it('keeps class proportions in each split', () => {
    const labels = unevenLabels();
    const split = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(2));
    expect(countLabels(labels, split.validation)).toEqual([10, 6, 4]);
    expect(countLabels(labels, split.test)).toEqual([10, 6, 4]);
    expect(countLabels(labels, split.train)).toEqual([30, 18, 12]);
  });

  it('repeats for a seed and changes with it', () => {
    const labels = unevenLabels();
    const first = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(3));
    const again = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(3));
    const other = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(4));
    expect(again).toEqual(first);
    expect(other.validation).not.toEqual(first.validation);
  });

  it('does not leave splits sorted by class', () => {
    const labels = unevenLabels();
    const split = stratifiedSplit(labels, 3, SIXTY_TWENTY_TWENTY, new Rng(5));
    const trainLabels = split.train.map((row) => labels[row]);
    expect(trainLabels).not.toEqual([...trainLabels].sort());
  });

  it('allows an empty test split', () => {
    const labels = unevenLabels();
    const split = stratifiedSplit(labels, 3, { validation: 0.1, test: 0 }, new Rng(6));
    expect(split.test).toEqual([]);
    expect(countLabels(labels, split.validation)).toEqual([5, 3, 2]);
    expect(split.train.length).toBe(90);
  });

  const badFractions: [string, number, number][] = [
    ['negative validation', -0.1, 0.2],
    ['negative test', 0.2, -0.1],
    ['nothing left to train', 0.5, 0.5],
    ['NaN validation', Number.NaN, 0.2],
  ];
  it.each(badFractions)('rejects %s', (_case, validation, test) => {
    expect(() => stratifiedSplit([0, 1], 2, { validation, test }, new Rng(1))).toThrow(
      /Split fractions need validation >= 0, test >= 0 and validation \+ test < 1/,
    );
  });
});

describe('rowsByClass', () => {
  it('groups rows by label', () => {
    expect(rowsByClass([1, 0, 1, 2], 3)).toEqual([[1], [0, 2], [3]]);
  });

  const badLabels: [string, number[], RegExp][] = [
    ['label past the last class', [0, 3], /Row 1 has label 3, which is not a class index from 0 to 2/],
    ['negative label', [-1], /Row 0 has label -1/],
    ['fractional label', [0.5], /Row 0 has label 0\.5/],
  ];
  it.each(badLabels)('rejects a %s', (_case, labels, message) => {
    expect(() => rowsByClass(labels, 3)).toThrow(message);
  });
});

describe('selectRows', () => {
  it('copies rows in the given order', () => {
    const examples: Split = { x: new Float32Array([0, 1, 10, 11, 20, 21]), y: new Float32Array([0, 1, 2]), count: 3 };
    const picked = selectRows(examples, [2, 0]);
    expect(picked.count).toBe(2);
    expect(Array.from(picked.x)).toEqual([20, 21, 0, 1]);
    expect(Array.from(picked.y)).toEqual([2, 0]);
  });
});

describe('standard scaling', () => {
  const examples: Split = {
    x: new Float32Array([1, 5, 2, 5, 3, 5, 6, 5]),
    y: new Float32Array([0, 0, 1, 1]),
    count: 4,
  };

  it('measures mean and population std', () => {
    const scaling = fitStandardScaling(examples);
    expect(scaling.mean[0]).toBeCloseTo(3, 6);
    expect(scaling.std[0]).toBeCloseTo(Math.sqrt((4 + 1 + 0 + 9) / 4), 6);
  });

  it('gives the fitted split mean 0 and std 1', () => {
    const scaled = applyScaling(examples, fitStandardScaling(examples));
    const first = [0, 1, 2, 3].map((row) => scaled.x[row * 2]);
    const mean = first.reduce((a, b) => a + b) / 4;
    const variance = first.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(variance).toBeCloseTo(1, 5);
  });

  it('leaves a constant feature unscaled', () => {
    const scaling = fitStandardScaling(examples);
    expect(scaling.std[1]).toBe(1);
    const scaled = applyScaling(examples, scaling);
    expect(scaled.x[1]).toBe(0);
  });

  it('keeps labels and count', () => {
    const scaled = applyScaling(examples, fitStandardScaling(examples));
    expect(scaled.count).toBe(4);
    expect(scaled.y).toBe(examples.y);
  });
});
