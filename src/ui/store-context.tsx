/**
 * Gives components the app store through React context, so a test or a second page can
 * provide its own store instead of a module-level singleton.
 */

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from '../state/store';

const AppStoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

/** Returns the app store itself, for code that subscribes to it or reads it outside rendering. */
export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useApp was called outside <AppStoreProvider>; wrap the app in it with a store from createAppStore.');
  return store;
}

/** Reads a selection of the app state; the component re-renders only when the selection changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** Returns the store's actions, which never change identity. */
export function useActions(): AppActions {
  return useApp((state) => state.actions);
}
