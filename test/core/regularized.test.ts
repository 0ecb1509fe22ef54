import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { bestSoFar, meanCurve } from '../../src/core/curves';
import { driveStrategy } from '../../src/core/drive';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { LIFETIME_GENERATIONS, RegularizedEvolutionStrategy, tournamentWinner, type AgingMember } from '../../src/core/regularized';
import { DEFAULT_SEARCH, createStrategy, type SearchSettings } from '../../src/core/search';
import type { Candidate, CandidateResult } from '../../src/core/strategy';

const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };
const settingsFor = (overrides: Partial<SearchSettings> = {}): SearchSettings => ({
  ...DEFAULT_SEARCH,
  strategy: 'regularized',
  generations: 6,
  population: 6,
  candidateSet: defaultCandidateSet(vector.inputShape),
  ...overrides,
});

/** A fitness that depends only on the architecture, spread over [0, 1). */
const hashFitness = (genome: Genome) => parseInt(hashText(canonicalHash(genome)).slice(0, 8), 16) / 2 ** 32;

/** A smooth landscape: best with three dense layers of 64 units; the search has to climb to it. */
const climbFitness = (genome: Genome): number => {
  const dense = genome.nodes.filter((node) => node.kind === 'dense');
  const units = dense.reduce((sum, node) => sum + Math.min(Number(node.params.units), 64), 0);
  return Math.max(0, 1 - Math.abs(units - 192) / 192 - 0.05 * (genome.nodes.length - 2 - dense.length));
};

const resultsFor = (batch: readonly Candidate[], fitness: (genome: Genome) => number): CandidateResult[] =>
  batch.map((candidate) => ({ candidateId: candidate.id, fitness: fitness(candidate.genome), params: candidate.genome.nodes.length, failed: false }));

const member = (id: string, fitness: number, params = 10, failed = false): AgingMember => ({
  candidate: { id, generation: 0, genome: chainGenome([]), hash: id, origin: { type: 'random' } },
  fitness,
  params,
  failed,
});

describe('tournamentWinner', () => {
  const cases: { name: string; sample: AgingMember[]; winner: string }[] = [
    { name: 'highest fitness', sample: [member('a', 0.2), member('b', 0.9), member('c', 0.5)], winner: 'b' },
    { name: 'fewer parameters on a tie', sample: [member('a', 0.9, 50), member('b', 0.9, 20)], winner: 'b' },
    { name: 'first sampled on a full tie', sample: [member('a', 0.9), member('b', 0.9)], winner: 'a' },
    { name: 'failed members last', sample: [member('a', 0, 10, true), member('b', 0.1)], winner: 'b' },
  ];
  for (const testCase of cases) {
    it(`picks ${testCase.name}`, () => expect(tournamentWinner(testCase.sample).candidate.id).toBe(testCase.winner));
  }
});

describe('RegularizedEvolutionStrategy', () => {
  it('is deterministic per seed', () => {
    const hashes = (seed: number) =>
      driveStrategy(createStrategy(settingsFor({ seed }), vector), (candidate) => ({ fitness: hashFitness(candidate.genome) })).results.map(
        (result) => result.candidate.hash,
      );
    expect(hashes(3)).toEqual(hashes(3));
    expect(hashes(3)).not.toEqual(hashes(4));
  });

  it('proposes population children per generation, all valid', () => {
    const strategy = createStrategy(settingsFor(), vector);
    for (let generation = 0; generation < 6; generation++) {
      const batch = strategy.propose()!;
      expect(batch).toHaveLength(6);
      for (const candidate of batch) expect(analyzeGenome(candidate.genome, vector).issues).toEqual([]);
      strategy.observe(resultsFor(batch, hashFitness));
    }
    expect(strategy.propose()).toBeNull();
  });

  it('ages out the oldest members, whatever their fitness', () => {
    const strategy = new RegularizedEvolutionStrategy(settingsFor({ generations: 5 }), vector);
    const batches: Candidate[][] = [];
    for (let generation = 0; generation < 5; generation++) {
      const batch = strategy.propose()!;
      batches.push(batch);
      // The first generation scores best of all, so only aging can remove it.
      strategy.observe(resultsFor(batch, (genome) => (generation === 0 ? 1 : hashFitness(genome) * 0.5)));
      const expected = batches.slice(-LIFETIME_GENERATIONS).flat().map((candidate) => candidate.id);
      expect(strategy.population.map((entry) => entry.candidate.id)).toEqual(expected);
    }
    expect(strategy.capacity).toBe(12);
    expect(strategy.sampleSize).toBe(3);
  });

  it('breeds each child from a member of the queue and records its lineage', () => {
    const strategy = new RegularizedEvolutionStrategy(settingsFor({ generations: 3 }), vector);
    strategy.observe(resultsFor(strategy.propose()!, hashFitness));
    const queue = new Set(strategy.population.map((entry) => entry.candidate.id));
    const children = strategy.propose()!;
    for (const child of children) {
      expect(child.origin.type).toBe('mutated');
      expect(child.lineage?.parents).toHaveLength(1);
      expect(queue.has(child.lineage!.parents[0])).toBe(true);
      expect(child.lineage?.operations[0]).toMatch(/^mutate:(insert-layer|remove-layer|change-param|add-branch|add-skip|none)$/);
    }
  });

  it('starts from the seed network', () => {
    const seed = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]);
    const batch = createStrategy(settingsFor(), vector, { seedGenome: seed }).propose()!;
    expect(batch[0].origin).toEqual({ type: 'seed' });
    expect(batch[0].hash).toBe(canonicalHash(seed));
  });

  it('respects the evaluation budget', () => {
    const outcome = driveStrategy(createStrategy(settingsFor({ generations: 50 }), vector), (candidate) => ({ fitness: hashFitness(candidate.genome) }), 20);
    expect(outcome.evaluations).toBe(20);
    expect(outcome.budgetReached).toBe(true);
  });

  it('climbs a smooth landscape better than random search', () => {
    const budget = 60;
    const curves = (strategy: 'regularized' | 'random') =>
      meanCurve(
        [1, 2, 3, 4, 5, 6].map((seed) =>
          bestSoFar(driveStrategy(createStrategy(settingsFor({ strategy, generations: 100, seed }), vector), (candidate) => ({ fitness: climbFitness(candidate.genome) }), budget).results),
        ),
      );
    const regularized = curves('regularized');
    const random = curves('random');
    expect(regularized).toHaveLength(budget);
    expect(regularized.at(-1)!.best).toBeGreaterThan(random.at(-1)!.best);
  });

  it('rejects an invalid sample size', () => {
    expect(() => createStrategy(settingsFor({ sampleSize: -1 }), vector)).toThrow(/sampleSize must be a whole number from 0 to 1000.*got -1/);
  });
});
