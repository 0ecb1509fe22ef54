/**
 * Gives components the page session (links, run history, imports) through React context.
 * The provider creates the session for the app store above it and starts it once.
 */

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { RunDatabase } from '../../state/persist/run-db';
import { localStorageOrNull } from '../../state/persist/setup-storage';
import { Session, type AddressBar, type RunLocks, type SessionState } from '../../state/session/session';
import { decodeShareFragment } from '../../state/share/link-codec';
import { useAppStore } from '../store-context';
import { applyViewAttributes } from './view-attributes';

const SessionContext = createContext<Session | null>(null);

const browserAddressBar: AddressBar = {
  get fragment() {
    return window.location.hash.replace(/^#/, '');
  },
  replace(fragment) {
    window.history.replaceState(window.history.state, '', `#${fragment}`);
  },
  push(fragment) {
    window.history.pushState(null, '', `#${fragment}`);
  },
};

/**
 * Moves link options typed as a query (`?present=1`) into the fragment, where the session reads
 * them, so a hand-typed presenter address works like the one the Share dialog builds.
 */
function moveQueryToFragment(): void {
  const query = window.location.search.replace(/^\?/, '');
  if (!query) return;
  const fragment = browserAddressBar.fragment;
  const merged = fragment ? `${fragment}&${query}` : query;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}#${merged}`);
}

function browserRunLocks(): RunLocks | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return null;
  return {
    hold: (name, released) => void locks.request(name, () => released),
    held: async () => ((await locks.query()).held ?? []).flatMap((lock) => (lock.name ? [lock.name] : [])),
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const app = useAppStore();
  const [session] = useState(() => {
    moveQueryToFragment();
    // Lay the page out for the link's view options before anything renders, so the canvas fits its graph to the final size.
    applyViewAttributes(decodeShareFragment(browserAddressBar.fragment).view);
    return new Session(app, { address: browserAddressBar, openDatabase: () => RunDatabase.open(), locks: browserRunLocks(), setupStorage: localStorageOrNull() });
  });

  useEffect(() => {
    void session.start();
    const flush = () => void session.flush();
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Address updates from the session use replaceState and pushState, which fire no hashchange: this one is a link the user opened or Back.
    const openPastedLink = () => session.openFragment(browserAddressBar.fragment);
    window.addEventListener('hashchange', openPastedLink);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flushWhenHidden);
    return () => {
      window.removeEventListener('hashchange', openPastedLink);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flushWhenHidden);
    };
  }, [session]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession was called outside <SessionProvider>; wrap the app in it.');
  return session;
}

/** Reads a selection of the session state; the component re-renders only when it changes. */
export function useSessionState<T>(selector: (state: SessionState) => T): T {
  return useStore(useSession().store, selector);
}
