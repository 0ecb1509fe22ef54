import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { DEFAULT_LIMITS, analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import { mutateLayerGraph, type LayerGraphContext } from '../../src/core/mutation';
import { randomGenome } from '../../src/core/random-search';
import { Rng } from '../../src/core/rng';
import {
  EDITOR_NODE_SIZE,
  editorEdges,
  editorGraphOf,
  freshLayerIds,
  layoutPositions,
  modelFromEditorGraph,
  modelFromGenome,
  withEditorIds,
} from '../../src/state/graph-model';
import { canonicalHash } from '../../src/core/canonical';

const CONTEXTS: ShapeContext[] = [
  { inputShape: [2], outputUnits: 2 },
  { inputShape: [28, 28, 1], outputUnits: 10 },
  { inputShape: [8, 8, 3], outputUnits: 5 },
  { inputShape: [10, 1], outputUnits: 1 },
];

const GENOMES_PER_CONTEXT = 40;

function layerContext(shape: ShapeContext): LayerGraphContext {
  return {
    candidateSet: defaultCandidateSet(shape.inputShape),
    shape,
    limits: DEFAULT_LIMITS,
    maxLayers: 8,
    innovations: new InnovationCounter('n'),
  };
}

/** Random valid genomes from the search's own operators: random networks, then a few mutations each. */
function randomGenomes(shape: ShapeContext, count: number, seed: number): Genome[] {
  const rng = new Rng(seed);
  const context = layerContext(shape);
  const genomes: Genome[] = [];
  for (let index = 0; index < count; index++) {
    let genome = randomGenome(rng, context);
    for (let step = rng.int(0, 3); step > 0; step--) genome = mutateLayerGraph(genome, rng, context).genome;
    genomes.push(genome);
  }
  return genomes;
}

describe('editor graph round trip', () => {
  for (const [index, shape] of CONTEXTS.entries()) {
    it(`keeps random genomes for input ${JSON.stringify(shape.inputShape)}`, () => {
      const genomes = randomGenomes(shape, GENOMES_PER_CONTEXT, 100 + index);
      const merges = genomes.filter((genome) => genome.nodes.some((gene) => gene.inputs.length > 1)).length;
      expect(merges, 'some genomes branch and merge').toBeGreaterThan(0);

      for (const genome of genomes) {
        expect(analyzeGenome(genome, shape).valid, JSON.stringify(genome)).toBe(true);

        const model = modelFromGenome(genome);
        const graph = editorGraphOf(model);
        const back = modelFromEditorGraph(graph);

        expect(back.genome).toEqual(genome);
        expect(editorGraphOf(back)).toEqual(graph);
        expect(back.positions).toEqual(model.positions);
      }
    });
  }

  it('keeps the input order of a concatenate', () => {
    const genome: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        { id: 'a', kind: 'dense', params: { units: 3, activation: 'relu' }, inputs: ['input'] },
        { id: 'm', kind: 'concatenate', params: {}, inputs: ['input', 'a'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['m'] },
      ],
    };
    const graph = editorGraphOf(modelFromGenome(genome));
    // Connections listed target by target would put `a` first; the slots keep the order.
    const shuffled = { ...graph, edges: [...graph.edges].reverse() };

    expect(modelFromEditorGraph(shuffled).genome).toEqual(genome);
  });

  it('keeps fixed flags and module slots', () => {
    const genome: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        { id: 'stem', kind: 'dense', params: { units: 3, activation: 'relu' }, inputs: ['input'], fixed: true },
        { id: 's1', kind: 'moduleSlot', params: {}, inputs: ['stem'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['s1'] },
      ],
    };
    const graph = editorGraphOf(modelFromGenome(genome));

    expect(graph.nodes.map((node) => node.fixed ?? false)).toEqual([false, true, false, false]);
    expect(modelFromEditorGraph(graph).genome).toEqual(genome);
  });
});

describe('graph model', () => {
  it('lays out a genome without positions', () => {
    const model = modelFromGenome(chainGenome([{ kind: 'dense' }, { kind: 'dense' }]));
    const xs = ['input', 'l1', 'l2', 'output'].map((id) => model.positions.get(id)!.x);

    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[1] - xs[0]).toBeGreaterThanOrEqual(EDITOR_NODE_SIZE.width);
  });

  it('wraps a long chain into rows', () => {
    const layers = [{ kind: 'conv2d' }, { kind: 'maxPooling2d' }, { kind: 'conv2d' }, { kind: 'maxPooling2d' }, { kind: 'flatten' }, { kind: 'dense' }] as const;
    const model = modelFromGenome(chainGenome([...layers]));
    const at = (id: string) => model.positions.get(id)!;

    // Eight ranks, at most five a row: input to l3, then l4 to the output below them.
    expect(new Set([...model.positions.values()].map((position) => position.y)).size).toBe(2);
    expect(at('l4').x).toBe(at('input').x);
    expect(at('output').x).toBe(at('l3').x);
    expect(at('l4').y).toBeGreaterThan(at('input').y + EDITOR_NODE_SIZE.height);
  });

  it('wraps rows to fill the canvas', () => {
    const layers = [{ kind: 'conv2d' }, { kind: 'maxPooling2d' }, { kind: 'conv2d' }, { kind: 'maxPooling2d' }, { kind: 'flatten' }, { kind: 'dense' }] as const;
    const genome = chainGenome([...layers]);
    const rows = (frame: { width: number; height: number }) => new Set([...layoutPositions(genome, frame).values()].map((position) => position.y)).size;

    // The room inside the canvas of a 1366- and a 1024-pixel-wide window, and a tall one.
    expect(rows({ width: 747, height: 222 })).toBe(2);
    expect(rows({ width: 404, height: 222 })).toBe(3);
    expect(rows({ width: 400, height: 900 })).toBe(4);
    expect(rows({ width: 3000, height: 200 })).toBe(1);
  });

  it('keeps a short chain in one row', () => {
    const genome = chainGenome([{ kind: 'dense' }, { kind: 'dense' }]);
    const rows = (frame: { width: number; height: number }) => new Set([...layoutPositions(genome, frame).values()].map((position) => position.y)).size;

    // Two rows of two would show it barely larger.
    expect(rows({ width: 747, height: 222 })).toBe(1);
    expect(rows({ width: 520, height: 130 })).toBe(1);
  });

  it('keeps given positions when every node has one', () => {
    const genome = chainGenome([{ kind: 'dense' }]);
    const positions = new Map(genome.nodes.map((gene, index) => [gene.id, { x: index * 7, y: -index }]));
    expect(modelFromGenome(genome, positions).positions).toEqual(positions);
  });

  it('numbers edges by slot', () => {
    const edges = editorEdges(chainGenome([{ kind: 'dense' }]));
    expect(edges.map((edge) => edge.id)).toEqual(['input->l1#0', 'l1->output#0']);
  });

  it('fresh ids follow the highest in use', () => {
    const genome = chainGenome([{ kind: 'dense' }, { kind: 'dense' }]);
    expect(freshLayerIds(genome, 2)).toEqual(['l3', 'l4']);
    expect(freshLayerIds({ nodes: [] }, 1)).toEqual(['l1']);
  });
});

describe('withEditorIds', () => {
  const gene = (id: string, inputs: string[], kind: Genome['nodes'][number]['kind'] = 'dense') => ({ id, kind, params: { units: 4, activation: 'relu' }, inputs });

  it('renames internal ids in flow order and keeps the editor\'s', () => {
    const searched: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        gene('n9:n2', ['l1']),
        gene('l1', ['input']),
        gene('n9:n1', ['l1']),
        { id: 'm', kind: 'concatenate', params: {}, inputs: ['n9:n1', 'n9:n2'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['m'] },
      ],
    };
    const opened = withEditorIds(searched);

    // Both branches follow l1; between them, the order of the nodes decides.
    expect(opened.nodes.map((node) => node.id)).toEqual(['input', 'l2', 'l1', 'l3', 'l4', 'output']);
    expect(opened.nodes.find((node) => node.id === 'l4')?.inputs).toEqual(['l3', 'l2']);
    expect(canonicalHash(opened)).toBe(canonicalHash(searched));
  });

  it('returns a built network as it is', () => {
    const built = chainGenome([{ kind: 'dense' }, { kind: 'dense' }]);
    expect(withEditorIds(built)).toBe(built);
  });
});
