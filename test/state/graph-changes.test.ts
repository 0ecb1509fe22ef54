import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome, type LayerGene } from '../../src/core/genome';
import { defaultParams, type LayerKind, type LayerParams, type ShapeContext } from '../../src/core/layers';
import { applyChange, describeChange, type GraphChange } from '../../src/state/graph-changes';
import { EMPTY_HISTORY, HISTORY_LIMIT, recordEdit, redoEdit, undoEdit } from '../../src/state/graph-history';
import { modelFromGenome, type GraphModel } from '../../src/state/graph-model';

const vector: ShapeContext = { inputShape: [2], outputUnits: 2 };

const gene = (id: string, kind: LayerKind, inputs: string[], params: LayerParams = {}): LayerGene => ({
  id,
  kind,
  inputs,
  params: { ...defaultParams(kind), ...params },
});

/** input → l1 (dense 8) → l2 (dense 8) → output */
const chain = (): GraphModel =>
  modelFromGenome(
    chainGenome([
      { kind: 'dense', params: { units: 8 } },
      { kind: 'dense', params: { units: 8 } },
    ]),
  );

function applied(model: GraphModel, change: GraphChange): GraphModel {
  const result = applyChange(model, change, vector);
  if (!result.ok) throw new Error(`expected ${change.type} to apply, but it was rejected: ${result.reason}`);
  return result.model;
}

const inputsOf = (genome: Genome, id: string) => genome.nodes.find((node) => node.id === id)?.inputs;

interface ApplyCase {
  readonly name: string;
  readonly change: GraphChange;
  check(before: GraphModel, after: GraphModel): void;
}

const applyCases: ApplyCase[] = [
  {
    name: 'add-nodes',
    change: { type: 'add-nodes', nodes: [{ gene: gene('l3', 'dropout', ['l1']), position: { x: 10, y: 20 } }] },
    check(_before, after) {
      expect(inputsOf(after.genome, 'l3')).toEqual(['l1']);
      expect(after.positions.get('l3')).toEqual({ x: 10, y: 20 });
    },
  },
  {
    name: 'remove a layer',
    change: { type: 'remove', nodeIds: ['l1'], edges: [] },
    check(_before, after) {
      expect(after.genome.nodes.map((node) => node.id)).toEqual(['input', 'l2', 'output']);
      // The chain closes over the gap: l1's input feeds l2.
      expect(inputsOf(after.genome, 'l2')).toEqual(['input']);
      expect(after.positions.has('l1')).toBe(false);
    },
  },
  {
    name: 'remove two layers in a row',
    change: { type: 'remove', nodeIds: ['l1', 'l2'], edges: [] },
    check(_before, after) {
      expect(inputsOf(after.genome, 'output')).toEqual(['input']);
      expect(analyzeGenome(after.genome, vector).valid).toBe(true);
    },
  },
  {
    name: 'remove a connection',
    change: { type: 'remove', nodeIds: [], edges: [{ from: 'l1', to: 'l2', slot: 0 }] },
    check(_before, after) {
      expect(inputsOf(after.genome, 'l2')).toEqual([]);
      expect(after.genome.nodes).toHaveLength(4);
    },
  },
  {
    name: 'move-nodes',
    change: { type: 'move-nodes', positions: new Map([['l2', { x: 500, y: -40 }]]) },
    check(before, after) {
      expect(after.positions.get('l2')).toEqual({ x: 500, y: -40 });
      expect(after.genome).toBe(before.genome);
    },
  },
  {
    name: 'connect',
    change: { type: 'connect', from: 'input', to: 'output' },
    check(_before, after) {
      expect(inputsOf(after.genome, 'output')).toEqual(['l2', 'input']);
    },
  },
  {
    name: 'reconnect the source',
    change: { type: 'reconnect', edge: { from: 'l1', to: 'l2', slot: 0 }, from: 'input', to: 'l2' },
    check(_before, after) {
      expect(inputsOf(after.genome, 'l2')).toEqual(['input']);
    },
  },
  {
    name: 'reconnect the target',
    change: { type: 'reconnect', edge: { from: 'l1', to: 'l2', slot: 0 }, from: 'l1', to: 'output' },
    check(_before, after) {
      expect(inputsOf(after.genome, 'l2')).toEqual([]);
      expect(inputsOf(after.genome, 'output')).toEqual(['l2', 'l1']);
    },
  },
  {
    name: 'set-param',
    change: { type: 'set-param', nodeId: 'l1', param: 'units', value: 3 },
    check(before, after) {
      expect(after.genome.nodes[1].params.units).toBe(3);
      expect(after.genome.nodes[2]).toBe(before.genome.nodes[2]);
      expect(before.genome.nodes[1].params.units).toBe(8);
    },
  },
  {
    name: 'set-fixed',
    change: { type: 'set-fixed', nodeId: 'l1', fixed: true },
    check(before, after) {
      expect(after.genome.nodes[1].fixed).toBe(true);
      expect(after.genome.nodes[2]).toBe(before.genome.nodes[2]);
      expect(before.genome.nodes[1].fixed).toBeUndefined();
    },
  },
  {
    name: 'add a module slot',
    change: { type: 'add-nodes', nodes: [{ gene: gene('s1', 'moduleSlot', ['l2']), position: { x: 0, y: 0 } }] },
    check(_before, after) {
      expect(inputsOf(after.genome, 's1')).toEqual(['l2']);
    },
  },
  {
    name: 'replace-graph',
    change: { type: 'replace-graph', model: modelFromGenome(chainGenome([])) },
    check(_before, after) {
      expect(after.genome.nodes.map((node) => node.id)).toEqual(['input', 'output']);
    },
  },
  {
    name: 'batch',
    change: {
      type: 'batch',
      label: 'insert dropout',
      changes: [
        { type: 'add-nodes', nodes: [{ gene: gene('l3', 'dropout', ['l2']), position: { x: 0, y: 0 } }] },
        { type: 'reconnect', edge: { from: 'l2', to: 'output', slot: 0 }, from: 'l3', to: 'output' },
      ],
    },
    check(_before, after) {
      expect(inputsOf(after.genome, 'output')).toEqual(['l3']);
      expect(analyzeGenome(after.genome, vector).valid).toBe(true);
    },
  },
];

describe('graph change records', () => {
  for (const c of applyCases) {
    it(`${c.name} applies, undoes and redoes`, () => {
      const before = chain();
      const snapshot = JSON.stringify(before.genome);
      const after = applied(before, c.change);
      c.check(before, after);
      expect(JSON.stringify(before.genome), 'the old model is left unchanged').toBe(snapshot);

      const history = recordEdit(EMPTY_HISTORY, describeChange(c.change, before.genome), before);
      const undone = undoEdit(history, after)!;
      expect(undone.model).toBe(before);
      const redone = redoEdit(undone.history, undone.model)!;
      expect(redone.model).toBe(after);
      expect(redone.label).toBe(undone.label);
    });
  }

  it('untouched genes are shared', () => {
    const before = chain();
    const after = applied(before, { type: 'set-param', nodeId: 'l2', param: 'activation', value: 'tanh' });
    expect(after.genome.nodes[0]).toBe(before.genome.nodes[0]);
    expect(after.genome.nodes[1]).toBe(before.genome.nodes[1]);
    expect(after.positions).toBe(before.positions);
  });
});

interface RejectCase {
  readonly name: string;
  readonly change: GraphChange;
  readonly reason: RegExp;
}

const rejectCases: RejectCase[] = [
  { name: 'cycle', change: { type: 'connect', from: 'l2', to: 'l1' }, reason: /would close the loop ("l1" → "l2" → "l1"|"l2" → "l1" → "l2")\. A network must flow one way/ },
  { name: 'self loop', change: { type: 'connect', from: 'l1', to: 'l1' }, reason: /Dense "l1" cannot take its own output as input/ },
  { name: 'repeated connection', change: { type: 'connect', from: 'l1', to: 'l2' }, reason: /Dense "l1" already feeds Dense "l2"/ },
  { name: 'into the input', change: { type: 'connect', from: 'l1', to: 'input' }, reason: /input node carries the task data and takes no inputs/ },
  { name: 'out of the head', change: { type: 'connect', from: 'output', to: 'l1' }, reason: /output head ends the network/ },
  { name: 'unknown node', change: { type: 'connect', from: 'ghost', to: 'l1' }, reason: /Cannot connect from "ghost": no such node/ },
  {
    name: 'reconnect into a cycle',
    change: { type: 'reconnect', edge: { from: 'input', to: 'l1', slot: 0 }, from: 'l2', to: 'l1' },
    reason: /This connection would close the loop/,
  },
  { name: 'missing connection', change: { type: 'reconnect', edge: { from: 'input', to: 'l2' }, from: 'l1', to: 'l2' }, reason: /no connection from "input" to "l2"/ },
  { name: 'delete the input', change: { type: 'remove', nodeIds: ['input'], edges: [] }, reason: /input node cannot be deleted/ },
  { name: 'delete the head', change: { type: 'remove', nodeIds: ['l1', 'output'], edges: [] }, reason: /output head cannot be deleted/ },
  { name: 'param out of range', change: { type: 'set-param', nodeId: 'l1', param: 'units', value: 0 }, reason: /dense\.units must be an integer from 1 to 1024, got 0/ },
  { name: 'unknown param', change: { type: 'set-param', nodeId: 'l1', param: 'rate', value: 0.5 }, reason: /dense has no parameter "rate"/ },
  {
    name: 'duplicate id',
    change: { type: 'add-nodes', nodes: [{ gene: gene('l1', 'dense', []), position: { x: 0, y: 0 } }] },
    reason: /A node with id "l1" already exists/,
  },
  {
    name: 'second output head',
    change: { type: 'add-nodes', nodes: [{ gene: gene('o2', 'output', []), position: { x: 0, y: 0 } }] },
    reason: /exactly one output head/,
  },
  {
    name: 'missing source',
    change: { type: 'add-nodes', nodes: [{ gene: gene('l3', 'dense', ['ghost']), position: { x: 0, y: 0 } }] },
    reason: /takes input from "ghost", which does not exist/,
  },
  {
    name: 'batch with a cycle',
    change: {
      type: 'batch',
      label: 'two edits',
      changes: [
        { type: 'set-param', nodeId: 'l1', param: 'units', value: 4 },
        { type: 'connect', from: 'l2', to: 'l1' },
      ],
    },
    reason: /This edit would close the loop/,
  },
  { name: 'fix the input', change: { type: 'set-fixed', nodeId: 'input', fixed: true }, reason: /input node is part of every network a search builds/ },
  { name: 'fix a missing layer', change: { type: 'set-fixed', nodeId: 'ghost', fixed: true }, reason: /Cannot fix "ghost": there is no such layer/ },
  { name: 'move off the map', change: { type: 'move-nodes', positions: new Map([['l1', { x: Number.NaN, y: 0 }]]) }, reason: /needs finite coordinates/ },
];

describe('graph change rejections', () => {
  for (const c of rejectCases) {
    it(`${c.name} is rejected with its reason`, () => {
      const result = applyChange(chain(), c.change, vector);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(c.reason);
    });
  }

  it('loaded cycles are kept and marked', () => {
    const looped: Genome = { nodes: [gene('input', 'input', []), gene('a', 'add', ['input', 'b']), gene('b', 'dense', ['a']), gene('output', 'output', ['b'])] };
    const result = applyChange(chain(), { type: 'replace-graph', model: modelFromGenome(looped) }, vector);

    expect(result.ok).toBe(true);
    const codes = analyzeGenome(looped, vector).issues.map((issue) => issue.code);
    expect(codes).toContain('cycle');
  });

  it('invalid shapes are accepted and marked', () => {
    const model = applied(chain(), {
      type: 'add-nodes',
      nodes: [
        { gene: gene('l3', 'dense', ['input'], { units: 1 }), position: { x: 0, y: 0 } },
        { gene: gene('m', 'add', ['l2', 'l3']), position: { x: 0, y: 0 } },
      ],
    });
    const issue = analyzeGenome(model.genome, vector).issues.find((candidate) => candidate.nodeId === 'm' && candidate.code === 'shape');
    expect(issue?.message).toMatch(/Add needs inputs of equal shape but receives \[8\] and \[1\]/);
  });
});

describe('graph history', () => {
  it('keeps at most the history limit', () => {
    let history = EMPTY_HISTORY;
    const model = chain();
    for (let edit = 0; edit < HISTORY_LIMIT + 5; edit++) history = recordEdit(history, `edit ${edit}`, model);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0].label).toBe('edit 5');
  });

  it('a new edit clears redo', () => {
    const first = chain();
    const second = applied(first, { type: 'connect', from: 'input', to: 'output' });
    const undone = undoEdit(recordEdit(EMPTY_HISTORY, 'connect', first), second)!;
    expect(undone.history.future).toHaveLength(1);
    expect(recordEdit(undone.history, 'other', first).future).toEqual([]);
  });

  it('undo and redo of nothing return null', () => {
    expect(undoEdit(EMPTY_HISTORY, chain())).toBeNull();
    expect(redoEdit(EMPTY_HISTORY, chain())).toBeNull();
  });
});

describe('fixed flag', () => {
  it('clears without leaving a key', () => {
    const fixed = applied(chain(), { type: 'set-fixed', nodeId: 'l2', fixed: true });
    const cleared = applied(fixed, { type: 'set-fixed', nodeId: 'l2', fixed: false });
    expect(cleared.genome).toEqual(chain().genome);
    expect(describeChange({ type: 'set-fixed', nodeId: 'l2', fixed: true }, chain().genome)).toBe('fix Dense "l2"');
  });

  it('is rejected on a module slot', () => {
    const withSlot = applied(chain(), { type: 'add-nodes', nodes: [{ gene: gene('s1', 'moduleSlot', ['l2']), position: { x: 0, y: 0 } }] });
    const result = applyChange(withSlot, { type: 'set-fixed', nodeId: 's1', fixed: true }, vector);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/Module slot "s1" is what a search fills, so it cannot be fixed/);
  });
});

describe('removing layers between others', () => {
  /** input → l1 → {l2, l3} → m (add) → output */
  const branches = (): GraphModel =>
    modelFromGenome({
      nodes: [
        gene('input', 'input', []),
        gene('l1', 'dense', ['input'], { units: 8 }),
        gene('l2', 'dense', ['l1'], { units: 8 }),
        gene('l3', 'dropout', ['l1']),
        gene('m', 'add', ['l2', 'l3']),
        gene('output', 'output', ['m']),
      ],
    });

  it('leaves a merge unbridged', () => {
    const after = applied(branches(), { type: 'remove', nodeIds: ['m'], edges: [] });
    expect(inputsOf(after.genome, 'output')).toEqual([]);
  });

  it('bridges each source once', () => {
    // m keeps l2 and takes l1 in l3's place; with both gone, it takes l1 once, not twice.
    const after = applied(branches(), { type: 'remove', nodeIds: ['l3'], edges: [] });
    expect(inputsOf(after.genome, 'm')).toEqual(['l2', 'l1']);
    const both = applied(branches(), { type: 'remove', nodeIds: ['l2', 'l3'], edges: [] });
    expect(inputsOf(both.genome, 'm')).toEqual(['l1']);
  });
});
