import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { CoevolutionStrategy } from '../../src/core/coevolution';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import type { LayerKind, ShapeContext } from '../../src/core/layers';
import { DEFAULT_SEARCH, createStrategy, type SearchSettings } from '../../src/core/search';
import type { Candidate, CandidateResult, GenerationSummary, PopulationSummary, SearchStrategy } from '../../src/core/strategy';

const image: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };
const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };

const settingsFor = (context: ShapeContext, overrides: Partial<SearchSettings> = {}): SearchSettings => ({
  ...DEFAULT_SEARCH,
  candidateSet: defaultCandidateSet(context.inputShape),
  ...overrides,
});

/** A fitness that depends only on the architecture, spread over [0, 1). */
const hashFitness = (genome: Genome) => parseInt(hashText(canonicalHash(genome)).slice(0, 8), 16) / 2 ** 32;

const countKind = (genome: Genome, kind: LayerKind) => genome.nodes.filter((node) => node.kind === kind).length;

/** Results in batch order; `params` is a size proxy (node count), since the strategy only compares it. */
const resultsFor = (batch: readonly Candidate[], fitness: (genome: Genome) => number): CandidateResult[] =>
  batch.map((candidate) => ({
    candidateId: candidate.id,
    fitness: fitness(candidate.genome),
    params: candidate.genome.nodes.length,
    failed: false,
  }));

/** Runs a strategy to the end and returns its batches and summaries. */
function run(strategy: SearchStrategy, fitness: (genome: Genome) => number) {
  const batches: Candidate[][] = [];
  const summaries: GenerationSummary[] = [];
  for (let batch = strategy.propose(); batch; batch = strategy.propose()) {
    batches.push(batch);
    summaries.push(strategy.observe(resultsFor(batch, fitness)));
  }
  return { batches, summaries };
}

const population = (summary: GenerationSummary, name: PopulationSummary['name']) =>
  summary.populations.find((entry) => entry.name === name)!;

describe('CoevolutionStrategy', () => {
  it('is deterministic per seed', () => {
    const settings = settingsFor(image, { generations: 4, seed: 7 });
    const first = run(createStrategy(settings, image), hashFitness);
    const second = run(createStrategy(settings, image), hashFitness);
    const other = run(createStrategy({ ...settings, seed: 8 }, image), hashFitness);
    expect(second.batches).toEqual(first.batches);
    expect(second.summaries).toEqual(first.summaries);
    expect(other.batches.map((batch) => batch.map((c) => c.hash))).not.toEqual(first.batches.map((batch) => batch.map((c) => c.hash)));
  });

  it('proposes exactly `generations` batches, then null', () => {
    const strategy = createStrategy(settingsFor(vector, { generations: 3, population: 5, networksPerBlueprint: 2 }), vector);
    const { batches } = run(strategy, hashFitness);
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 10]);
    expect(strategy.propose()).toBeNull();
  });

  it('a population of one still explores', () => {
    const strategy = createStrategy(settingsFor(vector, { generations: 5, population: 1, modulePopulation: 1 }), vector);
    const { batches } = run(strategy, hashFitness);
    expect(batches.map((batch) => batch.length)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(batches.map((batch) => batch[0].hash)).size).toBeGreaterThan(1);
  });

  it('candidates are valid, hashed and traced to their origin', () => {
    const strategy = createStrategy(settingsFor(image, { generations: 3 }), image);
    const { batches } = run(strategy, hashFitness);
    batches.forEach((batch, generation) => {
      batch.forEach((candidate, index) => {
        expect(candidate.id).toBe(`g${generation}-${index}`);
        expect(candidate.generation).toBe(generation);
        expect(candidate.hash).toBe(canonicalHash(candidate.genome));
        expect(analyzeGenome(candidate.genome, image).issues).toEqual([]);
        expect(candidate.origin.type).toBe('assembled');
        if (candidate.origin.type === 'assembled') {
          expect(candidate.origin.blueprintId).toMatch(/^b\d+$/);
          expect(candidate.origin.moduleIds.length).toBeGreaterThan(0);
        }
      });
    });
  });

  it('credits blueprints and modules with their mean network fitness', () => {
    const strategy = createStrategy(settingsFor(vector, { generations: 3, networksPerBlueprint: 2 }), vector);
    for (let batch = strategy.propose(); batch; batch = strategy.propose()) {
      const results = resultsFor(batch, hashFitness);
      const expected = { blueprints: new Map<string, number[]>(), modules: new Map<string, number[]>() };
      batch.forEach((candidate, index) => {
        if (candidate.origin.type !== 'assembled') throw new Error('expected an assembled candidate');
        const fitness = results[index].fitness;
        expected.blueprints.set(candidate.origin.blueprintId, [...(expected.blueprints.get(candidate.origin.blueprintId) ?? []), fitness]);
        for (const id of new Set(candidate.origin.moduleIds)) expected.modules.set(id, [...(expected.modules.get(id) ?? []), fitness]);
      });
      const summary = strategy.observe(results);

      for (const name of ['blueprints', 'modules'] as const) {
        const means = [...expected[name].values()].map((values) => values.reduce((sum, v) => sum + v, 0) / values.length);
        const reported = population(summary, name);
        expect(reported.best).toBeCloseTo(Math.max(...means), 12);
        expect(reported.worst).toBeCloseTo(Math.min(...means), 12);
        expect(reported.mean).toBeCloseTo(means.reduce((sum, v) => sum + v, 0) / means.length, 12);
      }
      const networks = population(summary, 'networks');
      expect(networks.size).toBe(batch.length);
      expect(networks.best).toBe(Math.max(...results.map((result) => result.fitness)));
    }
  });

  it('sizes populations and species as configured', () => {
    const strategy = createStrategy(settingsFor(image, { generations: 2, population: 6, modulePopulation: 12 }), image);
    const { summaries } = run(strategy, hashFitness);
    for (const summary of summaries) {
      expect(population(summary, 'modules').size).toBe(12);
      expect(population(summary, 'blueprints').size).toBe(6);
      for (const name of ['modules', 'blueprints'] as const) {
        const species = population(summary, name).species;
        expect(species.reduce((sum, entry) => sum + entry.size, 0)).toBe(population(summary, name).size);
      }
    }
  });

  it('starting modules of other kinds land in other species', () => {
    const strategy = new CoevolutionStrategy(settingsFor(image), image);
    const { modules } = strategy.populations;
    const kindOf = (genome: Genome) => genome.nodes.find((node) => node.kind !== 'input' && node.kind !== 'output')!.kind;
    for (const a of modules) {
      for (const b of modules) {
        if (kindOf(a.genome) !== kindOf(b.genome)) expect(a.species, `${a.id} and ${b.id}`).not.toBe(b.species);
      }
    }
    // Every kind that fits the image starts somewhere; dense waits for a flatten.
    expect(new Set(modules.map((module) => kindOf(module.genome)))).toEqual(
      new Set(['conv2d', 'maxPooling2d', 'flatten', 'dropout', 'batchNormalization', 'activation']),
    );
  });

  it('first networks contain a layer that learns', () => {
    for (const context of [image, vector]) {
      for (const seed of [1, 2, 3, 4]) {
        const batch = createStrategy(settingsFor(context, { seed }), context).propose()!;
        for (const candidate of batch) {
          const learning = countKind(candidate.genome, 'conv2d') + countKind(candidate.genome, 'dense');
          expect(learning, `seed ${seed}, ${candidate.id}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('keeps species ids over generations', () => {
    const strategy = createStrategy(settingsFor(image, { generations: 4 }), image);
    const { summaries } = run(strategy, hashFitness);
    const ids = summaries.map((summary) => new Set(population(summary, 'modules').species.map((species) => species.id)));
    for (let g = 1; g < ids.length; g++) {
      const carried = [...ids[g]].filter((id) => ids[g - 1].has(id));
      expect(carried.length, `generation ${g}`).toBeGreaterThan(0);
    }
  });

  it('blueprints only name surviving module species', () => {
    const strategy = new CoevolutionStrategy(settingsFor(vector, { generations: 6 }), vector);
    for (let batch = strategy.propose(); batch; batch = strategy.propose()) {
      strategy.observe(resultsFor(batch, hashFitness));
      const alive = new Set(strategy.populations.modules.map((module) => module.species));
      for (const blueprint of strategy.populations.blueprints) {
        for (const node of blueprint.blueprint.nodes) {
          if (node.type === 'slot') expect(alive.has(node.species)).toBe(true);
        }
      }
    }
  });

  it('ranks failed candidates last', () => {
    const strategy = new CoevolutionStrategy(settingsFor(vector, { generations: 2 }), vector);
    const batch = strategy.propose()!;
    const results = batch.map((candidate, index) => ({ candidateId: candidate.id, fitness: index === 0 ? 0 : 0.5, params: 0, failed: index === 0 }));
    const summary = strategy.observe(results);
    expect(population(summary, 'networks').worst).toBe(0);
    // The failed network's blueprint gets no elite slot, so its id is gone unless it also ran elsewhere.
    const failedBlueprint = batch[0].origin.type === 'assembled' ? batch[0].origin.blueprintId : '';
    expect(strategy.populations.blueprints[0].id).not.toBe(failedBlueprint);
  });
});

describe('observe', () => {
  const fresh = () => createStrategy(settingsFor(vector, { generations: 2 }), vector);

  it('rejects results before propose', () => {
    expect(() => fresh().observe([])).toThrow(/no generation awaits them; call propose\(\) first/);
  });

  it('rejects a result count that differs from the batch', () => {
    const strategy = fresh();
    const batch = strategy.propose()!;
    expect(() => strategy.observe(resultsFor(batch.slice(1), hashFitness))).toThrow(
      /expected 8 results for generation 0, one per candidate in batch order, but received 7/,
    );
  });

  it('rejects results out of batch order', () => {
    const strategy = fresh();
    const batch = strategy.propose()!;
    const results = resultsFor(batch, hashFitness).reverse();
    expect(() => strategy.observe(results)).toThrow(/result for candidate "g0-7" at position 0, where generation 0 has "g0-0"; pass results in batch order/);
  });

  it('rejects a fitness that is not finite', () => {
    const strategy = fresh();
    const batch = strategy.propose()!;
    const results = resultsFor(batch, () => Number.NaN);
    expect(() => strategy.observe(results)).toThrow(/candidate "g0-0" has fitness NaN; fitness must be a finite number/);
  });

  it('rejects a second propose before observe', () => {
    const strategy = fresh();
    strategy.propose();
    expect(() => strategy.propose()).toThrow(/propose\(\) was called again while generation 0 awaits its results/);
  });

  it('accepts the results after a rejected attempt', () => {
    const strategy = fresh();
    const batch = strategy.propose()!;
    expect(() => strategy.observe([])).toThrow();
    expect(strategy.observe(resultsFor(batch, hashFitness)).generation).toBe(0);
  });
});

describe('seedGenome', () => {
  const seed: Genome = {
    nodes: [
      { id: 'in', kind: 'input', params: {}, inputs: [] },
      { id: 'conv', kind: 'conv2d', params: { filters: 12, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' }, inputs: ['in'] },
      { id: 'pool', kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' }, inputs: ['conv'] },
      { id: 'flat', kind: 'flatten', params: {}, inputs: ['pool'] },
      { id: 'hidden', kind: 'dense', params: { units: 48, activation: 'relu' }, inputs: ['flat'] },
      { id: 'out', kind: 'output', params: {}, inputs: ['hidden'] },
    ],
  };

  for (const networksPerBlueprint of [1, 2]) {
    it(`is the first candidate of generation 0 (${networksPerBlueprint} per blueprint)`, () => {
      const strategy = createStrategy(settingsFor(image, { networksPerBlueprint }), image, { seedGenome: seed });
      const batch = strategy.propose()!;
      expect(batch[0].hash).toBe(canonicalHash(seed));
      expect(batch).toHaveLength(8 * networksPerBlueprint);
    });
  }

  it('keeps a seed with a no-op flatten exact', () => {
    const mlp = chainGenome([{ kind: 'flatten' }, { kind: 'dense', params: { units: 16 } }, { kind: 'flatten' }, { kind: 'dense', params: { units: 8 } }]);
    const batch = createStrategy(settingsFor(image), image, { seedGenome: mlp }).propose()!;
    expect(batch[0].hash).toBe(canonicalHash(mlp));
  });

  it('keeps the seed through the search when it is the best', () => {
    const strategy = createStrategy(settingsFor(image, { generations: 3 }), image, { seedGenome: seed });
    const seedHash = canonicalHash(seed);
    const { batches } = run(strategy, (genome) => (canonicalHash(genome) === seedHash ? 1 : 0.5));
    for (const batch of batches) expect(batch.some((candidate) => candidate.hash === seedHash)).toBe(true);
  });

  it('rejects a seed that does not fit the task', () => {
    const flat = chainGenome([{ kind: 'conv2d' }]);
    expect(() => createStrategy(settingsFor(vector), vector, { seedGenome: flat })).toThrow(
      /The seed network is not valid for this task: Conv2D "l1": Conv2D expects a 3D input .* Fix it in the editor, or start the search without it\./,
    );
  });
});

describe('search quality', () => {
  // Rewards networks with exactly four conv2d layers: far from the one- and two-layer
  // networks the search starts with.
  const target = (genome: Genome) => Math.max(0, 1 - Math.abs(countKind(genome, 'conv2d') - 4) / 4);

  for (const seed of [1, 2, 3]) {
    it(`improves a synthetic fitness over generation 0 (seed ${seed})`, () => {
      const strategy = createStrategy(settingsFor(image, { generations: 10, seed }), image);
      const { summaries } = run(strategy, target);
      const first = population(summaries[0], 'networks');
      const last = population(summaries[summaries.length - 1], 'networks');
      expect(last.best).toBeGreaterThanOrEqual(first.best + 0.25);
      expect(last.best).toBeGreaterThanOrEqual(0.75);
      expect(last.mean).toBeGreaterThan(first.mean + 0.3);
    });
  }

  it('beats random search on the same budget', () => {
    const finalMeans = (strategy: 'coevolution' | 'random') =>
      [1, 2, 3].map((seed) => {
        const { summaries } = run(createStrategy(settingsFor(image, { generations: 10, seed, strategy }), image), target);
        return population(summaries[summaries.length - 1], 'networks').mean;
      });
    const coevolution = finalMeans('coevolution');
    const random = finalMeans('random');
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean(coevolution)).toBeGreaterThan(mean(random) + 0.3);
  });
});
