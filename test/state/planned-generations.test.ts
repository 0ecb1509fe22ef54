import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/state/config';
import { plannedGenerations } from '../../src/state/run-state';

describe('plannedGenerations', () => {
  // Dense layers of 4 or 16 units, relu or tanh, up to 3 deep: 4 + 16 + 64 = 84 chains.
  const exhaustive = (population: number, maxEvaluations = 0) => {
    const config = defaultRunConfig('spiral');
    return {
      ...config,
      search: {
        ...config.search,
        strategy: 'exhaustive' as const,
        population,
        networksPerBlueprint: 1,
        maxEvaluations,
        candidateSet: { layers: [{ kind: 'dense' as const, params: { units: [4, 16], activation: ['relu', 'tanh'] } }], maxDepth: 3 },
      },
    };
  };

  it('keeps the generations of a search', () => {
    const config = defaultRunConfig('spiral');
    expect(plannedGenerations({ ...config, search: { ...config.search, generations: 7 } })).toBe(7);
  });

  it('counts the batches of an exhaustive space', () => {
    expect(plannedGenerations(exhaustive(8))).toBe(Math.ceil(84 / 8));
  });

  it('stops at the evaluation budget', () => {
    expect(plannedGenerations(exhaustive(8, 20))).toBe(3);
  });
});
