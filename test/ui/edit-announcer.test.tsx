// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/state/store';
import { EditAnnouncer } from '../../src/ui/editor/EditAnnouncer';
import { AppStoreProvider } from '../../src/ui/store-context';

// The editor never starts a run, so the environment's reader and workers are never called.
const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('the editor tests read no assets')),
  workerFactory: () => {
    throw new Error('the editor tests start no workers');
  },
};

// React reads this flag to know that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

/** Renders the announcer for `store` and returns its live region. */
function renderAnnouncer(store: AppStore): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <AppStoreProvider store={store}>
        <EditAnnouncer />
      </AppStoreProvider>,
    ),
  );
  return container.querySelector('[data-testid="edit-announcement"]')!;
}

/** Records the nodes added to `region`, which a screen reader reads out of a live region. */
function watchAdditions(region: HTMLElement): { take: () => string[] } {
  const texts: string[] = [];
  const record = (records: MutationRecord[]) => {
    for (const mutation of records) for (const node of mutation.addedNodes) texts.push(node.textContent ?? '');
  };
  const observer = new MutationObserver(record);
  observer.observe(region, { childList: true, subtree: true, characterData: true });

  // Returns the texts added since the last call.
  const take = () => {
    record(observer.takeRecords());
    return texts.splice(0);
  };
  return { take };
}

describe('EditAnnouncer', () => {
  it('adds content for a repeated edit', () => {
    const store = createAppStore(idleEnvironment);
    const region = renderAnnouncer(store);
    const additions = watchAdditions(region);
    const setUnits = (value: number) => () => store.getState().editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value });

    act(setUnits(12));
    expect(region.textContent).toBe('Edit: set units of l1.');
    expect(additions.take()).toEqual(['Edit: set units of l1.']);

    // A second value gives the edit the same label, so the message text stays the same.
    act(setUnits(14));
    expect(region.textContent).toBe('Edit: set units of l1.');
    expect(additions.take()).toEqual(['Edit: set units of l1.']);
  });

  it('adds content for each of two undos', () => {
    const store = createAppStore(idleEnvironment);
    const { editorActions } = store.getState();
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 12 });
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 14 });
    const region = renderAnnouncer(store);
    const additions = watchAdditions(region);

    act(editorActions.undo);
    expect(additions.take()).toEqual(['Undone: set units of l1.']);
    act(editorActions.undo);
    expect(additions.take()).toEqual(['Undone: set units of l1.']);
  });

  it('stays silent without an edit', () => {
    const store = createAppStore(idleEnvironment);
    const region = renderAnnouncer(store);
    const additions = watchAdditions(region);

    act(() => store.getState().editorActions.select(['l1']));
    expect(additions.take()).toEqual([]);
    expect(region.textContent).toBe('');
  });
});
