import { describe, expect, it } from 'vitest';
import {
  candidateSetProblems,
  defaultCandidateSet,
  mergeKinds,
  placeableKinds,
  sampleLayer,
  sampleParams,
  validateCandidateSet,
} from '../../src/core/candidate-set';
import { checkParam, type LayerKind } from '../../src/core/layers';
import { Rng } from '../../src/core/rng';
import type { CandidateSet } from '../../src/core/strategy';

describe('defaultCandidateSet', () => {
  const cases: [string, number[], LayerKind[], LayerKind[]][] = [
    ['image', [28, 28, 1], ['conv2d', 'maxPooling2d', 'dense', 'dropout', 'batchNormalization', 'activation'], ['lstm']],
    ['vector', [4], ['dense', 'dropout', 'batchNormalization', 'activation'], ['conv2d', 'maxPooling2d', 'lstm']],
    ['sequence', [10, 1], ['lstm', 'gru', 'simpleRNN', 'dense'], ['conv2d']],
  ];
  for (const [name, shape, present, absent] of cases) {
    it(`${name} input ${JSON.stringify(shape)} lists the right kinds`, () => {
      const set = defaultCandidateSet(shape);
      const kinds = set.layers.map((layer) => layer.kind);
      for (const kind of present) expect(kinds).toContain(kind);
      for (const kind of absent) expect(kinds).not.toContain(kind);
      expect(mergeKinds(set)).toEqual(['add', 'concatenate']);
      expect(candidateSetProblems(set)).toEqual([]);
    });
  }

  it('image set uses the documented values', () => {
    const set = defaultCandidateSet([28, 28, 1]);
    const conv = set.layers.find((layer) => layer.kind === 'conv2d')!;
    expect(conv.params.filters).toEqual([8, 16, 32]);
    expect(conv.params.kernelSize).toEqual([3, 5]);
    expect(set.layers.find((layer) => layer.kind === 'dense')!.params.units).toEqual([16, 32, 64, 128, 256]);
    expect(set.layers.find((layer) => layer.kind === 'activation')!.params.activation).toEqual(['relu', 'tanh', 'elu', 'selu', 'sigmoid']);
  });
});

describe('candidateSetProblems', () => {
  const cases: [string, CandidateSet, RegExp][] = [
    ['unknown kind', { layers: [{ kind: 'dense3d' as LayerKind, params: {} }] }, /unknown layer kind "dense3d"/],
    ['input kind', { layers: [{ kind: 'input', params: {} }] }, /unknown layer kind "input"/],
    ['value above the range', { layers: [{ kind: 'dense', params: { units: [8, 4096] } }] }, /dense\.units must be an integer from 1 to 1024, got 4096/],
    ['value of the wrong type', { layers: [{ kind: 'dropout', params: { rate: ['half'] } }] }, /dropout\.rate must be a number from 0 to 0\.9, got half/],
    ['unknown parameter', { layers: [{ kind: 'dense', params: { filters: [8] } }] }, /gives dense an unknown parameter "filters"; it accepts units, activation/],
    ['no values', { layers: [{ kind: 'conv2d', params: { filters: [] } }] }, /gives conv2d\.filters no values/],
    ['repeated kind', { layers: [{ kind: 'dense', params: {} }, { kind: 'dense', params: {} }] }, /lists dense twice/],
    ['empty set', { layers: [] }, /The candidate set is empty/],
    ['merges only', { layers: [{ kind: 'add', params: {} }] }, /contains only merge layers/],
  ];
  for (const [name, set, message] of cases) {
    it(`reports ${name}`, () => {
      const problems = candidateSetProblems(set);
      expect(problems.some((problem) => message.test(problem)), problems.join('\n')).toBe(true);
      expect(() => validateCandidateSet(set)).toThrow(message);
    });
  }

  it('validateCandidateSet accepts a valid set', () => {
    expect(() => validateCandidateSet(defaultCandidateSet([4]))).not.toThrow();
  });
});

describe('sampling', () => {
  const set = defaultCandidateSet([28, 28, 1]);

  it('sampleParams draws only listed values', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const params = sampleParams('conv2d', set, rng);
      expect([8, 16, 32]).toContain(params.filters);
      expect([3, 5]).toContain(params.kernelSize);
      expect(params.strides).toBe(1);
    }
  });

  it('sampleParams rejects an unlisted kind', () => {
    expect(() => sampleParams('lstm', set, new Rng(1))).toThrow(/Cannot sample lstm: the candidate set does not list it/);
  });

  it('sampleLayer draws every placeable kind with valid params', () => {
    const rng = new Rng(7);
    const seen = new Set<LayerKind>();
    for (let i = 0; i < 500; i++) {
      const layer = sampleLayer(set, rng);
      seen.add(layer.kind);
      for (const [name, value] of Object.entries(layer.params)) expect(checkParam(layer.kind, name, value)).toBeNull();
    }
    expect([...seen].sort()).toEqual([...placeableKinds(set)].sort());
  });

  it('sampleLayer is deterministic per seed', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => sampleLayer(set, rng));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });
});
