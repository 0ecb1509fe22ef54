import { describe, expect, it } from 'vitest';
import { halvingSchedule, median, medianStopEpoch, medianThresholds, promote } from '../../src/core/early-stopping';

describe('medianThresholds', () => {
  const completed = [
    [0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.95],
    [0.4, 0.5, 0.6, 0.7, 0.7, 0.8, 0.8, 0.85],
    [0.6, 0.7, 0.8, 0.8, 0.9, 0.9, 0.95, 0.95],
    [0.3, 0.4, 0.5, 0.6, 0.6, 0.7, 0.7, 0.75],
  ];

  it('takes the median of running means at each epoch', () => {
    const thresholds = medianThresholds(completed, 8);
    expect(thresholds[1]).toBeCloseTo(0.5);
    expect(thresholds[2]).toBeCloseTo(0.55);
    expect(thresholds[6]).toBeCloseTo(0.7);
  });

  it('stops none before the grace epochs or at the last epoch', () => {
    const thresholds = medianThresholds(completed, 8);
    expect(thresholds[0]).toBeNull();
    expect(thresholds[7]).toBeNull();
    expect(thresholds.slice(1, 7).every((value) => value !== null)).toBe(true);
  });

  it('stops none until three candidates completed', () => {
    expect(medianThresholds(completed.slice(0, 2), 8).every((value) => value === null)).toBe(true);
  });

  const stopCases: { name: string; curve: number[]; epoch: number | null }[] = [
    { name: 'a curve below the median from epoch 2', curve: [0.1, 0.2, 0.3], epoch: 2 },
    { name: 'a curve above the median', curve: [0.9, 0.9, 0.9, 0.9, 0.95, 0.95, 0.95, 0.99], epoch: null },
    { name: 'a curve that plateaus by epoch 4', curve: [0.5, 0.55, 0.55, 0.55, 0.55], epoch: 4 },
    { name: 'a curve whose best stays ahead', curve: [0.6, 0.7, 0.8, 0.8, 0.1], epoch: null },
    { name: 'a curve just above the median', curve: [0.45, 0.51, 0.56], epoch: null },
  ];
  for (const testCase of stopCases) {
    it(`medianStopEpoch: ${testCase.name}`, () => {
      expect(medianStopEpoch(testCase.curve, medianThresholds(completed, 8))).toBe(testCase.epoch);
    });
  }

  it('median of even and odd counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/at least one value/);
  });
});

describe('halvingSchedule', () => {
  const cases: { epochs: number; candidates: number; rungs: [number, number][] }[] = [
    { epochs: 27, candidates: 9, rungs: [[3, 9], [9, 3], [27, 1]] },
    { epochs: 20, candidates: 8, rungs: [[2, 8], [7, 3], [20, 1]] },
    { epochs: 30, candidates: 24, rungs: [[3, 24], [10, 8], [30, 3]] },
    { epochs: 3, candidates: 8, rungs: [[1, 8], [3, 3]] },
    { epochs: 1, candidates: 8, rungs: [[1, 8]] },
    { epochs: 20, candidates: 1, rungs: [[20, 1]] },
    { epochs: 20, candidates: 2, rungs: [[2, 2], [20, 1]] },
  ];
  for (const { epochs, candidates, rungs } of cases) {
    it(`plans ${epochs} epochs for ${candidates} candidates`, () => {
      expect(halvingSchedule(epochs, candidates).map((rung) => [rung.epochs, rung.candidates])).toEqual(rungs);
    });
  }

  it('ends every plan with the full budget and fewer survivors per rung', () => {
    for (let epochs = 1; epochs <= 60; epochs++) {
      for (let candidates = 1; candidates <= 30; candidates++) {
        const rungs = halvingSchedule(epochs, candidates);
        expect(rungs.at(-1)!.epochs).toBe(epochs);
        for (let k = 1; k < rungs.length; k++) {
          expect(rungs[k].epochs).toBeGreaterThan(rungs[k - 1].epochs);
          expect(rungs[k].candidates).toBeLessThan(rungs[k - 1].candidates);
        }
      }
    }
  });

  it('rejects zero epochs', () => {
    expect(() => halvingSchedule(0, 4)).toThrow(/at least 1 epoch, got 0/);
  });
});

describe('promote', () => {
  it('keeps the best, failed last, ties to earlier positions', () => {
    const scores = [
      { index: 0, fitness: 0.5, failed: false },
      { index: 1, fitness: 0.9, failed: false },
      { index: 2, fitness: 0.9, failed: false },
      { index: 3, fitness: 0, failed: true },
      { index: 4, fitness: 0.7, failed: false },
    ];
    expect(promote(scores, 2)).toEqual([1, 2]);
    expect(promote(scores, 4)).toEqual([1, 2, 4, 0]);
    expect(promote(scores, 9)).toEqual([1, 2, 4, 0, 3]);
  });
});
