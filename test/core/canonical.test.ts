import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { chainGenome, type Genome } from '../../src/core/genome';
import { gene, graph } from './genes';

const branchy = (mergeKind: 'add' | 'concatenate', order: [string, string]): Genome =>
  graph(
    gene('a', 'dense', ['input'], { units: 8 }),
    gene('b', 'dense', ['input'], { units: 8, activation: 'tanh' }),
    gene('m', mergeKind, order),
    gene('output', 'output', ['m']),
  );

describe('canonicalHash', () => {
  it('ignores node ids', () => {
    const a = chainGenome([{ kind: 'dense', params: { units: 8 } }, { kind: 'dropout' }]);
    const renamed: Genome = {
      nodes: a.nodes.map((node) => ({
        ...node,
        id: node.kind === 'input' || node.kind === 'output' ? `${node.id}-x` : `renamed-${node.id}`,
        inputs: node.inputs.map((id) => (id === 'input' ? 'input-x' : `renamed-${id}`)),
      })),
    };
    expect(canonicalHash(renamed)).toBe(canonicalHash(a));
  });

  it('ignores node array order', () => {
    const genome = branchy('concatenate', ['a', 'b']);
    const reversed = { nodes: [...genome.nodes].reverse() };
    expect(canonicalHash(reversed)).toBe(canonicalHash(genome));
  });

  it('ignores parameter key order', () => {
    const a = graph(gene('d', 'dense', ['input'], { units: 8, activation: 'relu' }), gene('output', 'output', ['d']));
    const b = graph({ id: 'd', kind: 'dense', params: { activation: 'relu', units: 8 }, inputs: ['input'] }, gene('output', 'output', ['d']));
    expect(canonicalHash(b)).toBe(canonicalHash(a));
  });

  it('add ignores input order', () => {
    expect(canonicalHash(branchy('add', ['b', 'a']))).toBe(canonicalHash(branchy('add', ['a', 'b'])));
  });

  it('concatenate keeps input order', () => {
    expect(canonicalHash(branchy('concatenate', ['b', 'a']))).not.toBe(canonicalHash(branchy('concatenate', ['a', 'b'])));
  });

  const differing: [string, Genome, Genome][] = [
    ['a parameter', chainGenome([{ kind: 'dense', params: { units: 8 } }]), chainGenome([{ kind: 'dense', params: { units: 16 } }])],
    ['a kind', chainGenome([{ kind: 'dropout' }]), chainGenome([{ kind: 'batchNormalization' }])],
    ['layer order', chainGenome([{ kind: 'dense' }, { kind: 'dropout' }]), chainGenome([{ kind: 'dropout' }, { kind: 'dense' }])],
    ['depth', chainGenome([{ kind: 'dense' }]), chainGenome([{ kind: 'dense' }, { kind: 'dense' }])],
  ];
  for (const [what, a, b] of differing) {
    it(`differs when ${what} differs`, () => {
      expect(canonicalHash(a)).not.toBe(canonicalHash(b));
    });
  }

  it('tells a shared layer from two copies', () => {
    // One dense feeding both branches against two identical dense layers, one per branch.
    const shared = graph(
      gene('d', 'dense', ['input'], { units: 4 }),
      gene('x', 'activation', ['d'], { activation: 'tanh' }),
      gene('y', 'activation', ['d'], { activation: 'elu' }),
      gene('m', 'concatenate', ['x', 'y']),
      gene('output', 'output', ['m']),
    );
    const copied = graph(
      gene('d1', 'dense', ['input'], { units: 4 }),
      gene('d2', 'dense', ['input'], { units: 4 }),
      gene('x', 'activation', ['d1'], { activation: 'tanh' }),
      gene('y', 'activation', ['d2'], { activation: 'elu' }),
      gene('m', 'concatenate', ['x', 'y']),
      gene('output', 'output', ['m']),
    );
    expect(canonicalHash(shared)).not.toBe(canonicalHash(copied));
  });

  it('returns 16 hex digits', () => {
    expect(canonicalHash(chainGenome([]))).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
