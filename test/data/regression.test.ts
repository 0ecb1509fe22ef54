import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { REGRESSION_TASKS, generateRegressionSet, type RegressionTaskId } from '../../src/data/regression';

/** The targets written independently of the generator. */
const ORACLES: Record<RegressionTaskId, (x: number) => number> = {
  sin: (x) => Math.sin(2 * Math.PI * x),
  step: (x) => (x >= 0 ? 1 : -1),
  sawtooth: (x) => 2 * (x + 1 - Math.floor(x + 1)) - 1,
  // Chebyshev T3 from the recurrence T3 = 2x·T2 − T1 with T2 = 2x² − 1.
  polynomial: (x) => 2 * x * (2 * x * x - 1) - x,
};

describe.each(REGRESSION_TASKS)('regression set %s', (task) => {
  it('matches the oracle without noise', () => {
    const set = generateRegressionSet(task, 500, 0, new Rng(2));
    for (let row = 0; row < set.count; row++) expect(set.y[row]).toBeCloseTo(ORACLES[task](set.x[row]), 5);
  });

  it('draws x uniformly from [-1, 1)', () => {
    const set = generateRegressionSet(task, 4000, 0, new Rng(3));
    expect(Math.min(...set.x)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...set.x)).toBeLessThan(1);
    const below = set.x.filter((x) => x < 0).length;
    expect(below / set.count).toBeGreaterThan(0.45);
    expect(below / set.count).toBeLessThan(0.55);
  });

  it('adds noise of the requested spread', () => {
    const set = generateRegressionSet(task, 4000, 0.2, new Rng(4));
    const residuals = Array.from(set.y, (y, row) => y - ORACLES[task](set.x[row]));
    const spread = Math.sqrt(residuals.reduce((sum, r) => sum + r * r, 0) / residuals.length);
    expect(spread).toBeGreaterThan(0.18);
    expect(spread).toBeLessThan(0.22);
  });

  it('repeats for a seed and changes with it', () => {
    const first = generateRegressionSet(task, 100, 0.1, new Rng(42));
    expect(generateRegressionSet(task, 100, 0.1, new Rng(42)).y).toEqual(first.y);
    expect(generateRegressionSet(task, 100, 0.1, new Rng(43)).x).not.toEqual(first.x);
  });

  it('rejects noise out of range', () => {
    expect(() => generateRegressionSet(task, 100, 0.9, new Rng(1))).toThrow(new RegExp(`The ${task} set needs noise from 0 to 0.5, got 0.9`));
  });
});
