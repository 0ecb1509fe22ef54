/**
 * Keeps the last finished comparison in the tab's session storage, so that a reload shows it
 * again on the Compare tab. While a comparison runs, closing the tab needs a confirmation,
 * because a comparison is not saved as it goes, unlike a search.
 */

import { isComparisonActive } from '../state/comparison-state';
import { comparisonRecordText, readComparisonRecord } from '../state/persist/comparison-record';
import type { AppStore } from '../state/store';

const STORAGE_KEY = 'nas-playground.comparison';

/** Shows the comparison the tab kept, if any, and keeps each one that finishes from now on. */
export function keepComparisons(store: AppStore): void {
  const stored = globalThis.sessionStorage?.getItem(STORAGE_KEY);
  const restored = stored ? readComparisonRecord(stored) : null;
  if (restored) store.setState({ comparison: restored });
  else if (stored) globalThis.sessionStorage?.removeItem(STORAGE_KEY);

  store.subscribe((state, previous) => {
    if (state.comparison === previous.comparison) return;
    const text = comparisonRecordText(state.comparison);
    if (text === null) return;
    try {
      globalThis.sessionStorage?.setItem(STORAGE_KEY, text);
    } catch {
      // Over the storage quota: the comparison stays on the page until the tab reloads.
      globalThis.sessionStorage?.removeItem(STORAGE_KEY);
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (isComparisonActive(store.getState().comparison)) event.preventDefault();
  });
}
