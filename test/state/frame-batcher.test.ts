import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type Scheduler } from '../../src/state/frame-batcher';

/** A scheduler the test fires by hand, recording the delays it was asked for and what it cancelled. */
function manualScheduler() {
  const pending: (() => void)[] = [];
  const delays: number[] = [];
  let cancelled = 0;
  const schedule: Scheduler = (callback, delayMs) => {
    pending.push(callback);
    delays.push(delayMs);
    return () => {
      cancelled++;
    };
  };
  return { schedule, delays, fire: () => pending.splice(0).forEach((callback) => callback()), scheduled: () => pending.length, cancelled: () => cancelled };
}

describe('createFrameBatcher', () => {
  it('delivers a burst once, in order, when the frame comes', () => {
    const scheduler = manualScheduler();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), { schedule: scheduler.schedule });

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
    const batcher = createFrameBatcher<number>((items) => batches.push(items), { schedule: scheduler.schedule });

    batcher.push(1);
    batcher.flush();
    batcher.flush();
    expect(batches).toEqual([[1]]);
    expect(scheduler.cancelled()).toBe(1);

    batcher.push(2);
    expect(scheduler.scheduled()).toBe(2);
  });

  it('waits out the minimum interval after a delivery, and no longer', () => {
    const scheduler = manualScheduler();
    let now = 1000;
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), { schedule: scheduler.schedule, minIntervalMs: 200, clock: () => now });

    batcher.push(1);
    scheduler.fire();
    now += 50;
    batcher.push(2);
    now += 100;
    batcher.push(3);
    scheduler.fire();
    now += 500;
    batcher.push(4);
    scheduler.fire();

    // The first push follows no delivery, the second comes 50 ms after one, the last 600 ms after.
    expect(scheduler.delays).toEqual([0, 150, 0]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('delivers each item at once without a scheduler', () => {
    const batches: string[][] = [];
    const batcher = createFrameBatcher<string>((items) => batches.push(items), { schedule: null });
    batcher.push('a');
    batcher.push('b');
    expect(batches).toEqual([['a'], ['b']]);
  });
});
