import { describe, expect, it } from 'vitest';
import {
  analyzeGenome,
  assertValidGenome,
  chainGenome,
  topologicalOrder,
  type Genome,
  type IssueCode,
  type LayerGene,
} from '../../src/core/genome';
import { defaultParams, type LayerKind, type LayerParams, type ShapeContext } from '../../src/core/layers';

const image: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };
const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };

const gene = (id: string, kind: LayerKind, inputs: string[], params: LayerParams = {}): LayerGene => ({
  id,
  kind,
  inputs,
  params: { ...defaultParams(kind), ...params },
});

interface IssueCase {
  readonly name: string;
  readonly genome: Genome;
  readonly context: ShapeContext;
  readonly code: IssueCode;
  readonly nodeId?: string;
  readonly message: RegExp;
  readonly limits?: { maxParams: number; maxActivation: number };
}

const issueCases: IssueCase[] = [
  {
    name: 'duplicate id',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('a', 'dense', ['input']), gene('a', 'dense', ['input']), gene('output', 'output', ['a'])] },
    code: 'duplicate-id',
    nodeId: 'a',
    message: /Two nodes share the id "a"/,
  },
  {
    name: 'unknown kind',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), { id: 'x', kind: 'dense2' as LayerKind, params: {}, inputs: ['input'] }, gene('output', 'output', ['x'])] },
    code: 'unknown-kind',
    nodeId: 'x',
    message: /Node "x" has unknown layer kind "dense2"/,
  },
  {
    name: 'missing input',
    context: vector,
    genome: { nodes: [gene('a', 'dense', []), gene('output', 'output', ['a'])] },
    code: 'missing-input',
    message: /exactly one input node, but this one has 0/,
  },
  {
    name: 'two inputs',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('input2', 'input', []), gene('output', 'output', ['input'])] },
    code: 'missing-input',
    message: /exactly one input node, but this one has 2/,
  },
  {
    name: 'missing output',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('a', 'dense', ['input'])] },
    code: 'missing-output',
    message: /exactly one output head, but this one has 0/,
  },
  {
    name: 'unknown source',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('a', 'dense', ['ghost']), gene('output', 'output', ['input'])] },
    code: 'unknown-source',
    nodeId: 'a',
    message: /Dense "a" takes input from "ghost", which does not exist/,
  },
  {
    name: 'cycle',
    context: vector,
    genome: {
      nodes: [
        gene('input', 'input', []),
        gene('a', 'add', ['input', 'b']),
        gene('b', 'dense', ['a'], { units: 4 }),
        gene('output', 'output', ['b']),
      ],
    },
    code: 'cycle',
    message: /The graph has a cycle through "(a|b)" → "(a|b)"/,
  },
  {
    name: 'unreachable node',
    context: vector,
    genome: {
      nodes: [gene('input', 'input', []), gene('a', 'dense', []), gene('b', 'dense', ['a']), gene('m', 'add', ['input', 'b']), gene('output', 'output', ['input'])],
    },
    code: 'unreachable',
    nodeId: 'b',
    message: /Dense "b" is not connected to the input/,
  },
  {
    name: 'dead end',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('a', 'dense', ['input']), gene('output', 'output', ['input'])] },
    code: 'dead-end',
    nodeId: 'a',
    message: /Dense "a" does not lead to the output head/,
  },
  {
    name: 'merge with one input',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('m', 'concatenate', ['input']), gene('output', 'output', ['m'])] },
    code: 'arity',
    nodeId: 'm',
    message: /Concatenate "m" takes 2 to 8 inputs but has 1/,
  },
  {
    name: 'dense with two inputs',
    context: vector,
    genome: {
      nodes: [gene('input', 'input', []), gene('a', 'dense', ['input']), gene('b', 'dense', ['input', 'a']), gene('output', 'output', ['b'])],
    },
    code: 'arity',
    nodeId: 'b',
    message: /Dense "b" takes exactly 1 input but has 2/,
  },
  {
    name: 'repeated connection',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), gene('m', 'add', ['input', 'input']), gene('output', 'output', ['m'])] },
    code: 'arity',
    nodeId: 'm',
    message: /Add "m" is connected to the same source more than once/,
  },
  {
    name: 'param out of range',
    context: vector,
    genome: chainGenome([{ kind: 'dense', params: { units: 5000 } }]),
    code: 'param',
    nodeId: 'l1',
    message: /dense\.units must be an integer from 1 to 1024, got 5000/,
  },
  {
    name: 'param missing',
    context: vector,
    genome: { nodes: [gene('input', 'input', []), { id: 'd', kind: 'dropout', params: {}, inputs: ['input'] }, gene('output', 'output', ['d'])] },
    code: 'param',
    nodeId: 'd',
    message: /Dropout "d" is missing its parameter "rate"/,
  },
  {
    name: 'conv2d on a flat vector',
    context: vector,
    genome: chainGenome([{ kind: 'conv2d' }]),
    code: 'shape',
    nodeId: 'l1',
    message: /Conv2D "l1": Conv2D expects a 3D input \[height, width, channels\] but receives \[4\]/,
  },
  {
    name: 'add of unequal branches',
    context: vector,
    genome: {
      nodes: [
        gene('input', 'input', []),
        gene('a', 'dense', ['input'], { units: 8 }),
        gene('b', 'dense', ['input'], { units: 1 }),
        gene('m', 'add', ['a', 'b']),
        gene('output', 'output', ['m']),
      ],
    },
    code: 'shape',
    nodeId: 'm',
    message: /Add "m": Add needs inputs of equal shape but receives \[8\] and \[1\]/,
  },
  {
    name: 'stride shrinks the map below one cell',
    context: { inputShape: [1, 1, 1], outputUnits: 2 },
    genome: chainGenome([{ kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } }]),
    code: 'shape',
    nodeId: 'l1',
    message: /2×2 window and valid padding needs an input of at least 2×2, but receives 1×1/,
  },
  {
    name: 'activation too large',
    context: image,
    genome: chainGenome([{ kind: 'conv2d', params: { filters: 256, kernelSize: 3 } }]),
    code: 'too-large',
    nodeId: 'l1',
    message: /Conv2D "l1" outputs \[28, 28, 256\], 200,704 values per example, above the limit of 100,000/,
    limits: { maxParams: 5_000_000, maxActivation: 100_000 },
  },
  {
    name: 'too many parameters',
    context: vector,
    genome: chainGenome([{ kind: 'dense', params: { units: 1024 } }, { kind: 'dense', params: { units: 1024 } }]),
    code: 'too-large',
    message: /The network has 1,?\d{3},\d{3} parameters, above the limit of 1,000,000/,
    limits: { maxParams: 1_000_000, maxActivation: 400_000 },
  },
];

describe('analyzeGenome issues', () => {
  for (const c of issueCases) {
    it(`${c.name} reports ${c.code}`, () => {
      const analysis = analyzeGenome(c.genome, c.context, c.limits);
      expect(analysis.valid).toBe(false);
      const issue = analysis.issues.find((i) => i.code === c.code);
      expect(issue, JSON.stringify(analysis.issues)).toBeDefined();
      expect(issue!.message).toMatch(c.message);
      expect(issue!.fix.length).toBeGreaterThan(0);
      if (c.nodeId !== undefined) expect(issue!.nodeId).toBe(c.nodeId);
    });
  }
});

describe('analyzeGenome issue precision', () => {
  it('duplicate id is not reported as a cycle', () => {
    const genome: Genome = {
      nodes: [gene('input', 'input', []), gene('a', 'dense', ['input']), gene('a', 'dense', ['input']), gene('output', 'output', ['a'])],
    };
    const codes = analyzeGenome(genome, vector).issues.map((issue) => issue.code);
    expect(codes).toEqual(['duplicate-id']);
  });

  it('a shape error is reported once, at its node', () => {
    const genome = chainGenome([{ kind: 'conv2d' }, { kind: 'dense' }]);
    const issues = analyzeGenome(genome, vector).issues;
    expect(issues.map((issue) => [issue.code, issue.nodeId])).toEqual([['shape', 'l1']]);
    expect(issues[0].edge).toEqual({ from: 'input', to: 'l1' });
  });
});

describe('analyzeGenome on valid networks', () => {
  it('infers shapes, parameters and FLOPs of a CNN', () => {
    const genome = chainGenome([
      { kind: 'conv2d', params: { filters: 8, kernelSize: 3, padding: 'valid' } },
      { kind: 'maxPooling2d', params: { poolSize: 2 } },
      { kind: 'flatten' },
      { kind: 'dense', params: { units: 16 } },
    ]);
    const analysis = assertValidGenome(genome, image);
    expect(analysis.nodes.get('l1')!.shape).toEqual([26, 26, 8]);
    expect(analysis.nodes.get('l2')!.shape).toEqual([13, 13, 8]);
    expect(analysis.nodes.get('l3')!.shape).toEqual([1352]);
    expect(analysis.nodes.get('output')!.shape).toEqual([10]);
    expect(analysis.totalParams).toBe(3 * 3 * 8 + 8 + (1352 * 16 + 16) + (16 * 10 + 10));
    expect(analysis.totalFlops).toBeGreaterThan(0);
    expect(analysis.order[0]).toBe('input');
    expect(analysis.order[analysis.order.length - 1]).toBe('output');
  });

  it('accepts a residual block with add', () => {
    const genome: Genome = {
      nodes: [
        gene('input', 'input', []),
        gene('a', 'dense', ['input'], { units: 8 }),
        gene('b', 'dense', ['a'], { units: 8 }),
        gene('m', 'add', ['a', 'b']),
        gene('output', 'output', ['m']),
      ],
    };
    const analysis = analyzeGenome(genome, vector);
    expect(analysis.issues).toEqual([]);
    expect(analysis.nodes.get('m')!.shape).toEqual([8]);
  });

  it('accepts a recurrent stack on a sequence', () => {
    const genome = chainGenome([
      { kind: 'lstm', params: { units: 8, returnSequences: true } },
      { kind: 'gru', params: { units: 4 } },
    ]);
    const analysis = analyzeGenome(genome, { inputShape: [10, 1], outputUnits: 1 });
    expect(analysis.issues).toEqual([]);
    expect(analysis.nodes.get('l1')!.shape).toEqual([10, 8]);
    expect(analysis.nodes.get('l2')!.shape).toEqual([4]);
  });

  it('input straight to output is valid', () => {
    for (const context of [image, vector, { inputShape: [10, 1], outputUnits: 1 }]) {
      expect(analyzeGenome(chainGenome([]), context).valid).toBe(true);
    }
  });

  it('assertValidGenome lists every issue', () => {
    const genome = chainGenome([{ kind: 'conv2d' }, { kind: 'dense', params: { units: 0 } }]);
    const run = () => assertValidGenome(genome, vector);
    expect(run).toThrow(/^Invalid network:\n- /);
    expect(run).toThrow(/- Conv2D "l1": Conv2D expects a 3D input .* use a dense layer on flat inputs\./);
    expect(run).toThrow(/- dense\.units must be an integer from 1 to 1024, got 0\. Set it within the range shown\./);
  });
});

describe('topologicalOrder', () => {
  it('orders every node after its inputs', () => {
    const genome: Genome = {
      nodes: [
        gene('output', 'output', ['m']),
        gene('m', 'concatenate', ['b', 'a']),
        gene('b', 'dense', ['a']),
        gene('a', 'dense', ['input']),
        gene('input', 'input', []),
      ],
    };
    const order = topologicalOrder(genome)!;
    for (const node of genome.nodes) {
      for (const source of node.inputs) expect(order.indexOf(source)).toBeLessThan(order.indexOf(node.id));
    }
  });

  it('returns null on a cycle', () => {
    const genome: Genome = { nodes: [gene('a', 'dense', ['b']), gene('b', 'dense', ['a'])] };
    expect(topologicalOrder(genome)).toBeNull();
  });
});
