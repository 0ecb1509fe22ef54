import { describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/state/store';
import { editAnnouncement, type EditorStep } from '../../src/ui/editor/EditAnnouncer';

// The editor never starts a run, so the environment's reader and workers are never called.
const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('the editor tests read no assets')),
  workerFactory: () => {
    throw new Error('the editor tests start no workers');
  },
};

const stepOf = (store: AppStore): EditorStep => ({ history: store.getState().editor.history, model: store.getState().editor.model });

/** Returns the announcement of what `act` does to the store's editor. */
function announce(store: AppStore, act: () => void): string | null {
  const before = stepOf(store);
  act();
  return editAnnouncement(before, stepOf(store));
}

describe('edit announcement', () => {
  it('names a new edit', () => {
    const store = createAppStore(idleEnvironment);
    const { editorActions } = store.getState();
    editorActions.select(['l2']);

    expect(announce(store, () => editorActions.addLayer('dense'))).toBe('Edit: insert Dense l3 after l2.');
  });

  it('names an undo and a redo', () => {
    const store = createAppStore(idleEnvironment);
    const { editorActions } = store.getState();
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 12 });

    expect(announce(store, editorActions.undo)).toBe('Undone: set units of l1.');
    expect(announce(store, editorActions.redo)).toBe('Redone: set units of l1.');
  });

  it('tells a new edit from a redo', () => {
    const store = createAppStore(idleEnvironment);
    const { editorActions } = store.getState();
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 12 });
    editorActions.undo();

    // The same change again clears the one undone edit, as a redo would, but it is a new edit.
    const again = announce(store, () => editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 12 }));
    expect(again).toBe('Edit: set units of l1.');
  });

  it('stays silent without an edit', () => {
    const store = createAppStore(idleEnvironment);
    const { editorActions } = store.getState();

    expect(announce(store, () => editorActions.select(['l1']))).toBeNull();
    expect(announce(store, editorActions.undo)).toBeNull();
    expect(announce(store, () => editorActions.loadGraph(store.getState().graph, { resetHistory: true }))).toBeNull();
  });
});
