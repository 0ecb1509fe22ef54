import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/canonical';
import { chainGenome } from '../../../src/core/genome';
import { nodeAssetReader } from '../../../src/data/node-assets';
import { clearDataFile } from '../../../src/data/tasks';
import { defaultRunConfig } from '../../../src/state/config';
import { buildRunFile } from '../../../src/state/files/run-file';
import { decodeShareFragment, shareFragment } from '../../../src/state/share/link-codec';
import { starterGenome } from '../../../src/state/starter';
import type { ShareState } from '../../../src/state/share/share-state';
import { Session, type AddressBar } from '../../../src/state/session/session';
import { createAppStore } from '../../../src/state/store';
import { nodeWorkerFactory } from '../../../src/workers/node-pool';
import { typicalShare } from '../share/fixtures';

/** An address bar kept in memory, as the page's would be. */
class MemoryAddressBar implements AddressBar {
  readonly replaced: string[] = [];
  /** Fragments of the history entries added, oldest first. */
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

async function openSession(fragment: string) {
  const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
  const address = new MemoryAddressBar(fragment);
  const session = new Session(app, {
    address,
    openDatabase: () => Promise.reject(new Error('IndexedDB is not available in Node.')),
    addressDelayMs: 5,
  });
  await session.start();
  return { app, address, session };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function decode(url: string): ShareState {
  const result = decodeShareFragment(url.slice(url.indexOf('#')));
  if (result.kind !== 'state') throw new Error(`expected a state: ${JSON.stringify(result)}`);
  return result.state;
}

describe('page session', () => {
  it('opens a link with its setup and shared results', async () => {
    const shared = typicalShare();
    const { app, session } = await openSession(shareFragment(shared, { present: true, hide: ['palette'] }));
    const state = app.getState();

    expect(state.config).toEqual(shared.config);
    expect(state.graph).toEqual(shared.graph);
    expect(state.run.runId).toBe('view:shared');
    expect(state.run.evaluations.map((e) => e.candidate.id)).toEqual(shared.results.map((r) => r.id));
    expect(state.run.best?.candidate.id).toBe(shared.results[0].id);
    expect(session.store.getState().view).toEqual({ present: true, hide: ['palette'] });
    expect(session.store.getState().storage).toBe('unavailable');
  });

  it('copies a link that reopens the same state', async () => {
    const shared = typicalShare();
    const { session } = await openSession(shareFragment(shared));
    const reopened = decode(session.shareUrl('http://127.0.0.1/', { present: false, hide: [] }));

    expect(reopened.config).toEqual(shared.config);
    expect(reopened.graph).toEqual(shared.graph);
    expect(reopened.results.map((r) => [r.id, r.fitness])).toEqual(shared.results.map((r) => [r.id, Math.round(r.fitness * 1e4) / 1e4]));
  });

  it('drops shared results once the setup changes', async () => {
    const { app, address, session } = await openSession(shareFragment(typicalShare()));
    app.getState().actions.setNumber('search.seed', 99);
    await wait(30);

    expect(decode(session.shareUrl('http://127.0.0.1/', { present: false, hide: [] })).results).toEqual([]);
    expect(address.replaced).toHaveLength(1);
    expect(decode(`#${address.fragment}`).config.search.seed).toBe(99);
  });

  it('keeps shared results when layout or workers change', async () => {
    const shared = typicalShare();
    const { app, session } = await openSession(shareFragment({ ...shared, config: { ...shared.config, workers: 2, timeBudgetSeconds: 0 } }));
    const resultCount = () => decode(session.shareUrl('http://127.0.0.1/', { present: false, hide: [] })).results.length;
    expect(resultCount()).toBe(shared.results.length);

    app.getState().editorActions.autoLayout();
    app.getState().actions.setNumber('workers', 1);
    expect(resultCount()).toBe(shared.results.length);

    // With a time budget, the worker count decides how many candidates train in time.
    app.getState().actions.setNumber('timeBudgetSeconds', 60);
    app.getState().actions.setNumber('workers', 2);
    expect(resultCount()).toBe(0);
  });

  it('replaces the address once per burst of edits', async () => {
    const { app, address } = await openSession('');
    for (const seed of [5, 6, 7, 8]) app.getState().actions.setNumber('search.seed', seed);
    app.getState().actions.setGraph(chainGenome([{ kind: 'dense', params: { units: 3, activation: 'relu' } }]));
    await wait(30);

    expect(address.replaced).toHaveLength(1);
    const state = decode(`#${address.fragment}`);
    expect(state.config.search.seed).toBe(8);
    expect(state.graph.nodes.map((node) => node.kind)).toEqual(['input', 'dense', 'output']);
    expect(state.results).toEqual([]);
  });

  it('lists what a damaged link ignored', async () => {
    const { app, session } = await openSession('s=%%%');
    const notice = session.store.getState().notice;

    expect(notice?.title).toMatch(/could not be opened/);
    expect(notice?.error).toMatch(/characters that a share link never has/);
    expect(app.getState().run.runId).toBeNull();
  });

  it('opens a link pasted into the address bar', async () => {
    const { app, session } = await openSession('');
    const shared = typicalShare();
    session.openFragment(shareFragment(shared));

    expect(app.getState().config).toEqual(shared.config);
    expect(app.getState().run.runId).toBe('view:shared');
  });

  it('clears a bad link notice when a good link opens', async () => {
    const { session } = await openSession('s=%%%');
    expect(session.store.getState().notice?.title).toMatch(/could not be opened/);

    session.openFragment(shareFragment(typicalShare()));
    expect(session.store.getState().notice).toBeNull();
  });

  it('points to Back when a link replaces edits', async () => {
    const { app, session } = await openSession('');
    session.openFragment(shareFragment(typicalShare()));
    expect(session.store.getState().notice).toBeNull();

    app.getState().actions.setGraph(chainGenome([{ kind: 'dense', params: { units: 7, activation: 'relu' } }]));
    session.openFragment(shareFragment({ ...typicalShare(), results: [] }));
    const notice = session.store.getState().notice;
    expect(notice?.title).toBe("The link's setup replaced the network you were editing. The browser's Back button returns to it.");
    expect(app.getState().graph).toEqual(typicalShare().graph);
  });

  it('keeps the way back when a run file replaces edits', async () => {
    const { app, address, session } = await openSession('');
    const edited = chainGenome([{ kind: 'dense', params: { units: 7, activation: 'relu' } }]);
    app.getState().actions.setGraph(edited);
    const config = { ...defaultRunConfig('xor'), seedGenome: starterGenome('xor') };
    const result = { candidate: { id: 'g0-0-final', generation: 0, genome: edited, hash: canonicalHash(edited), origin: { type: 'random' as const } }, metrics: null, fitness: 0, failure: 'stopped', reused: false, worker: 0, evaluation: 1, finishedAt: 0 };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [], generations: [], best: null, final: result, counts: null });

    await session.importRunFile(JSON.stringify(file), 'xor-run.json');

    // The entry before contains the edited network, and the run's setup gets an entry of its own.
    expect(decode(`#${address.replaced.at(-1)}`).graph).toEqual(edited);
    expect(address.pushed).toHaveLength(1);
    expect(decode(`#${address.pushed[0]}`).config.task.id).toBe('xor');
    expect(session.store.getState().notice?.title).toBe('Imported "xor-run.json" with 0 candidates. The browser\'s Back button returns to the network you were editing.');
    expect(app.getState().run.final?.candidate.id).toBe('g0-0-final');

    // Back opens the entry before, as the page does on hashchange, and the notice pointing to it goes.
    session.openFragment(address.replaced.at(-1)!);
    expect(app.getState().graph).toEqual(edited);
    expect(session.store.getState().notice).toBeNull();
  });

  it('keeps the way back to a setup edited before a reload', async () => {
    // A reload opens the edited setup from the address, with no undo history.
    const edited = { ...typicalShare(), results: [] };
    const { app, address, session } = await openSession(shareFragment(edited));
    expect(app.getState().editor.history.past).toHaveLength(0);
    const config = { ...defaultRunConfig('xor'), seedGenome: starterGenome('xor') };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [], generations: [], best: null, final: null, counts: null });

    await session.importRunFile(JSON.stringify(file), 'xor-run.json');

    expect(address.pushed).toHaveLength(1);
    expect(session.store.getState().notice?.title).toMatch(/The browser's Back button returns to the network you were editing\.$/);
  });

  it('keeps the address on the page\'s setup while a search runs', async () => {
    const { app, address, session } = await openSession('');
    const before = app.getState().graph;
    app.setState({ run: { ...app.getState().run, runId: 'run-1', phase: 'running' } });

    session.openFragment(shareFragment(typicalShare()));

    expect(app.getState().graph).toEqual(before);
    expect(address.pushed).toHaveLength(1);
    expect(decode(`#${address.pushed[0]}`).graph).toEqual(before);
    expect(session.store.getState().notice?.title).toBe('Stop the running search before opening another setup; then Back opens it.');
    // Back, once the search has stopped, opens the link, and the notice about it goes.
    app.setState({ run: { ...app.getState().run, phase: 'finished' } });
    session.openFragment(shareFragment(typicalShare()));
    expect(session.store.getState().notice).toBeNull();
  });

  it('counts a freshly loaded data file as no edit', async () => {
    const { address, session } = await openSession('');
    const rows = `a,b,label,split\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 4},k${i % 2},${i < 24 ? 'train' : 'test'}`).join('\n')}\n`;
    expect(session.loadDataFile(rows, 'trees.csv')).toBe(true);
    const config = { ...defaultRunConfig('xor'), seedGenome: starterGenome('xor') };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [], generations: [], best: null, final: null, counts: null });

    await session.importRunFile(JSON.stringify(file), 'xor-run.json');

    expect(address.pushed).toEqual([]);
    clearDataFile();
  });

  it('names a linked file of another shape', async () => {
    const custom = defaultRunConfig('custom');
    const config = { ...custom, task: { ...custom.task, file: 'prices.csv', fileShape: { kind: 'regression' as const, features: 2, outputs: 1 } } };
    const { app, session } = await openSession(shareFragment({ config, graph: starterGenome('custom'), results: typicalShare().results }));
    expect(app.getState().run.evaluations.length).toBeGreaterThan(0);
    const classes = `a,b,c,label,split\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 3},${i % 5},k${i % 3},${i < 24 ? 'train' : 'test'}`).join('\n')}\n`;

    expect(session.loadDataFile(classes, 'prices.csv')).toBe(true);

    expect(session.store.getState().notice?.title).toBe(
      '"prices.csv" has 3 features and 3 classes, but the setup was made on a "prices.csv" of 2 features and a number to predict. Its results were left out, and its networks now take this file\'s shape.',
    );
    expect(app.getState().config.task.fileShape).toEqual({ kind: 'classification', features: 3, outputs: 3 });
    // The link's results were found on other rows, so they are no longer shown or shared.
    expect(app.getState().run.evaluations).toEqual([]);
    expect(session.store.getState().shared).toBeNull();
    clearDataFile();
  });

  it('adds no history entry for an import over no edits', async () => {
    const { address, session } = await openSession('');
    const config = { ...defaultRunConfig('xor'), seedGenome: starterGenome('xor') };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [], generations: [], best: null, final: null, counts: null });

    await session.importRunFile(JSON.stringify(file), 'xor-run.json');

    expect(address.pushed).toEqual([]);
    expect(session.store.getState().notice?.title).toBe('Imported "xor-run.json" with 0 candidates.');
  });

  it('imports a network into the editor as an undoable edit', async () => {
    const { app, session } = await openSession('');
    const before = app.getState().graph;
    const imported = session.importNetwork(JSON.stringify(chainGenome([{ kind: 'dense', params: { units: 5, activation: 'tanh' } }])), 'net.json');

    expect(imported).toBe(true);
    expect(app.getState().graph.nodes[1].params.units).toBe(5);
    app.getState().editorActions.undo();
    expect(app.getState().graph).toEqual(before);
  });

  it('rejects an unsupported Keras layer with a clear message', async () => {
    const { session } = await openSession('');
    const keras = { class_name: 'Sequential', config: { layers: [{ class_name: 'Conv1D', config: { name: 'c', batch_input_shape: [null, 2] } }, { class_name: 'Dense', config: { name: 'o', units: 2 } }] } };
    expect(session.importNetwork(JSON.stringify(keras), 'model.json')).toBe(false);
    expect(session.store.getState().notice?.error).toMatch(/Layer "c" is a Conv1D, which the layer registry does not have\. Supported layers:/);
  });

  it('names the task for a model of other inputs', async () => {
    const { session } = await openSession('');
    const image = { class_name: 'Sequential', config: { layers: [
      { class_name: 'Conv2D', config: { name: 'c', batch_input_shape: [null, 28, 28, 1], filters: 4, kernel_size: [3, 3], activation: 'relu' } },
      { class_name: 'Flatten', config: { name: 'f' } },
      { class_name: 'Dense', config: { name: 'o', units: 10 } },
    ] } };

    expect(session.importNetwork(JSON.stringify(image), 'digits.json')).toBe(false);
    const error = session.store.getState().notice?.error ?? '';
    expect(error).toMatch(/^The model takes inputs of shape \[28,28,1\], and its layers do not fit this task's inputs of shape \[2\]\./);
    expect(error).toMatch(/Choose MNIST \(subset\) under Task, whose inputs have that shape, and import the file again\.$/);
  });

  it('matches a size of any length to every task', async () => {
    const { session } = await openSession('');
    const images = { class_name: 'Sequential', config: { layers: [
      { class_name: 'Conv2D', config: { name: 'c', batch_input_shape: [null, null, null, 1], filters: 4, kernel_size: [3, 3] } },
      { class_name: 'GlobalAveragePooling2D', config: { name: 'g' } },
      { class_name: 'Dense', config: { name: 'o', units: 10 } },
    ] } };

    expect(session.importNetwork(JSON.stringify(images), 'any-size.json')).toBe(false);
    const error = session.store.getState().notice?.error ?? '';
    expect(error).toMatch(/^The model takes inputs of shape \[null,null,1\]/);
    expect(error).toMatch(/Choose MNIST \(subset\) under Task/);
  });
});
