/**
 * Whether the window is narrower than the side-by-side layout needs. There the app stacks its
 * panels in one scrolling column (narrow.css), results first, so that a phone can read and
 * replay a shared link.
 */

import { useSyncExternalStore } from 'react';
import { MIN_PAGE_WIDTH } from './panel-size';

/** The media query of the stacked layout: any window narrower than MIN_PAGE_WIDTH CSS pixels. */
export const NARROW_QUERY = `(max-width: ${MIN_PAGE_WIDTH - 0.02}px)`;

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const narrowNow = () => window.matchMedia(NARROW_QUERY).matches;

export function useNarrowLayout(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}
