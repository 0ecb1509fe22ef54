import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type Scheduler } from '../../src/state/frame-batcher';

/** A scheduler the test fires by hand, counting what it scheduled and cancelled. */
function manualScheduler() {
  const pending: (() => void)[] = [];
  let cancelled = 0;
  const schedule: Scheduler = (callback) => {
    pending.push(callback);
    return () => {
      cancelled++;
    };
  };
  return { schedule, fire: () => pending.splice(0).forEach((callback) => callback()), scheduled: () => pending.length, cancelled: () => cancelled };
}

describe('createFrameBatcher', () => {
  it('delivers a burst once, in order, when the frame comes', () => {
    const scheduler = manualScheduler();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), scheduler.schedule);

    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(batches).toEqual([]);
    expect(scheduler.scheduled()).toBe(1);

    scheduler.fire();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes at once and cancels the scheduled frame', () => {
    const scheduler = manualScheduler();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), scheduler.schedule);

    batcher.push(1);
    batcher.flush();
    batcher.flush();
    expect(batches).toEqual([[1]]);
    expect(scheduler.cancelled()).toBe(1);

    batcher.push(2);
    expect(scheduler.scheduled()).toBe(2);
  });

  it('delivers each item at once without a scheduler', () => {
    const batches: string[][] = [];
    const batcher = createFrameBatcher<string>((items) => batches.push(items), null);
    batcher.push('a');
    batcher.push('b');
    expect(batches).toEqual([['a'], ['b']]);
  });
});
