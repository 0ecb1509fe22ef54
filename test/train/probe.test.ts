import { describe, expect, it } from 'vitest';
import type { Split } from '../../src/data/types';
import { paddedRange, probeFor, probeInputs, probeRows, type ProbeSpec } from '../../src/train/probe';

const split = (x: number[], count: number): Split => ({ x: Float32Array.from(x), y: new Float32Array(count), count });

describe('probeInputs', () => {
  it('lays a grid out in image order at cell centres', () => {
    const grid: ProbeSpec = { kind: 'grid', xRange: [0, 4], yRange: [0, 2], resolution: 2 };

    const inputs = Array.from(probeInputs(grid));

    // Top row first (largest y), left to right.
    expect(inputs).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
    expect(probeRows(grid)).toBe(4);
  });

  it('spans a line end to end', () => {
    const line: ProbeSpec = { kind: 'line', xRange: [-1, 1], points: 5 };

    expect(Array.from(probeInputs(line))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(probeRows(line)).toBe(5);
  });
});

describe('paddedRange', () => {
  const cases: { name: string; values: number[]; stride?: number; offset?: number; expected: [number, number] }[] = [
    { name: 'widens by a tenth each side', values: [0, 10, 5], expected: [-1, 11] },
    { name: 'reads every second value', values: [0, 100, 10, -100], stride: 2, expected: [-1, 11] },
    { name: 'reads from an offset', values: [0, 100, 10, -100], stride: 2, offset: 1, expected: [-120, 120] },
    { name: 'widens equal values to ±1', values: [3, 3], expected: [2, 4] },
    { name: 'falls back to [-1, 1] when empty', values: [], expected: [-1, 1] },
    { name: 'skips values that are not finite', values: [Number.NaN, 0, 10, Infinity], expected: [-1, 11] },
  ];

  for (const { name, values, stride, offset, expected } of cases) {
    it(`paddedRange ${name}`, () => {
      expect(paddedRange(values, stride, offset)).toEqual(expected);
    });
  }
});

describe('probeFor', () => {
  it('gives a 2D classification task a 50×50 grid over its points', () => {
    const probe = probeFor({ kind: 'classification', inputShape: [2], train: split([0, -5, 10, 5], 2) });

    expect(probe).toEqual({ kind: 'grid', xRange: [-1, 11], yRange: [-6, 6], resolution: 50 });
  });

  it('gives a 1D regression task a line across its inputs', () => {
    const probe = probeFor({ kind: 'regression', inputShape: [1], train: split([0, 10, 5], 3) });

    expect(probe).toEqual({ kind: 'line', xRange: [-1, 11], points: 200 });
  });

  const none: { name: string; kind: 'classification' | 'regression'; inputShape: number[] }[] = [
    { name: 'four-feature classification', kind: 'classification', inputShape: [4] },
    { name: 'image classification', kind: 'classification', inputShape: [28, 28, 1] },
    { name: '2D regression', kind: 'regression', inputShape: [2] },
    { name: '1D classification', kind: 'classification', inputShape: [1] },
  ];
  for (const { name, kind, inputShape } of none) {
    it(`gives ${name} no probe`, () => {
      expect(probeFor({ kind, inputShape, train: split([], 0) })).toBeNull();
    });
  }
});
