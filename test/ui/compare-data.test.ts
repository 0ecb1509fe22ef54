import { describe, expect, it } from 'vitest';
import { zoomedFitnessDomain, zoomedFitnessTicks } from '../../src/ui/run/chart-data';
import { differentTasksNote } from '../../src/ui/session/compare-data';

describe('zoomedFitnessTicks', () => {
  it.each([
    [96, [90, 92, 94, 96, 98, 100]],
    [85, [80, 84, 88, 92, 96, 100]],
    [55, [50, 60, 70, 80, 90, 100]],
    [3, [0, 20, 40, 60, 80, 100]],
  ])('spaces whole-percent ticks above a lowest best of %d', (lowest, ticks) => {
    expect(zoomedFitnessTicks(zoomedFitnessDomain(lowest, 100))).toEqual(ticks);
  });

  it('spaces fraction ticks without float noise', () => {
    expect(zoomedFitnessTicks(zoomedFitnessDomain(0.55, 1))).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('differentTasksNote', () => {
  it('returns null for one task', () => {
    expect(differentTasksNote({ id: 'xor' }, { id: 'xor' })).toBeNull();
    expect(differentTasksNote({ id: 'custom', file: 'a.csv' }, { id: 'custom', file: 'a.csv' })).toBeNull();
  });

  it('names both tasks', () => {
    expect(differentTasksNote({ id: 'circles' }, { id: 'spiral' })).toBe('These runs searched different tasks, Circles and Spiral, so their fitness figures do not measure the same thing.');
  });
});

describe('differentTasksNote on data files', () => {
  it('names both data files', () => {
    expect(differentTasksNote({ id: 'custom', file: 'a.csv' }, { id: 'custom', file: 'b.csv' })).toBe(
      'These runs searched different tasks, Data file: a.csv and Data file: b.csv, so their fitness figures do not measure the same thing.',
    );
  });
});
