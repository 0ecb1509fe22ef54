import { describe, expect, it } from 'vitest';
import { chainGenome, type Genome } from '../../src/core/genome';
import { defaultParams, type ShapeContext } from '../../src/core/layers';
import { COMPACT_NODE_SIZE, NODE_SIZE, genomeToFlow } from '../../src/ui/graph/genome-flow';
import { fitByWrapping, layoutDag, wrapColumns, wrapRows } from '../../src/ui/graph/layout';

const toy: ShapeContext = { inputShape: [2], outputUnits: 2 };
const image: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };

/** input → a, b (parallel dense layers) → concatenate → output */
const branching: Genome = {
  nodes: [
    { id: 'input', kind: 'input', params: {}, inputs: [] },
    { id: 'a', kind: 'dense', params: { ...defaultParams('dense'), units: 4 }, inputs: ['input'] },
    { id: 'b', kind: 'dense', params: { ...defaultParams('dense'), units: 6 }, inputs: ['input'] },
    { id: 'join', kind: 'concatenate', params: {}, inputs: ['a', 'b'] },
    { id: 'output', kind: 'output', params: {}, inputs: ['join'] },
  ],
};

describe('layoutDag', () => {
  const boxes = ['input', 'a', 'b', 'join', 'output'].map((id) => ({ id, width: 100, height: 40 }));
  const links = branching.nodes.flatMap((node) => node.inputs.map((source) => ({ source, target: node.id })));

  for (const direction of ['LR', 'TB'] as const) {
    it(`places every link forward (${direction})`, () => {
      const positions = layoutDag(boxes, links, direction);
      const axis = direction === 'LR' ? 'x' : 'y';
      for (const link of links) {
        expect(positions.get(link.target)![axis], `${link.source} → ${link.target}`).toBeGreaterThan(positions.get(link.source)![axis]);
      }
    });
  }

  it('keeps parallel branches apart', () => {
    const positions = layoutDag(boxes, links, 'LR');
    const a = positions.get('a')!;
    const b = positions.get('b')!;
    expect(a.x).toBe(b.x);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(40);
  });

  it('ignores links to unknown boxes', () => {
    const positions = layoutDag(boxes.slice(0, 2), [{ source: 'input', target: 'a' }, { source: 'a', target: 'missing' }]);
    expect([...positions.keys()]).toEqual(['input', 'a']);
  });
});

describe('wrapColumns', () => {
  const chain = (length: number) => {
    const ids = Array.from({ length }, (_, index) => `n${index}`);
    return {
      ids,
      boxes: ids.map((id) => ({ id, width: 100, height: 40 })),
      links: ids.slice(1).map((target, index) => ({ source: ids[index], target })),
    };
  };

  it('leaves a short chain in one row', () => {
    const { boxes, links } = chain(5);
    const positions = layoutDag(boxes, links, 'LR');
    expect(wrapColumns(positions, boxes, 5, 30)).toEqual(positions);
  });

  it('folds eight ranks into two rows of four', () => {
    const { ids, boxes, links } = chain(8);
    const positions = layoutDag(boxes, links, 'LR');
    const wrapped = wrapColumns(positions, boxes, 5, 30);
    const at = (id: string) => wrapped.get(id)!;

    // Each row keeps the chain's order and spacing, and starts where the layout started.
    expect(ids.slice(4).map((id) => at(id).x)).toEqual(ids.slice(0, 4).map((id) => at(id).x));
    expect(at('n0').x).toBe(positions.get('n0')!.x);
    expect(at('n0').y).toBe(positions.get('n0')!.y);
    expect(new Set(ids.slice(0, 4).map((id) => at(id).y)).size).toBe(1);
    // The second row sits a gap below the first.
    expect(at('n4').y).toBe(at('n0').y + 40 + 30);
  });

  it('keeps the boxes of one rank in one row', () => {
    const ids = ['input', 'a', 'b', 'join', 'output'];
    const boxes = ids.map((id) => ({ id, width: 100, height: 40 }));
    const links = branching.nodes.flatMap((node) => node.inputs.map((source) => ({ source, target: node.id })));
    const wrapped = wrapColumns(layoutDag(boxes, links, 'LR'), boxes, 2, 30);
    const a = wrapped.get('a')!;
    const b = wrapped.get('b')!;

    expect(a.x).toBe(b.x);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(40);
    // Two rows of two ranks: the join starts the second row, below both branches.
    expect(wrapped.get('join')!.x).toBe(wrapped.get('input')!.x);
    expect(wrapped.get('join')!.y).toBeGreaterThanOrEqual(Math.max(a.y, b.y) + 40 + 30);
  });
});

describe('wrapRows', () => {
  it('folds a tall chain into columns', () => {
    const ids = Array.from({ length: 6 }, (_, index) => `n${index}`);
    const boxes = ids.map((id) => ({ id, width: 100, height: 40 }));
    const links = ids.slice(1).map((target, index) => ({ source: ids[index], target }));
    const positions = layoutDag(boxes, links, 'TB');
    const wrapped = wrapRows(positions, boxes, 3, 20);
    const at = (id: string) => wrapped.get(id)!;

    expect(ids.slice(3).map((id) => at(id).y)).toEqual(ids.slice(0, 3).map((id) => at(id).y));
    expect(at('n0')).toEqual(positions.get('n0'));
    expect(at('n3').x).toBe(at('n0').x + 100 + 20);
  });
});

describe('fitByWrapping', () => {
  const ids = Array.from({ length: 8 }, (_, index) => `n${index}`);
  const boxes = ids.map((id) => ({ id, width: 150, height: 36 }));
  const links = ids.slice(1).map((target, index) => ({ source: ids[index], target }));
  const positions = layoutDag(boxes, links, 'TB', { nodeGap: 16, rankGap: 14 });
  const columns = (layout: ReadonlyMap<string, { x: number }>) => new Set([...layout.values()].map((position) => position.x)).size;
  const fit = (width: number, height: number) => fitByWrapping(8, (perColumn) => wrapRows(positions, boxes, perColumn, 28), boxes, { width, height });

  it('keeps one column in a tall frame', () => {
    expect(columns(fit(200, 500))).toBe(1);
  });

  it('folds into columns in a wide frame', () => {
    // One column of 8 is 386 px tall. In 600 × 120 px it shows at 0.31, in two columns at 0.65,
    // in three at 0.88, and in four, 684 px wide, at 0.88 again.
    expect(columns(fit(600, 120))).toBe(3);
    expect(columns(fit(330, 200))).toBe(2);
  });
});

describe('genomeToFlow', () => {
  it('labels edges with the shape they carry', () => {
    const flow = genomeToFlow(branching, toy);
    const labels = Object.fromEntries(flow.edges.map((edge) => [`${edge.source}->${edge.target}`, edge.label]));
    expect(labels).toEqual({
      'input->a': '2',
      'input->b': '2',
      'a->join': '4',
      'b->join': '6',
      'join->output': '10',
    });
  });

  it('gives nodes their shape, parameter count and summary', () => {
    const flow = genomeToFlow(branching, toy);
    const a = flow.nodes.find((node) => node.id === 'a')!;
    expect(a.data.shape).toBe('4');
    expect(a.data.params).toBe(2 * 4 + 4);
    expect(a.data.summary).toBe('4 units · relu');
    const output = flow.nodes.find((node) => node.id === 'output')!;
    expect(output.data.params).toBe(10 * 2 + 2);
    expect(output.data.summary).toBe('2 units · logits');
    expect(flow.analysis.totalParams).toBe(12 + 18 + 22);
  });

  it('summarises a conv chain on images', () => {
    const genome = chainGenome([
      { kind: 'conv2d', params: { filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
      { kind: 'flatten' },
    ]);
    const flow = genomeToFlow(genome, image);
    const byId = Object.fromEntries(flow.nodes.map((node) => [node.id, node.data]));
    expect(byId.l1.summary).toBe('8 filters 3×3 /2 · same · relu');
    expect(byId.l1.shape).toBe('14×14×8');
    expect(byId.l2.summary).toBe('2×2 · valid');
    expect(byId.l3.shape).toBe('392');
  });

  it('marks the node and edge of a shape error', () => {
    const genome = chainGenome([{ kind: 'conv2d' }]);
    const flow = genomeToFlow(genome, toy);
    const conv = flow.nodes.find((node) => node.id === 'l1')!;
    expect(conv.data.issues.join(' ')).toMatch(/Conv2D expects a 3D input/);
    expect(conv.data.shape).toBeNull();
    expect(flow.edges.find((edge) => edge.target === 'l1')!.className).toBe('edge-invalid');
    expect(flow.edges.find((edge) => edge.source === 'l1')!.label).toBe('?');
  });

  it('sizes nodes for fitting', () => {
    const flow = genomeToFlow(branching, toy);
    expect(flow.nodes.every((node) => node.width === NODE_SIZE.width && node.height === NODE_SIZE.height)).toBe(true);
    const compact = genomeToFlow(branching, toy, { compact: true });
    expect(compact.nodes.every((node) => node.width! < NODE_SIZE.width && node.data.compact)).toBe(true);
  });
});

describe('genomeToFlow thumbnails', () => {
  const flow = genomeToFlow(branching, toy, { compact: true });

  it('lays out top to bottom', () => {
    const y = Object.fromEntries(flow.nodes.map((node) => [node.id, node.position.y]));
    expect(y.a).toBeGreaterThan(y.input);
    expect(y.join).toBeGreaterThan(y.a);
    expect(y.output).toBeGreaterThan(y.join);
  });

  it('puts handles on top and bottom', () => {
    expect(flow.nodes.every((node) => node.targetPosition === 'top' && node.sourcePosition === 'bottom')).toBe(true);
  });

  it('names each activation', () => {
    const activations = Object.fromEntries(flow.nodes.map((node) => [node.id, node.data.activation]));
    expect(activations).toEqual({ input: null, a: defaultParams('dense').activation, b: defaultParams('dense').activation, join: null, output: null });
  });

  it('leaves edge labels out', () => {
    expect(flow.edges.every((edge) => edge.label === undefined)).toBe(true);
    expect(flow.edges.find((edge) => edge.source === 'a')!.ariaLabel).toBe('a to join, shape 4');
  });
});

describe('genomeToFlow in a compact frame', () => {
  const deep = chainGenome(Array.from({ length: 6 }, () => ({ kind: 'dense' as const, params: { units: 8 } })));

  it('folds a deep network to fit', () => {
    const flow = genomeToFlow(deep, toy, { compact: true, frame: { width: 420, height: 200 } });
    const xs = new Set(flow.nodes.map((node) => node.position.x));
    const bottom = Math.max(...flow.nodes.map((node) => node.position.y)) + COMPACT_NODE_SIZE.height;
    const top = Math.min(...flow.nodes.map((node) => node.position.y));

    expect(xs.size).toBeGreaterThan(1);
    expect(bottom - top).toBeLessThanOrEqual(200);
    // The connections that climb to the next column's head turn at right angles; the rest are curves.
    const climbing = flow.edges.filter((edge) => edge.type === 'smoothstep');
    expect(climbing.length).toBe(xs.size - 1);
  });

  it('keeps one column without a frame', () => {
    const flow = genomeToFlow(deep, toy, { compact: true });
    expect(new Set(flow.nodes.map((node) => node.position.x)).size).toBe(1);
    expect(flow.edges.every((edge) => edge.type === undefined)).toBe(true);
  });
});
