// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../src/state/store';
import { ProgressView } from '../../src/ui/run/ProgressView';
import { ANNOUNCEMENT_INTERVAL_MS, nextAnnouncement } from '../../src/ui/run/use-throttled-announcement';
import { AppStoreProvider } from '../../src/ui/store-context';
import { runState, summary } from './run-fixtures';

// The panel only shows the run, so the environment's reader and workers are never called.
const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('the progress tests read no assets')),
  workerFactory: () => {
    throw new Error('the progress tests start no workers');
  },
};

// React reads this flag to know that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('nextAnnouncement', () => {
  const shown = { text: 'Batch 1 of 9 done.', at: 1_000 };

  it('shows a new text after the interval', () => {
    expect(nextAnnouncement(shown, 'Batch 2 of 9 done.', false, 1_000 + ANNOUNCEMENT_INTERVAL_MS)).toEqual({
      shown: { text: 'Batch 2 of 9 done.', at: 1_000 + ANNOUNCEMENT_INTERVAL_MS },
      retryAt: null,
    });
  });

  it('delays a new text within the interval', () => {
    expect(nextAnnouncement(shown, 'Batch 2 of 9 done.', false, 2_000)).toEqual({ shown, retryAt: 1_000 + ANNOUNCEMENT_INTERVAL_MS });
  });

  it('shows an urgent text at once', () => {
    expect(nextAnnouncement(shown, 'Batch 9 of 9 done.', true, 2_000)).toEqual({ shown: { text: 'Batch 9 of 9 done.', at: 2_000 }, retryAt: null });
  });

  it('clears at once and ends the wait', () => {
    const cleared = nextAnnouncement(shown, '', false, 2_000);
    expect(cleared).toEqual({ shown: { text: '', at: -Infinity }, retryAt: null });
    expect(nextAnnouncement(cleared.shown, 'Batch 1 of 9 done.', false, 2_500).shown.text).toBe('Batch 1 of 9 done.');
  });

  it('keeps the same text', () => {
    expect(nextAnnouncement(shown, shown.text, true, 50_000)).toEqual({ shown, retryAt: null });
  });
});

describe('ProgressView generation announcement', () => {
  let root: Root | null = null;

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    act(() => root?.unmount());
    root = null;
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  /** Renders the progress panel for `store` and returns its hidden generation announcement. */
  function renderProgress(store: AppStore): HTMLElement {
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() =>
      root!.render(
        <AppStoreProvider store={store}>
          <ProgressView />
        </AppStoreProvider>,
      ),
    );
    return container.querySelector('[data-testid="generation-announcement"]')!;
  }

  /** Finishes batch `done` of `total`, one second after the one before, and returns the announcement's text. */
  function finishBatch(store: AppStore, region: HTMLElement, done: number, total: number): string {
    const generations = Array.from({ length: done }, (_, generation) => summary(generation, [0.5 + generation / 1000, 0.4]));
    act(() => {
      vi.advanceTimersByTime(1_000);
      store.setState({ run: runState({ phase: 'running', generations, totalGenerations: total }) });
    });
    return region.textContent ?? '';
  }

  it('announces at most every ten seconds', () => {
    const store = createAppStore(idleEnvironment);
    const region = renderProgress(store);
    const total = 40;
    const announced: string[] = [];

    for (let done = 1; done <= total; done++) {
      const text = finishBatch(store, region, done, total);
      if (text !== announced.at(-1)) announced.push(text);
    }

    // One batch a second for 40 seconds: the first, one every ten seconds after it, and the last.
    expect(announced).toEqual([
      'Generation 1 of 40 done. Best network so far: 50.0%.',
      'Generation 11 of 40 done. Best network so far: 51.0%.',
      'Generation 21 of 40 done. Best network so far: 52.0%.',
      'Generation 31 of 40 done. Best network so far: 53.0%.',
      'Generation 40 of 40 done. Best network so far: 53.9%.',
    ]);
  });

  it('announces a held-back batch later', () => {
    const store = createAppStore(idleEnvironment);
    const region = renderProgress(store);

    expect(finishBatch(store, region, 1, 9)).toBe('Generation 1 of 9 done. Best network so far: 50.0%.');
    expect(finishBatch(store, region, 2, 9)).toBe('Generation 1 of 9 done. Best network so far: 50.0%.');

    // No batch finishes in the next nine seconds, and the waiting one is read when the interval ends.
    act(() => vi.advanceTimersByTime(ANNOUNCEMENT_INTERVAL_MS - 1_000));
    expect(region.textContent).toBe('Generation 2 of 9 done. Best network so far: 50.1%.');
  });
});
