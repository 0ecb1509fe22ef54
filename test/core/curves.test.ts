import { describe, expect, it } from 'vitest';
import { bestAt, bestSoFar, evaluationsToReach, meanCurve } from '../../src/core/curves';

const results = [
  { fitness: 0.5 },
  { fitness: 0, failed: true },
  { fitness: 0.7 },
  { fitness: 0.7, reused: true },
  { fitness: 0.6 },
  { fitness: 0.9 },
];

describe('bestSoFar', () => {
  it('counts distinct architectures and keeps the best', () => {
    expect(bestSoFar(results)).toEqual([
      { evaluations: 1, best: 0.5 },
      { evaluations: 2, best: 0.5 },
      { evaluations: 3, best: 0.7 },
      { evaluations: 4, best: 0.7 },
      { evaluations: 5, best: 0.9 },
    ]);
  });

  it('starts at 0 while every candidate failed', () => {
    expect(bestSoFar([{ fitness: 0.4, failed: true }])).toEqual([{ evaluations: 1, best: 0 }]);
  });
});

describe('curve helpers', () => {
  const curve = bestSoFar(results);

  it('evaluationsToReach finds the first point at the target', () => {
    expect(evaluationsToReach(curve, 0.7)).toBe(3);
    expect(evaluationsToReach(curve, 0.9)).toBe(5);
    expect(evaluationsToReach(curve, 0.95)).toBeNull();
    expect(evaluationsToReach(curve, 0.707, 0.01)).toBe(3);
  });

  it('evaluationsToReach tolerates below a negative target', () => {
    const negative = [
      { evaluations: 1, best: -0.8 },
      { evaluations: 2, best: -0.503 },
      { evaluations: 3, best: -0.5 },
    ];

    expect(evaluationsToReach(negative, -0.5)).toBe(3);
    expect(evaluationsToReach(negative, -0.5, 0.01)).toBe(2);
  });

  it('bestAt reads a point and holds the last one', () => {
    expect(bestAt(curve, 2)).toBe(0.5);
    expect(bestAt(curve, 50)).toBe(0.9);
    expect(bestAt(curve, 0)).toBe(0);
  });

  it('meanCurve averages over the shortest length', () => {
    const mean = meanCurve([curve, bestSoFar([{ fitness: 0.1 }, { fitness: 0.3 }])]);
    expect(mean).toHaveLength(2);
    expect(mean[1].best).toBeCloseTo(0.4);
  });
});
