import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import type { LayerKind, ShapeContext } from '../../src/core/layers';
import { minimalGenome, repairGenome } from '../../src/core/repair';
import { gene, graph } from './genes';

const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };
const image: ShapeContext = { inputShape: [8, 8, 3], outputUnits: 10 };
const sequence: ShapeContext = { inputShape: [10, 1], outputUnits: 1 };

const kinds = (genome: Genome): LayerKind[] =>
  genome.nodes.filter((node) => node.kind !== 'input' && node.kind !== 'output').map((node) => node.kind);

interface RepairCase {
  readonly name: string;
  readonly context: ShapeContext;
  readonly genome: Genome;
  readonly kinds: LayerKind[];
  readonly limits?: { maxParams: number; maxActivation: number };
}

const cases: RepairCase[] = [
  {
    name: 'drops conv2d on a vector',
    context: vector,
    genome: chainGenome([{ kind: 'dense' }, { kind: 'conv2d' }, { kind: 'dropout' }]),
    kinds: ['dense', 'dropout'],
  },
  {
    name: 'drops spatial layers after flatten',
    context: image,
    genome: chainGenome([{ kind: 'conv2d' }, { kind: 'flatten' }, { kind: 'maxPooling2d' }, { kind: 'dense' }]),
    kinds: ['conv2d', 'flatten', 'dense'],
  },
  {
    name: 'drops recurrent layers on an image',
    context: image,
    genome: chainGenome([{ kind: 'lstm' }, { kind: 'conv2d' }]),
    kinds: ['conv2d'],
  },
  {
    name: 'drops a recurrent layer after a sequence is consumed',
    context: sequence,
    genome: chainGenome([{ kind: 'gru', params: { returnSequences: false } }, { kind: 'lstm' }]),
    kinds: ['gru'],
  },
  {
    name: 'switches a too-large window to same padding',
    context: { inputShape: [4, 4, 1], outputUnits: 2 },
    genome: chainGenome([{ kind: 'conv2d', params: { kernelSize: 5, padding: 'valid' } }]),
    kinds: ['conv2d'],
  },
  {
    name: 'drops a layer that makes the network too large',
    context: vector,
    genome: chainGenome([{ kind: 'dense', params: { units: 1024 } }, { kind: 'dense', params: { units: 1024 } }, { kind: 'dropout' }]),
    kinds: ['dense', 'dropout'],
    limits: { maxParams: 100_000, maxActivation: 400_000 },
  },
  {
    name: 'resets out-of-range parameters',
    context: vector,
    genome: chainGenome([{ kind: 'dense', params: { units: 99_999 } }]),
    kinds: ['dense'],
  },
  {
    name: 'drops unknown kinds and dangling nodes',
    context: vector,
    genome: graph(
      gene('a', 'dense', ['input']),
      { id: 'x', kind: 'dense9' as LayerKind, params: {}, inputs: ['a'] },
      gene('dead', 'dropout', ['a']),
      gene('output', 'output', ['a']),
    ),
    kinds: ['dense'],
  },
];

describe('repairGenome', () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = analyzeGenome(c.genome, c.context, c.limits);
      expect(before.valid).toBe(false);
      const repaired = repairGenome(c.genome, c.context, c.limits);
      expect(analyzeGenome(repaired, c.context, c.limits).issues).toEqual([]);
      expect(kinds(repaired)).toEqual(c.kinds);
    });
  }

  it('switching padding keeps the conv2d shape valid', () => {
    const context = { inputShape: [4, 4, 1], outputUnits: 2 };
    const repaired = repairGenome(chainGenome([{ kind: 'conv2d', params: { kernelSize: 5, padding: 'valid' } }]), context);
    expect(repaired.nodes.find((node) => node.kind === 'conv2d')!.params.padding).toBe('same');
  });

  it('keeps a valid genome unchanged', () => {
    const genome = chainGenome([{ kind: 'conv2d' }, { kind: 'maxPooling2d' }]);
    expect(repairGenome(genome, image)).toBe(genome);
  });

  it('drops the mismatched input of add and keeps the rest', () => {
    const genome = graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['input'], { units: 1 }),
      gene('c', 'dense', ['input'], { units: 8, activation: 'tanh' }),
      gene('m', 'add', ['a', 'b', 'c']),
      gene('output', 'output', ['m']),
    );
    const repaired = repairGenome(genome, vector);
    expect(analyzeGenome(repaired, vector).valid).toBe(true);
    expect(repaired.nodes.find((node) => node.id === 'm')!.inputs).toEqual(['a', 'c']);
    expect(repaired.nodes.some((node) => node.id === 'b')).toBe(false);
  });

  it('turns a merge left with one input into a pass-through', () => {
    // Dense(8) + Dense(1) is an error: add does not broadcast.
    const genome = graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['a'], { units: 1 }),
      gene('m', 'add', ['a', 'b']),
      gene('output', 'output', ['m']),
    );
    const repaired = repairGenome(genome, vector);
    expect(analyzeGenome(repaired, vector).valid).toBe(true);
    expect(kinds(repaired)).not.toContain('add');
  });

  it('drops concatenate inputs of other spatial size', () => {
    const genome = graph(
      gene('a', 'conv2d', ['input'], { filters: 4 }),
      gene('p', 'maxPooling2d', ['a']),
      gene('b', 'conv2d', ['input'], { filters: 2 }),
      gene('c', 'conv2d', ['input'], { filters: 3, kernelSize: 5 }),
      gene('m', 'concatenate', ['p', 'b', 'c']),
      gene('output', 'output', ['m']),
    );
    const repaired = repairGenome(genome, image);
    expect(analyzeGenome(repaired, image).valid).toBe(true);
    expect(repaired.nodes.find((node) => node.id === 'm')!.inputs).toEqual(['b', 'c']);
  });

  it('breaks cycles', () => {
    const genome = graph(
      gene('a', 'add', ['input', 'b']),
      gene('b', 'dense', ['a'], { units: 4 }),
      gene('output', 'output', ['b']),
    );
    const repaired = repairGenome(genome, vector);
    expect(analyzeGenome(repaired, vector).valid).toBe(true);
  });

  it('falls back to input → output without an output head', () => {
    const genome = graph(gene('a', 'dense', ['input']));
    expect(repairGenome(genome, vector)).toEqual(minimalGenome());
  });

  it('falls back to input → output when output is cut off', () => {
    const genome = graph(gene('a', 'dense', []), gene('output', 'output', ['a']));
    expect(repairGenome(genome, vector)).toEqual(minimalGenome());
  });

  it('minimal genome is valid for every context', () => {
    for (const context of [vector, image, sequence, { inputShape: [28, 28, 1], outputUnits: 10 }]) {
      expect(analyzeGenome(minimalGenome(), context).valid).toBe(true);
    }
  });
});
