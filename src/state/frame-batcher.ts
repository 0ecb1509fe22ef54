/**
 * Collects items that arrive in bursts (search events) and hands them over in one batch per
 * animation frame, so that the store updates, and the page renders, once per frame however
 * many events came in during it.
 *
 * Browsers pause animation frames in hidden tabs; a timer flushes then, at a slower pace.
 * Where there are no animation frames at all (Node, tests), each item is handed over at once.
 */

/** Schedules a callback; returns a function that cancels it. */
export type Scheduler = (callback: () => void) => () => void;

/** Longest wait for a flush when animation frames do not come (hidden tab). */
export const FALLBACK_FLUSH_MS = 250;

/** The browser's scheduler: the next animation frame or FALLBACK_FLUSH_MS, whichever comes first. */
export function frameScheduler(): Scheduler | null {
  if (typeof requestAnimationFrame !== 'function') return null;
  return (callback) => {
    const frame = requestAnimationFrame(callback);
    const timer = setTimeout(callback, FALLBACK_FLUSH_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  };
}

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hands over whatever is waiting now. */
  flush(): void;
}

/**
 * Returns a batcher that calls `deliver` with the items pushed since its last call, in order.
 * With a null scheduler it delivers each item as it is pushed.
 */
export function createFrameBatcher<T>(deliver: (items: T[]) => void, schedule: Scheduler | null = frameScheduler()): FrameBatcher<T> {
  let waiting: T[] = [];
  let cancel: (() => void) | null = null;

  const flush = () => {
    cancel?.();
    cancel = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    deliver(items);
  };

  return {
    push(item) {
      if (!schedule) {
        deliver([item]);
        return;
      }
      waiting.push(item);
      cancel ??= schedule(flush);
    },
    flush,
  };
}
