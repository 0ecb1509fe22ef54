import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { MAX_TOY_SAMPLES, MIN_TOY_SAMPLES, TOY_TASKS, generateToySet, spiral, type ToyTaskId } from '../../src/data/toy';
import { classCounts, nearestNeighbourAccuracy } from './checks';

/**
 * The rule each set is generated from, written independently of the generator: it labels
 * every noise-free point correctly, so its accuracy measures how much noise blurs the classes.
 */
const ORACLES: Record<ToyTaskId, (x: number, y: number) => number> = {
  spiral: (x, y) => {
    // Arm 0 sits at angle 3.5π·r (measured from the y axis), arm 1 half a turn further.
    const radius = Math.hypot(x, y);
    const offset = (((Math.atan2(x, y) - radius * 3.5 * Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    return offset < Math.PI / 2 || offset > (3 * Math.PI) / 2 ? 0 : 1;
  },
  circles: (x, y) => (Math.hypot(x, y) < 0.6 ? 0 : 1),
  xor: (x, y) => (x * y > 0 ? 0 : 1),
  gaussians: (x, y) => (x + y > 0 ? 0 : 1),
};

function oracleAccuracy(task: ToyTaskId, noise: number, seed: number): number {
  const set = generateToySet(task, 1000, noise, new Rng(seed));
  let correct = 0;
  for (let row = 0; row < set.count; row++) {
    if (ORACLES[task](set.x[2 * row], set.x[2 * row + 1]) === set.y[row]) correct++;
  }
  return correct / set.count;
}

describe.each(TOY_TASKS)('toy set %s', (task) => {
  it('has the requested count and shape', () => {
    const set = generateToySet(task, 301, 0.1, new Rng(1));
    expect(set.count).toBe(301);
    expect(set.x.length).toBe(602);
    expect(set.y.length).toBe(301);
    expect(set.x.every(Number.isFinite)).toBe(true);
  });

  it('balances its two classes', () => {
    expect(classCounts(generateToySet(task, 400, 0.2, new Rng(2)), 2)).toEqual([200, 200]);
    expect(classCounts(generateToySet(task, 401, 0.2, new Rng(2)), 2)).toEqual([201, 200]);
  });

  it('lies roughly in [-1, 1]² without noise', () => {
    const set = generateToySet(task, 2000, 0, new Rng(3));
    const inside = set.x.filter((value) => Math.abs(value) <= 1).length;
    expect(inside / set.x.length).toBeGreaterThan(0.99);
    expect(Math.max(...set.x.map(Math.abs))).toBeLessThan(1.5);
  });

  it('repeats for a seed and changes with it', () => {
    const first = generateToySet(task, 200, 0.1, new Rng(42));
    const again = generateToySet(task, 200, 0.1, new Rng(42));
    const other = generateToySet(task, 200, 0.1, new Rng(43));
    expect(again.x).toEqual(first.x);
    expect(again.y).toEqual(first.y);
    expect(other.x).not.toEqual(first.x);
  });

  it('follows its rule exactly without noise', () => {
    expect(oracleAccuracy(task, 0, 4)).toBe(1);
  });

  it('loses separability at noise 0.5', () => {
    const cleanRule = oracleAccuracy(task, 0, 5);
    const noisyRule = oracleAccuracy(task, 0.5, 5);
    expect(noisyRule).toBeLessThan(cleanRule - 0.1);

    const clean = nearestNeighbourAccuracy(
      generateToySet(task, 400, 0, new Rng(6)),
      generateToySet(task, 400, 0, new Rng(7)),
    );
    const noisy = nearestNeighbourAccuracy(
      generateToySet(task, 400, 0.5, new Rng(6)),
      generateToySet(task, 400, 0.5, new Rng(7)),
    );
    expect(clean).toBeGreaterThan(0.95);
    expect(noisy).toBeLessThan(clean - 0.1);
    // Heavy overlap, but still better than a coin flip.
    expect(noisy).toBeGreaterThan(0.55);
  });

  it('grows less separable as noise rises', () => {
    const accuracies = [0, 0.15, 0.3, 0.5].map((noise) => oracleAccuracy(task, noise, 8));
    for (let i = 1; i < accuracies.length; i++) expect(accuracies[i]).toBeLessThan(accuracies[i - 1]);
  });
});

describe('toy set arguments', () => {
  const invalid: [string, number, number, RegExp][] = [
    ['too few samples', MIN_TOY_SAMPLES - 1, 0.1, /spiral set needs an integer sample count from 20 to 20000, got 19/],
    ['too many samples', MAX_TOY_SAMPLES + 1, 0.1, /got 20001/],
    ['fractional samples', 100.5, 0.1, /got 100\.5/],
    ['negative noise', 100, -0.01, /needs noise from 0 to 0\.5, got -0\.01/],
    ['noise above 0.5', 100, 0.51, /got 0\.51/],
    ['NaN noise', 100, Number.NaN, /got NaN/],
  ];
  it.each(invalid)('rejects %s', (_case, samples, noise, message) => {
    expect(() => spiral(samples, noise, new Rng(1))).toThrow(message);
  });
});
