import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { crossoverLayerGraphs, matchingNodeIds } from '../../src/core/crossover';
import { DEFAULT_LIMITS, analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import {
  addBranch,
  addSkip,
  changeParam,
  fittingKinds,
  insertLayer,
  layerCount,
  mutateLayerGraph,
  removeLayer,
  sampleInsertion,
  type LayerGraphContext,
} from '../../src/core/mutation';
import { Rng } from '../../src/core/rng';
import type { CandidateSet } from '../../src/core/strategy';
import { gene, graph } from './genes';

const image: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };
const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };

const contextFor = (shape: ShapeContext, overrides: Partial<LayerGraphContext> = {}): LayerGraphContext => ({
  candidateSet: defaultCandidateSet(shape.inputShape),
  shape,
  limits: DEFAULT_LIMITS,
  maxLayers: 4,
  innovations: new InnovationCounter('n'),
  ...overrides,
});

const hiddenIds = (genome: Genome) => genome.nodes.filter((node) => node.kind !== 'input' && node.kind !== 'output').map((node) => node.id);

describe('fittingKinds', () => {
  it('follows the rank of the input', () => {
    expect(fittingKinds(defaultCandidateSet([4]), [4])).toEqual(['dense', 'dropout', 'batchNormalization', 'activation']);
    expect(fittingKinds(defaultCandidateSet([10, 1]), [10, 1])).toContain('lstm');
    expect(fittingKinds(defaultCandidateSet([10, 1]), [16])).not.toContain('lstm');
  });

  it('leaves dense off feature maps when flatten is listed', () => {
    const set = defaultCandidateSet([28, 28, 1]);
    expect(fittingKinds(set, [28, 28, 1])).not.toContain('dense');
    expect(fittingKinds(set, [784])).toContain('dense');
    const withoutFlatten: CandidateSet = { layers: set.layers.filter((layer) => layer.kind !== 'flatten') };
    expect(fittingKinds(withoutFlatten, [28, 28, 1])).toContain('dense');
  });
});

describe('sampleInsertion', () => {
  const set = defaultCandidateSet([28, 28, 1]);
  const kindsOf = (layers: { kind: string }[] | null) => layers!.map((layer) => layer.kind).join(' → ');

  it('puts a flatten before dense on a feature map', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 20; i++) expect(kindsOf(sampleInsertion(set, rng, [28, 28, 1], image, 'dense'))).toBe('flatten → dense');
    expect(kindsOf(sampleInsertion(set, rng, [784], image, 'dense'))).toBe('dense');
  });

  it('pools after conv2d on large maps only', () => {
    const rng = new Rng(5);
    const large = new Set(Array.from({ length: 40 }, () => kindsOf(sampleInsertion(set, rng, [28, 28, 1], image, 'conv2d'))));
    expect([...large].sort()).toEqual(['conv2d', 'conv2d → maxPooling2d']);
    const small = new Set(Array.from({ length: 40 }, () => kindsOf(sampleInsertion(set, rng, [4, 4, 8], image, 'conv2d'))));
    expect([...small]).toEqual(['conv2d']);
  });
});

describe('insertLayer', () => {
  it('adds one valid layer with a fresh innovation id', () => {
    const context = contextFor(image);
    const genome = chainGenome([{ kind: 'conv2d' }]);
    const mutated = insertLayer(genome, new Rng(1), context)!;
    expect(analyzeGenome(mutated, image).valid).toBe(true);
    expect(layerCount(mutated)).toBe(2);
    expect(hiddenIds(mutated)).toContain('n1');
  });

  it('never places conv2d on a vector', () => {
    const context = contextFor(vector, { candidateSet: { layers: [{ kind: 'conv2d', params: {} }, { kind: 'dense', params: { units: [8] } }] } });
    for (let seed = 0; seed < 30; seed++) {
      const mutated = insertLayer(chainGenome([{ kind: 'dense' }]), new Rng(seed), context)!;
      expect(mutated.nodes.map((node) => node.kind)).not.toContain('conv2d');
    }
  });

  it('stops at maxLayers', () => {
    const context = contextFor(vector, { maxLayers: 2 });
    expect(insertLayer(chainGenome([{ kind: 'dense' }, { kind: 'dense' }]), new Rng(1), context)).toBeNull();
  });
});

describe('removeLayer', () => {
  it('reconnects the consumers', () => {
    const genome = chainGenome([{ kind: 'dense' }, { kind: 'dropout' }, { kind: 'dense' }]);
    const mutated = removeLayer(genome, new Rng(2), contextFor(vector))!;
    expect(analyzeGenome(mutated, vector).valid).toBe(true);
    expect(layerCount(mutated)).toBe(2);
  });

  it('keeps the last layer', () => {
    expect(removeLayer(chainGenome([{ kind: 'dense' }]), new Rng(1), contextFor(vector))).toBeNull();
  });

  it('removing a merge drops its other branch', () => {
    const genome = graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['input'], { units: 8 }),
      gene('m', 'add', ['a', 'b']),
      gene('output', 'output', ['m']),
    );
    for (let seed = 0; seed < 20; seed++) {
      const mutated = removeLayer(genome, new Rng(seed), contextFor(vector))!;
      expect(analyzeGenome(mutated, vector).valid).toBe(true);
      expect(hiddenIds(mutated).length).toBe(1);
    }
  });
});

describe('changeParam', () => {
  it('changes exactly one parameter to a listed value', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8, 16], activation: ['relu'] } }] };
    const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }]);
    const mutated = changeParam(genome, new Rng(1), contextFor(vector, { candidateSet: set }))!;
    expect(mutated.nodes.find((node) => node.id === 'l1')!.params).toEqual({ units: 16, activation: 'relu' });
  });

  it('returns null when no listed value differs', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8] } }] };
    const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }]);
    expect(changeParam(genome, new Rng(1), contextFor(vector, { candidateSet: set }))).toBeNull();
  });

  it('leaves kinds outside the candidate set alone', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8, 16] } }] };
    const genome = chainGenome([{ kind: 'dropout', params: { rate: 0.3 } }]);
    expect(changeParam(genome, new Rng(1), contextFor(vector, { candidateSet: set }))).toBeNull();
  });
});

describe('addBranch', () => {
  it('joins a parallel layer with a merge', () => {
    const context = contextFor(vector);
    for (let seed = 0; seed < 20; seed++) {
      const mutated = addBranch(chainGenome([{ kind: 'dense', params: { units: 16 } }]), new Rng(seed), context)!;
      expect(analyzeGenome(mutated, vector).valid).toBe(true);
      const merge = mutated.nodes.find((node) => node.kind === 'add' || node.kind === 'concatenate')!;
      expect(merge.inputs).toHaveLength(2);
      expect(merge.inputs[0]).toBe('l1');
      expect(mutated.nodes.find((node) => node.kind === 'output')!.inputs).toEqual([merge.id]);
    }
  });

  it('needs a merge in the candidate set', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8, 16] } }] };
    expect(addBranch(chainGenome([{ kind: 'dense' }]), new Rng(1), contextFor(vector, { candidateSet: set }))).toBeNull();
  });
});

describe('addSkip', () => {
  it('adds a merge that joins an earlier node', () => {
    const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }, { kind: 'dense', params: { units: 8 } }]);
    for (let seed = 0; seed < 20; seed++) {
      const mutated = addSkip(genome, new Rng(seed), contextFor(vector))!;
      expect(analyzeGenome(mutated, vector).valid).toBe(true);
      const merges = mutated.nodes.filter((node) => node.kind === 'add' || node.kind === 'concatenate');
      expect(merges).toHaveLength(1);
    }
  });

  it('uses only add when shapes match and concatenate is missing', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8] } }, { kind: 'add', params: {} }] };
    const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }, { kind: 'dense', params: { units: 8 } }]);
    const mutated = addSkip(genome, new Rng(4), contextFor(vector, { candidateSet: set }))!;
    const merge = mutated.nodes.find((node) => node.kind === 'add')!;
    expect(merge.inputs).toEqual(expect.arrayContaining(['l2']));
    expect(analyzeGenome(mutated, vector).valid).toBe(true);
  });

  it('returns null when no pair fits add', () => {
    const set: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8] } }, { kind: 'add', params: {} }] };
    const genome = chainGenome([{ kind: 'dense', params: { units: 16 } }, { kind: 'dense', params: { units: 2 } }]);
    expect(addSkip(genome, new Rng(1), contextFor(vector, { candidateSet: set }))).toBeNull();
  });
});

describe('mutateLayerGraph', () => {
  it('reports the operator it applied', () => {
    const context = contextFor(image);
    const seen = new Set<string>();
    let genome = chainGenome([{ kind: 'conv2d' }]);
    for (let seed = 0; seed < 60; seed++) {
      const result = mutateLayerGraph(genome, new Rng(seed), context);
      expect(analyzeGenome(result.genome, image).valid).toBe(true);
      if (result.mutation) seen.add(result.mutation);
      genome = result.genome;
    }
    expect([...seen].sort()).toEqual(['add-branch', 'add-skip', 'change-param', 'insert-layer', 'remove-layer']);
  });

  it('repairs an invalid input first', () => {
    const broken = chainGenome([{ kind: 'conv2d' }, { kind: 'dense' }]);
    const result = mutateLayerGraph(broken, new Rng(1), contextFor(vector));
    expect(analyzeGenome(result.genome, vector).valid).toBe(true);
  });

  it('is deterministic per seed and innovation counter', () => {
    const run = () => {
      const context = contextFor(image);
      let genome = chainGenome([{ kind: 'conv2d' }]);
      for (let step = 0; step < 20; step++) genome = mutateLayerGraph(genome, new Rng(step), context).genome;
      return genome;
    };
    expect(run()).toEqual(run());
  });
});

describe('crossoverLayerGraphs', () => {
  const crossoverContext = { shape: vector, limits: DEFAULT_LIMITS };

  it('takes structure from the fitter parent', () => {
    const fitter = chainGenome([{ kind: 'dense', params: { units: 8 } }, { kind: 'dropout', params: { rate: 0.5 } }]);
    const other = chainGenome([{ kind: 'dense', params: { units: 64 } }]);
    for (let seed = 0; seed < 10; seed++) {
      const child = crossoverLayerGraphs(fitter, other, new Rng(seed), crossoverContext);
      expect(child.nodes.map((node) => [node.id, node.kind])).toEqual(fitter.nodes.map((node) => [node.id, node.kind]));
    }
  });

  it('takes matching parameters from either parent', () => {
    const fitter = chainGenome([{ kind: 'dense', params: { units: 8 } }]);
    const other = chainGenome([{ kind: 'dense', params: { units: 64 } }]);
    const units = new Set<unknown>();
    for (let seed = 0; seed < 20; seed++) {
      units.add(crossoverLayerGraphs(fitter, other, new Rng(seed), crossoverContext).nodes[1].params.units);
    }
    expect([...units].sort()).toEqual([64, 8]);
    expect(matchingNodeIds(fitter, other)).toEqual(['input', 'l1', 'output']);
  });

  it('keeps only swaps that stay valid', () => {
    // Taking 16 units from the other parent would break the add, so the child keeps 8.
    const fitter = graph(
      gene('a', 'dense', ['input'], { units: 8 }),
      gene('b', 'dense', ['a'], { units: 8 }),
      gene('m', 'add', ['a', 'b']),
      gene('output', 'output', ['m']),
    );
    const other = graph(gene('b', 'dense', ['input'], { units: 16 }), gene('output', 'output', ['b']));
    for (let seed = 0; seed < 10; seed++) {
      const child = crossoverLayerGraphs(fitter, other, new Rng(seed), crossoverContext);
      expect(analyzeGenome(child, vector).valid).toBe(true);
      expect(child.nodes.find((node) => node.id === 'b')!.params.units).toBe(8);
    }
  });
});

describe('addBranch twins', () => {
  it('never adds a copy of the target', () => {
    const context = contextFor(vector);
    let branches = 0;
    for (let seed = 0; seed < 40; seed++) {
      const mutated = addBranch(chainGenome([{ kind: 'batchNormalization' }]), new Rng(seed), context);
      if (!mutated) continue;
      branches += 1;
      const merge = mutated.nodes.find((node) => node.kind === 'add' || node.kind === 'concatenate')!;
      const [first, second] = merge.inputs.map((id) => mutated.nodes.find((node) => node.id === id)!);
      expect(second.kind === first.kind && JSON.stringify(second.params) === JSON.stringify(first.params)).toBe(false);
    }
    expect(branches).toBeGreaterThan(20);
  });
});
