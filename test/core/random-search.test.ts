import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { DEFAULT_LIMITS, analyzeGenome, chainGenome } from '../../src/core/genome';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import { layerCount } from '../../src/core/mutation';
import { randomGenome } from '../../src/core/random-search';
import { Rng } from '../../src/core/rng';
import { DEFAULT_SEARCH, createStrategy } from '../../src/core/search';
import type { CandidateResult } from '../../src/core/strategy';

const contexts: ShapeContext[] = [
  { inputShape: [4], outputUnits: 3 },
  { inputShape: [28, 28, 1], outputUnits: 10 },
  { inputShape: [10, 1], outputUnits: 1 },
];

describe('randomGenome', () => {
  for (const shape of contexts) {
    it(`draws valid networks for input ${JSON.stringify(shape.inputShape)}`, () => {
      const context = {
        candidateSet: defaultCandidateSet(shape.inputShape),
        shape,
        limits: DEFAULT_LIMITS,
        maxLayers: 8,
        innovations: new InnovationCounter('n'),
      };
      const rng = new Rng(2);
      const depths = new Set<number>();
      for (let i = 0; i < 100; i++) {
        const genome = randomGenome(rng, context);
        expect(analyzeGenome(genome, shape).issues).toEqual([]);
        depths.add(layerCount(genome));
      }
      expect(Math.max(...depths)).toBeGreaterThan(4);
      expect(Math.min(...depths)).toBeLessThanOrEqual(2);
    });
  }
});

describe('RandomSearchStrategy', () => {
  const shape = contexts[1];
  const settings = { ...DEFAULT_SEARCH, strategy: 'random' as const, generations: 3, population: 6, candidateSet: defaultCandidateSet(shape.inputShape) };
  const results = (batch: { id: string }[]): CandidateResult[] =>
    batch.map((candidate, index) => ({ candidateId: candidate.id, fitness: index / 10, params: 0, failed: false }));

  it('proposes `population` random networks per generation, then null', () => {
    const strategy = createStrategy(settings, shape);
    expect(strategy.name).toBe('random');
    for (let generation = 0; generation < 3; generation++) {
      const batch = strategy.propose()!;
      expect(batch).toHaveLength(6);
      for (const candidate of batch) {
        expect(candidate.origin).toEqual({ type: 'random' });
        expect(candidate.hash).toBe(canonicalHash(candidate.genome));
      }
      const summary = strategy.observe(results(batch));
      expect(summary.populations.map((population) => population.name)).toEqual(['networks']);
      expect(summary.populations[0].best).toBeCloseTo(0.5);
    }
    expect(strategy.propose()).toBeNull();
  });

  it('is deterministic per seed', () => {
    const hashes = (seed: number) => createStrategy({ ...settings, seed }, shape).propose()!.map((candidate) => candidate.hash);
    expect(hashes(4)).toEqual(hashes(4));
    expect(hashes(4)).not.toEqual(hashes(5));
  });

  it('starts with the seed network', () => {
    const seed = chainGenome([{ kind: 'conv2d', params: { filters: 8 } }, { kind: 'flatten' }]);
    const batch = createStrategy(settings, shape, { seedGenome: seed }).propose()!;
    expect(batch[0].origin).toEqual({ type: 'seed' });
    expect(batch[0].hash).toBe(canonicalHash(seed));
    expect(batch).toHaveLength(6);
  });

  it('rejects mismatched results', () => {
    const strategy = createStrategy(settings, shape);
    strategy.propose();
    expect(() => strategy.observe([])).toThrow(/expected 6 results for generation 0/);
  });
});
