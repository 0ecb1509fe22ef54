/**
 * Collects items that arrive in bursts (search events) and hands them over in one batch per
 * animation frame, and no sooner than `minIntervalMs` after the last batch. The store then
 * updates, and the page renders, once per batch however many events come in.
 *
 * Browsers pause animation frames in hidden tabs; a timer flushes then, at a slower pace.
 * Where there are no animation frames at all (Node, tests), each item is handed over at once.
 */

/** Schedules a callback after at least `delayMs`; returns a function that cancels it. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

/** Maximum wait for a flush, past its delay, when animation frames do not come (hidden tab). */
export const FALLBACK_FLUSH_MS = 250;

/** The browser's scheduler: the first animation frame after the delay, or FALLBACK_FLUSH_MS later, whichever comes first. */
export function frameScheduler(): Scheduler | null {
  if (typeof requestAnimationFrame !== 'function') return null;
  return (callback, delayMs) => {
    let frame: number | null = null;
    const requestFrame = () => {
      frame = requestAnimationFrame(callback);
    };
    const delay = delayMs > 0 ? setTimeout(requestFrame, delayMs) : null;
    if (delay === null) requestFrame();
    const fallback = setTimeout(callback, delayMs + FALLBACK_FLUSH_MS);
    return () => {
      if (delay !== null) clearTimeout(delay);
      if (frame !== null) cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  };
}

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hands over whatever is waiting now. */
  flush(): void;
}

export interface FrameBatcherOptions {
  /** The scheduler; null delivers each item as it is pushed. Defaults to `frameScheduler()`. */
  readonly schedule?: Scheduler | null;
  /** The shortest time between two scheduled deliveries; 0 by default. `flush` ignores it. */
  readonly minIntervalMs?: number;
  /** Milliseconds from any fixed origin; `performance.now` by default. */
  readonly clock?: () => number;
}

/** Returns a batcher that calls `deliver` with the items pushed since its last call, in order. */
export function createFrameBatcher<T>(deliver: (items: T[]) => void, options: FrameBatcherOptions = {}): FrameBatcher<T> {
  const schedule = options.schedule === undefined ? frameScheduler() : options.schedule;
  const minIntervalMs = options.minIntervalMs ?? 0;
  const clock = options.clock ?? (() => performance.now());
  let waiting: T[] = [];
  let cancel: (() => void) | null = null;
  let lastDelivery = Number.NEGATIVE_INFINITY;

  const flush = () => {
    cancel?.();
    cancel = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    lastDelivery = clock();
    deliver(items);
  };

  return {
    push(item) {
      if (!schedule) {
        deliver([item]);
        return;
      }
      waiting.push(item);
      cancel ??= schedule(flush, Math.max(0, lastDelivery + minIntervalMs - clock()));
    },
    flush,
  };
}
