import { afterEach, describe, expect, it } from 'vitest';
import { chainGenome } from '../../../src/core/genome';
import { nodeAssetReader } from '../../../src/data/node-assets';
import { clearDataFile } from '../../../src/data/tasks';
import { defaultRunConfig } from '../../../src/state/config';
import { SETUP_STORAGE_KEY, encodeStoredSetup, readStoredSetup, storeSetup, type StoredSetup } from '../../../src/state/persist/setup-storage';
import { Session, type AddressBar } from '../../../src/state/session/session';
import { currentSetup } from '../../../src/state/session/setup';
import { decodeShareFragment, shareFragment } from '../../../src/state/share/link-codec';
import type { ShareState } from '../../../src/state/share/share-state';
import { starterGenome } from '../../../src/state/starter';
import { createAppStore } from '../../../src/state/store';
import { nodeWorkerFactory } from '../../../src/workers/node-pool';
import { MemoryStorage } from '../persist/memory-storage';
import { typicalShare } from '../share/fixtures';

class MemoryAddressBar implements AddressBar {
  readonly replaced: string[] = [];
  readonly pushed: string[] = [];
  constructor(public fragment: string) {}
  replace(fragment: string): void {
    this.fragment = fragment;
    this.replaced.push(fragment);
  }
  push(fragment: string): void {
    this.fragment = fragment;
    this.pushed.push(fragment);
  }
}

/** Opens a page on `fragment`, as a new tab of a browser whose localStorage is `storage`. */
async function openTab(fragment: string, storage: Storage) {
  const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
  const address = new MemoryAddressBar(fragment);
  const session = new Session(app, {
    address,
    openDatabase: () => Promise.reject(new Error('IndexedDB is not available in Node.')),
    addressDelayMs: 5,
    setupStorage: storage,
  });
  await session.start();
  return { app, address, session };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storedSetupOf(storage: Storage): StoredSetup {
  const read = readStoredSetup(storage);
  if (read.kind !== 'setup') throw new Error(`expected a stored setup: ${JSON.stringify(read)}`);
  return read.setup;
}

function decode(fragment: string): ShareState {
  const result = decodeShareFragment(fragment);
  if (result.kind !== 'state') throw new Error(`expected a state: ${JSON.stringify(result)}`);
  return result.state;
}

/** Returns a setup edited away from every default: the circles task, another seed, a hand-built network. */
function editedSetup(): StoredSetup {
  const base = defaultRunConfig('circles');
  const { seedGenome: _graph, ...config } = { ...base, search: { ...base.search, seed: 77, strategy: 'random' as const } };
  return { config, graph: chainGenome([{ kind: 'dense', params: { units: 12, activation: 'tanh' } }]) };
}

describe('setup kept for new tabs', () => {
  afterEach(() => clearDataFile());

  it('restores the stored setup on a fresh start', async () => {
    const storage = new MemoryStorage();
    storeSetup(editedSetup(), storage);

    const { app, address, session } = await openTab('', storage);

    expect(currentSetup(app.getState()).config).toEqual(editedSetup().config);
    expect(app.getState().graph).toEqual(editedSetup().graph);
    const notice = session.store.getState().notice;
    expect(notice?.title).toBe('Restored the last setup edited in this browser (Circles).');
    expect(notice?.action).toBe('task-defaults');
    // The address names the restored setup, so a reload of the tab keeps it.
    expect(decode(address.fragment).config).toEqual(editedSetup().config);
  });

  it('opens the link over the stored setup', async () => {
    const storage = new MemoryStorage();
    storeSetup(editedSetup(), storage);
    const stored = storage.getItem(SETUP_STORAGE_KEY);
    const shared = typicalShare();

    const { app, session } = await openTab(shareFragment(shared), storage);
    await wait(20);

    expect(app.getState().config).toEqual(shared.config);
    expect(session.store.getState().notice).toBeNull();
    // Opening a tab is no edit, so the stored setup stays for the next new tab.
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBe(stored);
  });

  it('restores nothing for a link that fails', async () => {
    const storage = new MemoryStorage();
    storeSetup(editedSetup(), storage);

    const { app, session } = await openTab('s=%%%', storage);

    expect(app.getState().config.task.id).toBe('spiral');
    expect(session.store.getState().notice?.title).toMatch(/could not be opened/);
  });

  it('drops a corrupt entry with a notice', async () => {
    const storage = new MemoryStorage();
    storage.setItem(SETUP_STORAGE_KEY, '{"v":1,"c":');

    const { app, session } = await openTab('', storage);

    expect(app.getState().config).toEqual(defaultRunConfig('spiral'));
    const notice = session.store.getState().notice;
    expect(notice?.title).toBe('The setup saved in this browser could not be restored and was discarded; the page shows the default setup.');
    expect(notice?.error).toMatch(/^The stored setup is not valid JSON \(/);
    expect(notice?.action).toBeUndefined();
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBeNull();
  });

  it('lists the values a restore changed', async () => {
    const storage = new MemoryStorage();
    const packed = JSON.parse(encodeStoredSetup(editedSetup())) as { c: Record<string, unknown> };
    packed.c.p = -5;
    storage.setItem(SETUP_STORAGE_KEY, JSON.stringify(packed));

    const { app, session } = await openTab('', storage);

    expect(app.getState().config.search.population).toBe(2);
    const notice = session.store.getState().notice;
    expect(notice?.title).toBe('Restored the last setup edited in this browser (Circles), but some of its values were ignored or changed.');
    expect(notice?.notes.map((note) => note.field)).toEqual(['search.population']);
  });

  it('stores edits for the next tab', async () => {
    const storage = new MemoryStorage();
    const first = await openTab('', storage);
    await wait(20);
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBeNull();

    first.app.getState().actions.setTask('xor');
    first.app.getState().actions.setNumber('search.seed', 31);
    await wait(30);

    const second = await openTab('', storage);
    expect(second.app.getState().config.task.id).toBe('xor');
    expect(second.app.getState().config.search.seed).toBe(31);
  });

  it('keeps the most recent edit of two tabs', async () => {
    const storage = new MemoryStorage();
    const first = await openTab('', storage);
    const second = await openTab('', storage);

    first.app.getState().actions.setNumber('search.seed', 5);
    await wait(30);
    second.app.getState().actions.setNumber('search.seed', 6);
    await wait(30);
    // A tab that changes nothing, or only its view, keeps the other tab's edit.
    first.session.setView({ present: true, hide: [] });
    await wait(30);

    expect(storedSetupOf(storage).config.search.seed).toBe(6);
  });

  it('stores a pending edit when the page is hidden', async () => {
    const storage = new MemoryStorage();
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    const session = new Session(app, { address: new MemoryAddressBar(''), openDatabase: () => Promise.reject(new Error('none')), addressDelayMs: 60_000, setupStorage: storage });
    await session.start();

    app.getState().actions.setNumber('search.seed', 9);
    await session.flush();

    expect(storedSetupOf(storage).config.search.seed).toBe(9);
  });

  it('opens the task defaults with Back to the restored setup', async () => {
    const storage = new MemoryStorage();
    storeSetup(editedSetup(), storage);
    const { app, address, session } = await openTab('', storage);

    session.resetToTaskDefaults();

    expect(app.getState().config).toEqual(defaultRunConfig('circles'));
    expect(app.getState().graph).toEqual(starterGenome('circles'));
    expect(address.pushed).toHaveLength(1);
    expect(session.store.getState().notice?.title).toBe("Opened the default setup of Circles. The browser's Back button returns to the setup shown before.");
    // The new tab's next start gets the defaults, the most recent setup of this browser.
    expect(storedSetupOf(storage).config).toEqual(currentSetup(app.getState()).config);

    // Back opens the entry before, as the page does on hashchange.
    session.openFragment(address.replaced.at(-1)!);
    expect(currentSetup(app.getState()).config).toEqual(editedSetup().config);
    expect(app.getState().graph).toEqual(editedSetup().graph);
    expect(session.store.getState().notice).toBeNull();
  });

  it('offers no defaults for a stored default setup', async () => {
    const storage = new MemoryStorage();
    const { seedGenome: _graph, ...config } = defaultRunConfig('xor');
    storeSetup({ config, graph: starterGenome('xor') }, storage);

    const { app, session } = await openTab('', storage);

    expect(app.getState().config.task.id).toBe('xor');
    expect(session.store.getState().notice?.action).toBeUndefined();
  });

  it('restores a data-file setup as its link opens', async () => {
    const storage = new MemoryStorage();
    const custom = defaultRunConfig('custom');
    const { seedGenome: _graph, ...config } = { ...custom, task: { ...custom.task, file: 'prices.csv', fileShape: { kind: 'regression' as const, features: 2, outputs: 1 } } };
    const graph = chainGenome([{ kind: 'dense', params: { units: 6, activation: 'relu' } }]);
    storeSetup({ config, graph }, storage);
    const linked = await openTab(shareFragment({ config, graph, results: [] }), new MemoryStorage());

    const restored = await openTab('', storage);

    expect(currentSetup(restored.app.getState()).config).toEqual(currentSetup(linked.app.getState()).config);
    expect(restored.app.getState().graph).toEqual(linked.app.getState().graph);
    expect(restored.app.getState().dataset).toBeNull();
    expect(restored.session.store.getState().notice?.title).toBe('Restored the last setup edited in this browser (Data file: prices.csv).');
    // The default setup of a data-file task still names its file, as the task cannot run without one.
    restored.session.resetToTaskDefaults();
    expect(restored.app.getState().config.task.file).toBe('prices.csv');
  });
});
