import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome, type GraphIssue, type IssueCode } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { gene, graph } from './genes';

const image: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };
const vector: ShapeContext = { inputShape: [2], outputUnits: 2 };
const sequence: ShapeContext = { inputShape: [12, 3], outputUnits: 1 };

interface ValidatorCase {
  readonly name: string;
  readonly context: ShapeContext;
  readonly genome: Genome;
  readonly code: IssueCode;
  readonly nodeId: string;
  readonly message: RegExp;
  readonly fix: RegExp;
  readonly edge?: { from: string; to: string };
}

const cases: ValidatorCase[] = [
  {
    name: 'cycle through two layers',
    context: vector,
    genome: graph(gene('a', 'add', ['input', 'b']), gene('b', 'dense', ['a'], { units: 2 }), gene('output', 'output', ['b'])),
    code: 'cycle',
    nodeId: 'a',
    message: /The graph has a cycle through "a" → "b"|The graph has a cycle through "b" → "a"/,
    fix: /network must flow one way/,
  },
  {
    name: 'layer with no input',
    context: vector,
    genome: graph(gene('a', 'dense', []), gene('output', 'output', ['input'])),
    code: 'arity',
    nodeId: 'a',
    message: /Dense "a" takes exactly 1 input but has 0/,
    fix: /Connect an input to it, or delete it/,
  },
  {
    name: 'layer fed by a detached layer',
    context: vector,
    genome: graph(gene('a', 'dense', []), gene('b', 'dense', ['a']), gene('output', 'output', ['input'])),
    code: 'unreachable',
    nodeId: 'b',
    message: /Dense "b" is not connected to the input/,
    fix: /Connect it to a layer that comes from the input, or delete it/,
  },
  {
    name: 'layer leading nowhere',
    context: vector,
    genome: graph(gene('a', 'dense', ['input']), gene('output', 'output', ['input'])),
    code: 'dead-end',
    nodeId: 'a',
    message: /Dense "a" does not lead to the output head/,
    fix: /Connect its output onward to the output head/,
  },
  {
    name: 'output head with no input',
    context: vector,
    genome: graph(gene('a', 'dense', ['input']), gene('output', 'output', [])),
    code: 'arity',
    nodeId: 'output',
    message: /Output head "output" takes exactly 1 input but has 0/,
    // The input and the output head cannot be deleted, so no fix offers it.
    fix: /^Connect the last layer to it\.$/,
  },
  {
    name: 'output head cut from the input',
    context: vector,
    genome: graph(gene('a', 'dense', ['input']), gene('b', 'dense', []), gene('output', 'output', ['b'])),
    code: 'unreachable',
    nodeId: 'output',
    message: /Output head "output" is not connected to the input/,
    fix: /^Connect a layer that comes from the input to it\.$/,
  },
  {
    name: 'input leading nowhere',
    context: vector,
    genome: graph(gene('a', 'dense', []), gene('output', 'output', ['a'])),
    code: 'dead-end',
    nodeId: 'input',
    message: /Input "input" does not lead to the output head/,
    fix: /^Connect it to the first layer\.$/,
  },
  {
    name: 'merge with one input',
    context: vector,
    genome: graph(gene('a', 'dense', ['input']), gene('m', 'add', ['a']), gene('output', 'output', ['m'])),
    code: 'arity',
    nodeId: 'm',
    message: /Add "m" takes 2 to 8 inputs but has 1/,
    fix: /Connect a second branch into it/,
  },
  {
    name: 'add of Dense(8) and Dense(1)',
    context: vector,
    genome: graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['input'], { units: 1 }),
      gene('m', 'add', ['a', 'b']),
      gene('output', 'output', ['m']),
    ),
    code: 'shape',
    nodeId: 'm',
    message: /Add "m": Add needs inputs of equal shape but receives \[8\] and \[1\]/,
    fix: /same shape \(for example the same units or filters\), or use concatenate/,
    edge: { from: 'b', to: 'm' },
  },
  {
    name: 'concatenate of images and a vector',
    context: image,
    genome: graph(
      gene('c', 'conv2d', ['input'], { filters: 4 }),
      gene('f', 'flatten', ['c']),
      gene('m', 'concatenate', ['c', 'f']),
      gene('output', 'output', ['m']),
    ),
    code: 'shape',
    nodeId: 'm',
    message: /Concatenate "m": Concatenate joins the last axis and needs all other axes equal, but receives \[28, 28, 4\] and \[3136\]/,
    fix: /Flatten the inputs first/,
    edge: { from: 'f', to: 'm' },
  },
  {
    name: 'residual skip across pooling',
    context: image,
    genome: graph(
      gene('c1', 'conv2d', ['input'], { filters: 8 }),
      gene('p', 'maxPooling2d', ['c1'], { poolSize: 2 }),
      gene('c2', 'conv2d', ['p'], { filters: 8 }),
      gene('m', 'add', ['c1', 'c2']),
      gene('f', 'flatten', ['m']),
      gene('output', 'output', ['f']),
    ),
    code: 'shape',
    nodeId: 'm',
    message:
      /Add "m": its inputs differ only in height and width, \[28, 28, 8\] from "c1" and \[14, 14, 8\] from "c2"\. MaxPooling2D "p" downsamples one branch, and the connection from "c1" skips over it\./,
    fix: /Pool the skip branch too \(a MaxPooling2D with pool size 2 between "c1" and "m"\), or move the skip so that it starts after "p"\./,
    edge: { from: 'c1', to: 'm' },
  },
  {
    name: 'concatenate skip across a strided convolution',
    context: image,
    genome: graph(
      gene('c1', 'conv2d', ['input'], { filters: 4, strides: 2 }),
      gene('m', 'concatenate', ['input', 'c1']),
      gene('f', 'flatten', ['m']),
      gene('output', 'output', ['f']),
    ),
    code: 'shape',
    nodeId: 'm',
    message: /Concatenate "m": its inputs differ only in height and width, \[28, 28, 1\] from "input" and \[14, 14, 4\] from "c1"\. Conv2D "c1" downsamples/,
    fix: /Pool the skip branch too \(a MaxPooling2D with pool size 2 between "input" and "m"\)/,
    edge: { from: 'input', to: 'm' },
  },
  {
    name: 'conv2d after a flatten',
    context: image,
    genome: chainGenome([{ kind: 'flatten' }, { kind: 'conv2d' }]),
    code: 'shape',
    nodeId: 'l2',
    message: /Conv2D "l2": Conv2D expects a 3D input \[height, width, channels\] but receives \[784\]/,
    fix: /Move it before Flatten "l1", where the tensor still has height, width and channels, or use a dense layer instead/,
    edge: { from: 'l1', to: 'l2' },
  },
  {
    name: 'conv2d on a flat task input',
    context: vector,
    genome: chainGenome([{ kind: 'conv2d' }]),
    code: 'shape',
    nodeId: 'l1',
    message: /Conv2D "l1": Conv2D expects a 3D input \[height, width, channels\] but receives \[2\]/,
    fix: /use a dense layer on flat inputs/,
    edge: { from: 'input', to: 'l1' },
  },
  {
    name: 'pooling after global pooling',
    context: image,
    genome: chainGenome([{ kind: 'conv2d' }, { kind: 'globalAveragePooling2d' }, { kind: 'maxPooling2d' }]),
    code: 'shape',
    nodeId: 'l3',
    message: /MaxPooling2D "l3": MaxPooling2D expects a 3D input/,
    fix: /Move it before GlobalAveragePooling2D "l2"/,
  },
  {
    name: 'lstm on a flat vector',
    context: vector,
    genome: chainGenome([{ kind: 'lstm' }]),
    code: 'shape',
    nodeId: 'l1',
    message: /LSTM "l1": LSTM expects a 2D input \[timesteps, features\] but receives \[2\]/,
    // Nothing in the network can add a time axis to the task's flat input.
    fix: /^This task's input has no time axis, so recurrent layers cannot be used here\. Choose a sequence task/,
  },
  {
    name: 'lstm after a flattening layer on a sequence task',
    context: sequence,
    genome: chainGenome([{ kind: 'flatten' }, { kind: 'lstm' }]),
    code: 'shape',
    nodeId: 'l2',
    message: /LSTM "l2": LSTM expects a 2D input \[timesteps, features\] but receives \[36\]/,
    fix: /^Feed it a sequence, or a recurrent layer with "return sequences" switched on\.$/,
  },
  {
    name: 'gru after an lstm without sequences',
    context: sequence,
    genome: chainGenome([{ kind: 'lstm', params: { returnSequences: false } }, { kind: 'gru' }]),
    code: 'shape',
    nodeId: 'l2',
    message: /GRU "l2": GRU expects a 2D input \[timesteps, features\] but receives \[16\]/,
    fix: /"return sequences" switched on/,
  },
];

function findIssue(issues: readonly GraphIssue[], code: IssueCode, nodeId: string): GraphIssue | undefined {
  return issues.find((issue) => issue.code === code && (issue.nodeId === nodeId || code === 'cycle'));
}

describe('validator messages', () => {
  for (const c of cases) {
    it(`${c.name} is explained`, () => {
      const analysis = analyzeGenome(c.genome, c.context);
      const issue = findIssue(analysis.issues, c.code, c.nodeId);

      expect(analysis.valid).toBe(false);
      expect(issue, JSON.stringify(analysis.issues)).toBeDefined();
      expect(issue!.message).toMatch(c.message);
      expect(issue!.fix).toMatch(c.fix);
      if (c.edge) expect(issue!.edge).toEqual(c.edge);
    });
  }
});

describe('validator on a cut chain', () => {
  it('reports the last layer and the head', () => {
    // The layer before the output head was deleted: input → a → b, and the head has no input.
    const genome = graph(gene('a', 'dense', ['input']), gene('b', 'dense', ['a']), gene('output', 'output', []));
    const issues = analyzeGenome(genome, vector).issues.map((issue) => [issue.code, issue.nodeId]);
    expect(issues).toEqual([
      ['arity', 'output'],
      ['dead-end', 'b'],
    ]);
  });

  it('reports each branch that stops short', () => {
    const genome = graph(gene('a', 'dense', ['input']), gene('b', 'dense', ['a']), gene('c', 'dense', ['a']), gene('output', 'output', ['input']));
    const deadEnds = analyzeGenome(genome, vector).issues.filter((issue) => issue.code === 'dead-end').map((issue) => issue.nodeId);
    expect(deadEnds.sort()).toEqual(['b', 'c']);
  });
});

describe('validator cycle report', () => {
  it('cycle lists its nodes in flow order', () => {
    const genome = graph(
      gene('a', 'dense', ['input', 'c']),
      gene('b', 'dense', ['a']),
      gene('c', 'dense', ['b']),
      gene('output', 'output', ['c']),
    );
    const cycle = analyzeGenome(genome, vector).issues.find((issue) => issue.code === 'cycle');

    expect(cycle).toBeDefined();
    const ids = cycle!.nodeIds!;
    expect([...ids].sort()).toEqual(['a', 'b', 'c']);
    const next = (id: string) => ids[(ids.indexOf(id) + 1) % ids.length];
    expect(next('a')).toBe('b');
    expect(next('b')).toBe('c');
    expect(next('c')).toBe('a');
  });
});

describe('validator on recurrent stacks', () => {
  it('lstm with sequences feeds a gru', () => {
    const genome = chainGenome([
      { kind: 'simpleRNN', params: { units: 6, returnSequences: true } },
      { kind: 'lstm', params: { units: 5, returnSequences: true } },
      { kind: 'gru', params: { units: 4 } },
    ]);
    const analysis = analyzeGenome(genome, sequence);

    expect(analysis.issues).toEqual([]);
    expect(analysis.nodes.get('l1')!.shape).toEqual([12, 6]);
    expect(analysis.nodes.get('l2')!.shape).toEqual([12, 5]);
    expect(analysis.nodes.get('l3')!.shape).toEqual([4]);
    expect(analysis.nodes.get('l2')!.params).toBe(4 * (6 * 5 + 5 * 5 + 5));
  });

  it('a skip of equal image shapes is valid', () => {
    const genome = graph(
      gene('c1', 'conv2d', ['input'], { filters: 4 }),
      gene('c2', 'conv2d', ['c1'], { filters: 4 }),
      gene('m', 'add', ['c1', 'c2']),
      gene('p', 'maxPooling2d', ['m']),
      gene('f', 'flatten', ['p']),
      gene('output', 'output', ['f']),
    );
    expect(analyzeGenome(genome, image).issues).toEqual([]);
  });
});
