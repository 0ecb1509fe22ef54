/**
 * Hooks for the end-to-end tests and the editor benchmark. A page that defines
 * `window.__nasTestHooks` before the app loads gets the app store on it and, when it also
 * sets `renders: {}`, a count of renders per editor component and of the fitness chart's
 * finished series. Pages without it pay one
 * property lookup per render.
 */

import type { AppStore } from '../../state/store';

export interface TestHooks {
  store?: AppStore;
  renders?: Record<string, number>;
}

declare global {
  interface Window {
    __nasTestHooks?: TestHooks;
  }
}

export function exposeStoreForTests(store: AppStore): void {
  const hooks = typeof window === 'undefined' ? undefined : window.__nasTestHooks;
  if (hooks) hooks.store = store;
}

/** Counts one render of `key`, e.g. "node:l2", when a test asked for render counts. */
export function countRender(key: string): void {
  const renders = typeof window === 'undefined' ? undefined : window.__nasTestHooks?.renders;
  if (renders) renders[key] = (renders[key] ?? 0) + 1;
}
