import { describe, expect, it } from 'vitest';
import { describeGenome } from '../../src/core/describe';
import { chainGenome, type Genome } from '../../src/core/genome';
import { gene, graph } from './genes';

const cases: [string, Genome, string][] = [
  [
    'a CNN chain',
    chainGenome([
      { kind: 'conv2d', params: { filters: 16, kernelSize: 3 } },
      { kind: 'maxPooling2d', params: { poolSize: 2 } },
      { kind: 'dense', params: { units: 64, activation: 'relu' } },
    ]),
    'conv2d(16, 3×3) → maxPooling2d(2) → dense(64, relu) → output',
  ],
  ['input straight to output', chainGenome([]), 'output'],
  [
    'conv2d options that differ from the usual',
    chainGenome([{ kind: 'conv2d', params: { filters: 8, kernelSize: 5, strides: 2, padding: 'valid', activation: 'tanh' } }]),
    'conv2d(8, 5×5, stride 2, valid, tanh) → output',
  ],
  [
    'regularisers and recurrent layers',
    chainGenome([{ kind: 'lstm', params: { units: 8, returnSequences: true } }, { kind: 'gru', params: { units: 4 } }, { kind: 'dropout', params: { rate: 0.25 } }, { kind: 'batchNormalization' }]),
    'lstm(8, sequences) → gru(4) → dropout(0.25) → batchNormalization → output',
  ],
  [
    'a residual block',
    graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['a'], { units: 8, activation: 'tanh' }),
      gene('m', 'add', ['b', 'a']),
      gene('output', 'output', ['m']),
    ),
    'dense(8, relu) → [dense(8, tanh) | skip] → add → output',
  ],
  [
    'parallel branches from the input',
    graph(
      gene('a', 'conv2d', ['input'], { filters: 8, kernelSize: 3 }),
      gene('b', 'conv2d', ['input'], { filters: 8, kernelSize: 5 }),
      gene('p', 'maxPooling2d', ['b']),
      gene('c', 'maxPooling2d', ['a']),
      gene('m', 'concatenate', ['c', 'p']),
      gene('f', 'flatten', ['m']),
      gene('output', 'output', ['f']),
    ),
    '[conv2d(8, 3×3) → maxPooling2d(2) | conv2d(8, 5×5) → maxPooling2d(2)] → concatenate → flatten → output',
  ],
  [
    'nested branches',
    graph(
      gene('a', 'dense', ['input'], { units: 4 }),
      gene('b', 'dense', ['a'], { units: 4 }),
      gene('m1', 'add', ['a', 'b']),
      gene('c', 'dense', ['input'], { units: 4 }),
      gene('m2', 'concatenate', ['m1', 'c']),
      gene('output', 'output', ['m2']),
    ),
    '[dense(4, relu) → [skip | dense(4, relu)] → add | dense(4, relu)] → concatenate → output',
  ],
];

describe('describeGenome', () => {
  for (const [name, genome, expected] of cases) {
    it(name, () => {
      expect(describeGenome(genome)).toBe(expected);
    });
  }

  it('reports a genome without an output head', () => {
    expect(describeGenome({ nodes: [gene('input', 'input', [])] })).toBe('incomplete network');
  });
});
