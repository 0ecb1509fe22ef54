import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import {
  SEQUENCE_FEATURES,
  SEQUENCE_LENGTHS,
  SEQUENCE_TASKS,
  generateSequenceSet,
  type SequenceSet,
  type SequenceTaskId,
} from '../../src/data/sequences';

/** Reads row `row` back as its real steps, checking that the padding before them is all zeros. */
function stepsOf(set: SequenceSet, task: SequenceTaskId, row: number): number[][] {
  const { max } = SEQUENCE_LENGTHS[task];
  const start = row * max * SEQUENCE_FEATURES;
  const steps = Array.from({ length: max }, (_, t) => Array.from(set.x.subarray(start + t * SEQUENCE_FEATURES, start + (t + 1) * SEQUENCE_FEATURES)));
  const padding = max - set.lengths[row];
  expect(steps.slice(0, padding).flat().every((value) => value === 0)).toBe(true);
  return steps.slice(padding);
}

/** Labels written independently of the generator, from the decoded steps. */
const ORACLES: Record<SequenceTaskId, (steps: number[][]) => number> = {
  parity: (steps) => steps.filter(([, one]) => one === 1).length % 2,
  brackets: (steps) => {
    let depth = 0;
    for (const [open] of steps) {
      depth += open === 1 ? 1 : -1;
      if (depth < 0) return 0;
    }
    return depth === 0 ? 1 : 0;
  },
  adding: (steps) => steps.filter(([, marker]) => marker === 1).reduce((sum, [value]) => sum + value, 0),
};

describe.each(SEQUENCE_TASKS)('sequence set %s', (task) => {
  const set = generateSequenceSet(task, 600, new Rng(5));

  it('has the requested count and shape', () => {
    const { max } = SEQUENCE_LENGTHS[task];
    expect(set.count).toBe(600);
    expect(set.x.length).toBe(600 * max * SEQUENCE_FEATURES);
    expect(set.y.length).toBe(600);
  });

  it('labels match an independent oracle', () => {
    for (let row = 0; row < set.count; row++) {
      const label = ORACLES[task](stepsOf(set, task, row));
      if (task === 'adding') expect(set.y[row]).toBeCloseTo(label, 5);
      else expect(set.y[row]).toBe(label);
    }
  });

  it('marks every real step with a non-zero feature', () => {
    for (let row = 0; row < set.count; row++) {
      for (const step of stepsOf(set, task, row)) expect(step.some((value) => value !== 0)).toBe(true);
    }
  });

  it('spreads lengths over the whole range', () => {
    const { min, max } = SEQUENCE_LENGTHS[task];
    const lengths = [...set.lengths];
    expect(Math.min(...lengths)).toBe(task === 'brackets' ? min + (min % 2) : min);
    expect(Math.max(...lengths)).toBe(task === 'brackets' ? max - (max % 2) : max);
    const counts = new Map<number, number>();
    for (const length of lengths) counts.set(length, (counts.get(length) ?? 0) + 1);
    // Uniform lengths: every length present gets a fair share (600 rows over at most 13 lengths).
    for (const count of counts.values()) expect(count).toBeGreaterThan(600 / counts.size / 2);
  });

  it('repeats for a seed and changes with it', () => {
    const again = generateSequenceSet(task, 600, new Rng(5));
    const other = generateSequenceSet(task, 600, new Rng(6));
    expect(again.x).toEqual(set.x);
    expect(again.y).toEqual(set.y);
    expect(other.x).not.toEqual(set.x);
  });

  it('rejects a sample count out of range', () => {
    expect(() => generateSequenceSet(task, 10, new Rng(1))).toThrow(new RegExp(`The ${task} set needs an integer sample count from 20 to 20000, got 10`));
  });
});

describe('sequence set details', () => {
  it('balances the classes of parity and brackets', () => {
    for (const task of ['parity', 'brackets'] as const) {
      const set = generateSequenceSet(task, 400, new Rng(9));
      expect(set.y.filter((label) => label === 1).length).toBe(200);
    }
  });

  it('gives brackets only even lengths', () => {
    const set = generateSequenceSet('brackets', 400, new Rng(3));
    expect([...set.lengths].every((length) => length % 2 === 0)).toBe(true);
  });

  it('makes counting alone insufficient for brackets', () => {
    const set = generateSequenceSet('brackets', 2000, new Rng(4));
    let equalButUnbalanced = 0;
    for (let row = 0; row < set.count; row++) {
      const steps = stepsOf(set, 'brackets', row);
      const opens = steps.filter(([open]) => open === 1).length;
      if (set.y[row] === 0 && opens * 2 === steps.length) equalButUnbalanced++;
    }
    // Half of the 1,000 unbalanced strings, give or take sampling noise.
    expect(equalButUnbalanced).toBeGreaterThan(400);
    expect(equalButUnbalanced).toBeLessThan(600);
  });

  it('marks one step in each half for the adding problem', () => {
    const set = generateSequenceSet('adding', 300, new Rng(8));
    for (let row = 0; row < set.count; row++) {
      const steps = stepsOf(set, 'adding', row);
      const half = Math.floor(steps.length / 2);
      const marked = steps.map(([, marker], t) => (marker === 1 ? t : -1)).filter((t) => t >= 0);
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(half);
      expect(marked[1]).toBeGreaterThanOrEqual(half);
    }
  });
});
