import { describe, expect, it } from 'vitest';
import { defaultCandidateSet, placeableKinds } from '../../src/core/candidate-set';
import { countExhaustive, primitivesOf } from '../../src/core/exhaustive';
import type { CandidateSet } from '../../src/core/strategy';
import { variantCount } from '../../src/state/candidate-set-edit';
import { candidateSetSummary, kindCountText } from '../../src/ui/candidate-set/candidate-set-text';

const denseAndAdd: CandidateSet = {
  layers: [
    { kind: 'dense', params: { units: [4, 8], activation: ['relu', 'tanh'] } },
    { kind: 'add', params: {} },
  ],
};

describe('candidateSetSummary', () => {
  it('counts the default set as its cards do', () => {
    const set = defaultCandidateSet([2]);
    const cardTotal = placeableKinds(set).reduce((total, kind) => total + variantCount(set.layers.find((entry) => entry.kind === kind)!), 0);
    expect(cardTotal).toBe(primitivesOf(set).length);
    expect(candidateSetSummary(set)).toBe(
      `4 layer kinds · ${cardTotal} primitives (kinds × parameter combinations) · Add and Concatenate join branches, not placed in exhaustive chains`,
    );
  });

  it('matches the exhaustive count of primitives', () => {
    const set = defaultCandidateSet([2]);
    const { primitives } = countExhaustive(set, { inputShape: [2], outputUnits: 2 });
    expect(candidateSetSummary(set)).toContain(`${primitives} primitives`);
  });

  it('names one merge kind apart', () => {
    expect(candidateSetSummary(denseAndAdd)).toBe('1 layer kind · 4 primitives (kinds × parameter combinations) · Add joins branches, not placed in exhaustive chains');
  });

  it('leaves out merges when there are none', () => {
    expect(candidateSetSummary({ layers: [denseAndAdd.layers[0]] })).toBe('1 layer kind · 4 primitives (kinds × parameter combinations)');
  });
});

describe('kindCountText', () => {
  it('counts variants of a layer kind', () => {
    expect(kindCountText('dense', denseAndAdd.layers[0])).toBe('4 variants');
    expect(kindCountText('batchNormalization', { kind: 'batchNormalization', params: {} })).toBe('1 variant');
  });

  it('gives merges their role, not a variant', () => {
    expect(kindCountText('add', denseAndAdd.layers[1])).toBe('joins branches');
    expect(kindCountText('concatenate', { kind: 'concatenate', params: {} })).toBe('joins branches');
  });
});
