import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { CoevolutionStrategy } from '../../src/core/coevolution';
import { chainGenome, type Genome } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { DEFAULT_SEARCH } from '../../src/core/search';
import type { Candidate, GenerationSummary } from '../../src/core/strategy';

const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };
const settings = { ...DEFAULT_SEARCH, generations: 5, population: 6, modulePopulation: 10, networksPerBlueprint: 2, seed: 4, candidateSet: defaultCandidateSet([4]) };
const hashFitness = (genome: Genome) => parseInt(hashText(canonicalHash(genome)).slice(0, 8), 16) / 2 ** 32;

function run(strategy: CoevolutionStrategy) {
  const generations: { batch: Candidate[]; summary: GenerationSummary; members: Set<string> }[] = [];
  for (let batch = strategy.propose(); batch; batch = strategy.propose()) {
    const { modules, blueprints } = strategy.populations;
    const members = new Set([...modules, ...blueprints].map((member) => member.id));
    const summary = strategy.observe(batch.map((candidate) => ({ candidateId: candidate.id, fitness: hashFitness(candidate.genome), params: 1, failed: false })));
    generations.push({ batch, summary, members });
  }
  return generations;
}

describe('CoevolutionStrategy lineage and credit', () => {
  const generations = run(new CoevolutionStrategy(settings, vector));

  it('records each network blueprint and modules as its lineage', () => {
    for (const { batch } of generations) {
      for (const candidate of batch) {
        if (candidate.origin.type !== 'assembled') throw new Error('expected assembled networks');
        expect(candidate.lineage).toEqual({ parents: [candidate.origin.blueprintId, ...candidate.origin.moduleIds], operations: ['assemble'] });
      }
    }
  });

  it('credits each member with the mean fitness of its networks', () => {
    for (const { batch, summary } of generations) {
      for (const entry of summary.credit!) {
        const used = batch.filter((candidate) => candidate.lineage!.parents.includes(entry.id));
        expect(entry.networks).toBe(used.length);
        const mean = used.reduce((sum, candidate) => sum + hashFitness(candidate.genome), 0) / used.length;
        expect(entry.fitness).toBeCloseTo(mean, 10);
      }
      const blueprints = summary.credit!.filter((entry) => entry.population === 'blueprints');
      expect(blueprints).toHaveLength(settings.population);
    }
  });

  it('reports the whole first generation as births', () => {
    const births = generations[0].summary.births!;
    expect(births.filter((entry) => entry.population === 'modules')).toHaveLength(settings.modulePopulation);
    expect(births.filter((entry) => entry.population === 'blueprints')).toHaveLength(settings.population);
    for (const entry of births) expect(entry).toMatchObject({ parents: [], operation: 'initial' });
  });

  it('traces every later member to parents of the generation before', () => {
    for (let g = 1; g < generations.length; g++) {
      const { members, summary } = generations[g];
      const born = new Set(summary.births!.map((entry) => entry.id));
      for (const id of members) expect(born.has(id) || generations[g - 1].members.has(id)).toBe(true);
      for (const entry of summary.births!) {
        expect(entry.parents.length).toBeGreaterThanOrEqual(1);
        for (const parent of entry.parents) expect(generations[g - 1].members.has(parent)).toBe(true);
        expect(entry.operation).toMatch(/^(mutation|crossover|crossover\+mutation)$/);
      }
    }
  });

  it('keeps species sizes summing to each population', () => {
    for (const { summary } of generations) {
      for (const population of summary.populations.filter((entry) => entry.name !== 'networks')) {
        expect(population.species.reduce((sum, species) => sum + species.size, 0)).toBe(population.size);
      }
    }
  });

  it('marks the seed network module and blueprint as seed', () => {
    const seed = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]);
    const [first] = run(new CoevolutionStrategy({ ...settings, generations: 1 }, vector, { seedGenome: seed }));
    const seedBirths = first.summary.births!.filter((entry) => entry.operation === 'seed');
    expect(seedBirths.map((entry) => entry.population)).toEqual(['modules', 'blueprints']);
  });
});
