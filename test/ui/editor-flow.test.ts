import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { applyChange } from '../../src/state/graph-changes';
import { modelFromGenome, type GraphModel } from '../../src/state/graph-model';
import { buildFlowEdges, buildFlowNodes, buildNodeData, issuesByPlace, layerName, type CanvasViewState } from '../../src/ui/editor/editor-flow';

const toy: ShapeContext = { inputShape: [2], outputUnits: 2 };
const idle: CanvasViewState = { moving: null, measured: new Map(), selection: new Set() };

const chain = (): GraphModel =>
  modelFromGenome(
    chainGenome([
      { kind: 'dense', params: { units: 8 } },
      { kind: 'dense', params: { units: 8 } },
      { kind: 'dropout' },
    ]),
  );

function build(model: GraphModel, view: CanvasViewState = idle) {
  const analysis = analyzeGenome(model.genome, toy);
  const data = buildNodeData(model.genome, analysis, toy, new Map());
  const nodes = buildFlowNodes(model.genome, model.positions, data, view, new Map());
  const edges = buildFlowEdges(model.genome, analysis, new Set(), new Map());
  return { analysis, data, nodes, edges };
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

describe('editor flow builders', () => {
  it('a drag rebuilds only the moved node', () => {
    const model = chain();
    const first = build(model);
    const moving = new Map([['l2', { x: 999, y: 5 }]]);
    const next = buildFlowNodes(model.genome, model.positions, first.data, { ...idle, moving }, byId(first.nodes));

    for (const [index, node] of next.entries()) {
      if (node.id === 'l2') {
        expect(node).not.toBe(first.nodes[index]);
        expect(node.position).toEqual({ x: 999, y: 5 });
      } else {
        expect(node, node.id).toBe(first.nodes[index]);
      }
    }
  });

  it('a parameter edit keeps unaffected node data', () => {
    const model = chain();
    const first = build(model);
    const result = applyChange(model, { type: 'set-param', nodeId: 'l3', param: 'rate', value: 0.5 }, toy);
    if (!result.ok) throw new Error(result.reason);
    const analysis = analyzeGenome(result.model.genome, toy);
    const data = buildNodeData(result.model.genome, analysis, toy, first.data);

    expect(data.get('l3')).not.toBe(first.data.get('l3'));
    for (const id of ['input', 'l1', 'l2', 'output']) expect(data.get(id), id).toBe(first.data.get(id));
  });

  it('edges keep identity when nothing they show changed', () => {
    const model = chain();
    const first = build(model);
    const again = buildFlowEdges(model.genome, first.analysis, new Set(), byId(first.edges));
    expect(again.every((edge, index) => edge === first.edges[index])).toBe(true);
  });

  it('edges carry the source shape', () => {
    const { edges } = build(chain());
    expect(edges.map((edge) => [edge.id, edge.data?.shape])).toEqual([
      ['input->l1#0', '2'],
      ['l1->l2#0', '8'],
      ['l2->l3#0', '8'],
      ['l3->output#0', '8'],
    ]);
  });

  it('issues mark their node and edge', () => {
    const genome: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        { id: 'a', kind: 'dense', params: { units: 8, activation: 'relu' }, inputs: ['input'] },
        { id: 'b', kind: 'dense', params: { units: 1, activation: 'relu' }, inputs: ['input'] },
        { id: 'm', kind: 'add', params: {}, inputs: ['a', 'b'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['m'] },
      ],
    };
    const { nodes, edges } = build(modelFromGenome(genome));
    const merge = nodes.find((node) => node.id === 'm')!;
    const broken = edges.filter((edge) => (edge.data?.issues.length ?? 0) > 0);

    expect(merge.data.issues.join(' ')).toMatch(/Add needs inputs of equal shape but receives \[8\] and \[1\]/);
    expect(broken.map((edge) => edge.id)).toEqual(['b->m#1']);
    expect(broken[0].ariaLabel).toMatch(/, invalid$/);
  });

  it('cycle issues mark every node in the loop', () => {
    const genome: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        { id: 'a', kind: 'add', params: {}, inputs: ['input', 'b'] },
        { id: 'b', kind: 'dense', params: { units: 2, activation: 'relu' }, inputs: ['a'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['b'] },
      ],
    };
    const places = issuesByPlace(analyzeGenome(genome, toy));
    expect([...places.nodes.keys()].sort()).toEqual(['a', 'b']);
  });

  it('names nodes for screen readers', () => {
    expect(layerName('dense', 'l2')).toBe('Dense layer l2');
    expect(layerName('lstm', 'l4')).toBe('LSTM layer l4');
    expect(layerName('input', 'input')).toBe('Input node');
    expect(layerName('output', 'output')).toBe('Output head');
    expect(layerName('moduleSlot', 's1')).toBe('Module slot s1');
  });

  it('fixing a layer rebuilds only its data', () => {
    const model = chain();
    const first = build(model);
    const result = applyChange(model, { type: 'set-fixed', nodeId: 'l1', fixed: true }, toy);
    if (!result.ok) throw new Error(result.reason);
    const data = buildNodeData(result.model.genome, analyzeGenome(result.model.genome, toy), toy, first.data);

    expect(data.get('l1')?.fixed).toBe(true);
    expect(data.get('l1')).not.toBe(first.data.get('l1'));
    expect(data.get('l2')).toBe(first.data.get('l2'));
  });

  it('module slots show their input shape and summary', () => {
    const result = applyChange(chain(), { type: 'add-nodes', nodes: [{ gene: { id: 's1', kind: 'moduleSlot', params: {}, inputs: ['l1'] }, position: { x: 0, y: 0 } }] }, toy);
    if (!result.ok) throw new Error(result.reason);
    const { data } = build(result.model);

    expect(data.get('s1')).toMatchObject({ name: 'Module slot s1', title: 'Module slot', summary: 'filled by the search', shape: data.get('l1')?.shape, params: 0, fixed: false });
  });

  it('output head names its activation', () => {
    const model = chain();
    const analysis = analyzeGenome(model.genome, toy);
    const classification = buildNodeData(model.genome, analysis, toy, new Map());
    const regression = buildNodeData(model.genome, analysis, toy, new Map(), true);

    expect(classification.get('output')?.summary).toBe('2 units · logits');
    expect(regression.get('output')?.summary).toBe('2 units · linear');
  });
});
