import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { CoevolutionStrategy } from '../../src/core/coevolution';
import { RandomSearchStrategy } from '../../src/core/random-search';
import { DEFAULT_SEARCH, createStrategy, searchSettingsProblems, type SearchSettings } from '../../src/core/search';
import type { StrategyName } from '../../src/core/strategy';

const context = { inputShape: [4], outputUnits: 3 };
const valid: SearchSettings = { ...DEFAULT_SEARCH, candidateSet: defaultCandidateSet(context.inputShape) };

describe('DEFAULT_SEARCH', () => {
  it('holds the documented defaults', () => {
    expect(DEFAULT_SEARCH).toMatchObject({ strategy: 'coevolution', generations: 6, population: 8, modulePopulation: 16, networksPerBlueprint: 1 });
    expect(searchSettingsProblems(valid)).toEqual([]);
  });
});

describe('createStrategy', () => {
  it('creates the named strategy', () => {
    expect(createStrategy(valid, context)).toBeInstanceOf(CoevolutionStrategy);
    expect(createStrategy({ ...valid, strategy: 'random' }, context)).toBeInstanceOf(RandomSearchStrategy);
  });

  const invalid: [string, Partial<SearchSettings>, RegExp][] = [
    ['zero generations', { generations: 0 }, /generations must be a whole number from 1 to 10000, got 0/],
    ['fractional population', { population: 2.5 }, /population must be a whole number from 1 to 1000, got 2\.5/],
    ['NaN module population', { modulePopulation: Number.NaN }, /modulePopulation must be a whole number .* got NaN/],
    ['zero networks per blueprint', { networksPerBlueprint: 0 }, /networksPerBlueprint must be a whole number from 1 to 16, got 0/],
    ['negative seed', { seed: -1 }, /seed must be a whole number from 0 to 4294967295, got -1/],
    ['unknown strategy', { strategy: 'annealing' as StrategyName }, /strategy must be one of coevolution, regularized, random, exhaustive, got "annealing"/],
    ['negative evaluation budget', { maxEvaluations: -3 }, /maxEvaluations must be a whole number from 0 to 100000 \(0: no limit\), got -3/],
    ['unknown early stopping rule', { earlyStopping: 'patience' as SearchSettings['earlyStopping'] }, /earlyStopping must be one of off, median, halving, got "patience"/],
    ['bad candidate set', { candidateSet: { layers: [{ kind: 'dense', params: { units: [0] } }] } }, /dense\.units must be an integer from 1 to 1024, got 0/],
  ];
  for (const [name, overrides, message] of invalid) {
    it(`rejects ${name}`, () => {
      expect(() => createStrategy({ ...valid, ...overrides }, context)).toThrow(/^Invalid search settings:/);
      expect(() => createStrategy({ ...valid, ...overrides }, context)).toThrow(message);
    });
  }

  it('rejects a candidate set with no layer for the input', () => {
    const settings = { ...valid, candidateSet: { layers: [{ kind: 'conv2d' as const, params: {} }] } };
    expect(() => createStrategy(settings, context)).toThrow(
      /No layer of the candidate set accepts the task input \[4\] within the size limits; enable a layer that does/,
    );
  });
});
