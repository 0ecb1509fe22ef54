import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome } from '../../src/core/genome';
import { createAppStore, type AppStore } from '../../src/state/store';
import { shapeContextOf } from '../../src/state/graph-context';
import { starterGenome } from '../../src/state/starter';

// The editor never starts a run, so the environment's reader and workers are never called.
const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('the editor tests read no assets')),
  workerFactory: () => {
    throw new Error('the editor tests start no workers');
  },
};

function editorStore(): AppStore {
  return createAppStore(idleEnvironment);
}

const ids = (store: AppStore) => store.getState().editor.model.genome.nodes.map((gene) => gene.id);
const inputsOf = (store: AppStore, id: string) => store.getState().graph.nodes.find((gene) => gene.id === id)?.inputs;

describe('editor in the store', () => {
  it('graph follows every edit', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l1']);
    editorActions.addLayer('dropout');

    expect(store.getState().graph).toBe(store.getState().editor.model.genome);
    expect(ids(store)).toContain('l3');
  });

  it('addLayer inserts after the selected layer', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l1']);
    editorActions.addLayer('dropout');

    expect(inputsOf(store, 'l3')).toEqual(['l1']);
    expect(inputsOf(store, 'l2')).toEqual(['l3']);
    expect(store.getState().editor.selection).toEqual(['l3']);
    expect(analyzeGenome(store.getState().graph, shapeContextOf(store.getState().config)).valid).toBe(true);

    const before = store.getState().editor.history.past.at(-1)!.model.positions.get('l2')!;
    const after = store.getState().editor.model.positions.get('l2')!;
    expect(after.x, 'downstream layers move one column right').toBeGreaterThan(before.x);
  });

  it('addLayer makes room in its row only', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    // MNIST's starting network, laid out in two rows of four.
    actions.setTask('mnist');
    const before = new Map(store.getState().editor.model.positions);
    expect(before.get('l4')!.y).toBeGreaterThan(before.get('l2')!.y);
    editorActions.select(['l2']);
    editorActions.addLayer('dropout');

    const after = store.getState().editor.model.positions;
    expect(after.get('l3')!.x, 'the rest of the row moves right').toBeGreaterThan(before.get('l3')!.x);
    for (const id of ['l4', 'l5', 'l6', 'output']) expect(after.get(id), `${id} in the next row stays`).toEqual(before.get(id));
  });

  it('addLayer leaves an unfitting layer unconnected', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l1']);
    editorActions.addLayer('conv2d');

    expect(inputsOf(store, 'l3')).toEqual([]);
    expect(inputsOf(store, 'l2')).toEqual(['l1']);
    expect(store.getState().editor.notice?.message).toMatch(/^The new Conv2D was placed near Dense "l1" without a connection: Conv2D expects a 3D input \[height, width, channels\] but receives \[\d+\]\.$/);
  });

  it('addLayer connects a merge after the selected layer', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l2']);
    editorActions.addLayer('add');

    expect(inputsOf(store, 'l3')).toEqual(['l2']);
    expect(inputsOf(store, 'output')).toEqual(['l2']);
  });

  it('addLayer appends without a selection', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.addLayer('dropout');
    editorActions.addLayer('dense');

    expect(inputsOf(store, 'l3')).toEqual(['l2']);
    expect(inputsOf(store, 'l4')).toEqual(['l3']);
    expect(inputsOf(store, 'output')).toEqual(['l4']);
    const positions = store.getState().editor.model.positions;
    expect(positions.get('l4')!.x).toBeGreaterThan(positions.get('l3')!.x);
    expect(positions.get('output')!.x).toBeGreaterThan(positions.get('l4')!.x);
  });

  it('addLayer redoes an automatic layout', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    // About the canvas of a 1024-pixel window: eight boxes in one row would be too small to read.
    editorActions.setFrame({ width: 600, height: 230 });
    editorActions.autoLayout();
    const loads = store.getState().editor.loads;
    for (let i = 0; i < 4; i++) editorActions.addLayer('dense');

    const positions = store.getState().editor.model.positions;
    expect(new Set([...positions.values()].map((position) => position.y)).size).toBeGreaterThan(1);
    expect(store.getState().editor.history.past.at(-1)?.label).toBe('insert Dense l6 after l5, then lay out');
    expect(store.getState().editor.loads).toBe(loads + 4);
    editorActions.undo();
    expect(store.getState().editor.loads).toBe(loads + 5);
  });

  it('lays out the first network for its canvas', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    const loads = store.getState().editor.loads;
    // A 1024-pixel window's canvas: four boxes in one row would show at about half size.
    editorActions.setFrame({ width: 440, height: 230 });

    const { model, history } = store.getState().editor;
    expect(new Set([...model.positions.values()].map((position) => position.y)).size).toBeGreaterThan(1);
    expect(store.getState().editor.loads).toBe(loads + 1);
    expect(history.past).toHaveLength(0);
  });

  it('follows the canvas until edited', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    const rows = () => new Set([...store.getState().editor.model.positions.values()].map((position) => position.y)).size;
    editorActions.setFrame({ width: 440, height: 230 });
    expect(rows()).toBeGreaterThan(1);
    // A window made wider gives the untouched network its one row back.
    editorActions.setFrame({ width: 1400, height: 300 });
    expect(rows()).toBe(1);
  });

  it('waits for a canvas with room', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    // A hidden canvas measures nothing; the first real size still lays the network out.
    editorActions.setFrame({ width: -20, height: -20 });
    expect(store.getState().editor.frame).toBeNull();
    editorActions.setFrame({ width: 440, height: 230 });
    expect(new Set([...store.getState().editor.model.positions.values()].map((position) => position.y)).size).toBeGreaterThan(1);
  });

  it('keeps an edited network for its canvas', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.applyGraphChange({ type: 'move-nodes', positions: new Map([['l1', { x: 40, y: 400 }]]) });
    editorActions.setFrame({ width: 440, height: 230 });

    expect(store.getState().editor.model.positions.get('l1')).toEqual({ x: 40, y: 400 });
  });

  it('addLayer keeps arranged places', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.setFrame({ width: 600, height: 230 });
    editorActions.autoLayout();
    editorActions.applyGraphChange({ type: 'move-nodes', positions: new Map([['l1', { x: 40, y: 400 }]]) });
    editorActions.addLayer('dense');

    expect(store.getState().editor.model.positions.get('l1')).toEqual({ x: 40, y: 400 });
    expect(store.getState().editor.history.past.at(-1)?.label).toBe('insert Dense l3 after l2');
  });

  it('addLayer centres what cannot append', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.setViewCentre({ x: 2000, y: 1000 });
    // A convolution cannot take the flat input of the starting task.
    editorActions.addLayer('conv2d');

    const position = store.getState().editor.model.positions.get('l3')!;
    expect(position.x).toBeGreaterThan(1800);
    expect(position.y).toBeGreaterThan(900);
    expect(inputsOf(store, 'l3')).toEqual([]);
    expect(inputsOf(store, 'output')).toEqual(['l2']);
    expect(store.getState().editor.notice?.message).toMatch(
      /^The new Conv2D was placed in view without a connection, as it cannot follow Dense "l2" at the end of the network: Conv2D expects a 3D input/,
    );
  });

  it('addLayer on the output head appends', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['output']);
    editorActions.addLayer('dense');

    expect(inputsOf(store, 'output')).toEqual(['l3']);
    expect(inputsOf(store, 'l3')).toEqual(['l2']);
  });

  it('undo and redo walk the edits', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    const start = store.getState().graph;
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 3 });
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 5 });

    editorActions.undo();
    expect(store.getState().graph.nodes[1].params.units).toBe(3);
    editorActions.undo();
    expect(store.getState().graph).toBe(start);
    editorActions.redo();
    editorActions.redo();
    expect(store.getState().graph.nodes[1].params.units).toBe(5);
    expect(store.getState().editor.history.past.map((entry) => entry.label)).toEqual(['set units of l1', 'set units of l1']);
  });

  it('a rejected edit sets the notice', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    const accepted = editorActions.applyGraphChange({ type: 'connect', from: 'l2', to: 'l1' });

    expect(accepted).toBe(false);
    expect(store.getState().editor.notice?.message).toMatch(/would close the loop/);
    expect(store.getState().editor.history.past).toHaveLength(0);

    editorActions.applyGraphChange({ type: 'connect', from: 'input', to: 'output' });
    expect(store.getState().editor.notice).toBeNull();
  });

  it('copy and paste keep inner connections', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l1', 'l2']);
    editorActions.copySelection();
    editorActions.paste();

    expect(store.getState().editor.selection).toEqual(['l3', 'l4']);
    expect(inputsOf(store, 'l3')).toEqual([]);
    expect(inputsOf(store, 'l4')).toEqual(['l3']);

    editorActions.paste();
    const first = store.getState().editor.model.positions.get('l3')!;
    const second = store.getState().editor.model.positions.get('l5')!;
    expect(second.x).toBeGreaterThan(first.x);
  });

  it('duplicate keeps outside inputs', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l2']);
    editorActions.duplicateSelection();

    expect(inputsOf(store, 'l3')).toEqual(['l1']);
    expect(store.getState().editor.selection).toEqual(['l3']);
  });

  it('duplicate goes clear of the original', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['l2']);
    editorActions.duplicateSelection();

    const { positions } = store.getState().editor.model;
    const original = positions.get('l2')!;
    const copy = positions.get('l3')!;
    expect(copy.x).toBe(original.x);
    expect(copy.y - original.y).toBeGreaterThanOrEqual(78);
    for (const [id, at] of positions) {
      if (id !== 'l3') expect(Math.abs(at.x - copy.x) < 176 && Math.abs(at.y - copy.y) < 78, `l3 covers ${id}`).toBe(false);
    }
  });

  it('duplicates a group clear of every layer', () => {
    const store = editorStore();
    store.getState().actions.setTask('mnist');
    const { editorActions } = store.getState();
    editorActions.setFrame({ width: 800, height: 260 });
    editorActions.autoLayout();
    editorActions.select(['l1', 'l2']);
    editorActions.duplicateSelection();

    const { positions } = store.getState().editor.model;
    const copies = store.getState().editor.selection;
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      const at = positions.get(copy)!;
      for (const [id, other] of positions) {
        if (id !== copy) expect(Math.abs(at.x - other.x) < 176 && Math.abs(at.y - other.y) < 78, `${copy} covers ${id}`).toBe(false);
      }
    }
  });

  it('duplicate names the input and output', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['input']);
    editorActions.duplicateSelection();

    expect(ids(store)).toEqual(['input', 'l1', 'l2', 'output']);
    expect(store.getState().editor.notice?.message).toMatch(/input node and the output head cannot be deleted or duplicated/);
  });

  it('delete skips the input and output', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    editorActions.select(['input', 'l1']);
    editorActions.deleteSelection();
    expect(ids(store)).toEqual(['input', 'l2', 'output']);

    editorActions.select(['output']);
    editorActions.deleteSelection();
    expect(ids(store)).toEqual(['input', 'l2', 'output']);
    expect(store.getState().editor.notice?.message).toMatch(/input node and the output head cannot be deleted/);
  });

  it('setGraph loads an undoable graph', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    const loaded = chainGenome([{ kind: 'dense', params: { units: 4 } }]);
    actions.setGraph(loaded);

    expect(store.getState().graph).toBe(loaded);
    expect(store.getState().editor.model.positions.size).toBe(3);
    editorActions.undo();
    expect(ids(store)).toEqual(['input', 'l1', 'l2', 'output']);
  });

  it('refits the view when a load is undone or redone', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    const loads = () => store.getState().editor.loads;
    actions.setGraph(chainGenome([{ kind: 'dense', params: { units: 4 } }]));
    expect(loads()).toBe(1);

    editorActions.undo();
    expect(loads()).toBe(2);
    editorActions.redo();
    expect(loads()).toBe(3);

    // An ordinary edit, undone, keeps the view where the user left it.
    expect(editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 5 })).toBe(true);
    editorActions.undo();
    expect(loads()).toBe(3);
  });

  it('refits after undoing auto layout', () => {
    const store = editorStore();
    const { editorActions } = store.getState();
    const loads = () => store.getState().editor.loads;
    editorActions.applyGraphChange({ type: 'move-nodes', positions: new Map([['l1', { x: 900, y: 400 }]]) });
    editorActions.autoLayout();
    expect(store.getState().editor.history.past.at(-1)?.label).toBe('auto layout');
    const before = loads();

    editorActions.undo();
    expect(store.getState().editor.model.positions.get('l1')).toEqual({ x: 900, y: 400 });
    expect(loads()).toBe(before + 1);
    editorActions.redo();
    expect(loads()).toBe(before + 2);
  });

  it('setTask swaps an untouched starting network', () => {
    const store = editorStore();
    store.getState().actions.setTask('mnist');

    expect(store.getState().graph).toEqual(starterGenome('mnist'));
    expect(store.getState().editor.history.past).toHaveLength(0);
    expect(analyzeGenome(store.getState().graph, shapeContextOf(store.getState().config)).valid).toBe(true);
  });

  it('setTask keeps an edited network that fits', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'units', value: 3 });
    const edited = store.getState().graph;
    actions.setTask('circles');

    expect(store.getState().config.task.id).toBe('circles');
    expect(store.getState().graph).toEqual(edited);
    expect(store.getState().editor.notice).toBeNull();
  });

  it('setTask clears a finished search only', () => {
    const store = editorStore();
    const showRun = (phase: 'finished' | 'running') =>
      store.setState({ run: { ...store.getState().run, runId: 'run-a', phase, outcome: phase === 'finished' ? 'completed' : null } });

    showRun('finished');
    store.getState().actions.setTask('spiral');
    expect(store.getState().run.runId).toBe('run-a');

    store.getState().actions.setTask('xor');
    expect(store.getState().run.runId).toBeNull();
    expect(store.getState().run.phase).toBe('idle');

    showRun('running');
    store.getState().actions.setTask('circles');
    expect(store.getState().run.runId).toBe('run-a');
  });

  it('setTask replaces a misfit as an edit Undo reverses', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    // A convolutional network, edited, does not fit a task of two plain features.
    actions.setTask('mnist');
    editorActions.applyGraphChange({ type: 'set-param', nodeId: 'l1', param: 'filters', value: 8 });
    const edited = store.getState().graph;
    actions.setTask('spiral');

    expect(store.getState().graph).toEqual(starterGenome('spiral'));
    expect(store.getState().editor.notice?.message).toMatch(
      /^Switched to Spiral, whose data your network does not fit\. Conv2D "l1": .+ The editor shows Spiral's starting network; Undo brings yours back\.$/,
    );
    editorActions.undo();
    expect(store.getState().graph).toEqual(edited);
  });

  it('setTask keeps a network still being built', () => {
    const store = editorStore();
    const { actions, editorActions } = store.getState();
    // An unconnected layer makes the network invalid before the switch as well as after it.
    actions.setTask('mnist');
    editorActions.addLayer('dense', { x: 0, y: 300 });
    const unfinished = store.getState().graph;
    actions.setTask('spiral');

    expect(store.getState().graph).toEqual(unfinished);
  });
});
