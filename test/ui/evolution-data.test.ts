import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { driveStrategy, type DriveOutcome } from '../../src/core/drive';
import type { Genome } from '../../src/core/genome';
import { DEFAULT_SEARCH, createStrategy } from '../../src/core/search';
import type { GenerationSummary, StrategyName } from '../../src/core/strategy';
import type { EvaluatedCandidate } from '../../src/workers/coordinator';
import { creditRows, lineageOf, speciesStacks, type LineageNode } from '../../src/ui/evolution/evolution-data';
import { metrics } from './run-fixtures';

const context = { inputShape: [4], outputUnits: 3 };
const hashFitness = (genome: Genome) => parseInt(hashText(canonicalHash(genome)).slice(0, 8), 16) / 2 ** 32;

function drive(strategy: StrategyName): DriveOutcome {
  const settings = { ...DEFAULT_SEARCH, strategy, generations: 5, population: 6, modulePopulation: 10, seed: 4, candidateSet: defaultCandidateSet([4]) };
  return driveStrategy(createStrategy(settings, context), (candidate) => ({ fitness: hashFitness(candidate.genome), params: 10 }));
}

function evaluations(outcome: DriveOutcome): EvaluatedCandidate[] {
  return outcome.results.map((result, index) => ({
    candidate: result.candidate,
    metrics: metrics(result.fitness),
    fitness: result.fitness,
    reused: result.reused,
    worker: 0,
    evaluation: index + 1,
    finishedAt: index,
  }));
}

const best = (list: EvaluatedCandidate[]) => [...list].sort((a, b) => b.fitness - a.fitness)[0];

function nodes(node: LineageNode): LineageNode[] {
  return [node, ...node.parents.flatMap(nodes)];
}

describe('speciesStacks', () => {
  const outcome = drive('coevolution');

  it.each(['modules', 'blueprints'] as const)('sums %s species to the population size', (population) => {
    const { rows, species } = speciesStacks(outcome.summaries, population);
    expect(rows).toHaveLength(outcome.summaries.length);
    rows.forEach((row, index) => {
      const size = outcome.summaries[index].populations.find((entry) => entry.name === population)!.size;
      expect(species.reduce((sum, id) => sum + row[`s${id}`], 0)).toBe(size);
    });
  });

  it('fills an absent species with 0', () => {
    const summaries: GenerationSummary[] = [
      { generation: 0, populations: [{ name: 'modules', best: 1, mean: 1, worst: 1, size: 3, species: [{ id: 1, size: 3, bestFitness: 1, meanFitness: 1 }] }] },
      { generation: 1, populations: [{ name: 'modules', best: 1, mean: 1, worst: 1, size: 3, species: [{ id: 2, size: 3, bestFitness: 1, meanFitness: 1 }] }] },
    ];
    expect(speciesStacks(summaries, 'modules').rows).toEqual([
      { generation: 0, s1: 3, s2: 0 },
      { generation: 1, s1: 0, s2: 3 },
    ]);
  });
});

describe('creditRows', () => {
  it('lists the fittest members first, in percent', () => {
    const outcome = drive('coevolution');
    const last = outcome.summaries.at(-1)!;
    const rows = creditRows(last, 'modules', 5);
    expect(rows.length).toBeLessThanOrEqual(5);
    const fitness = rows.map((row) => row.fitness);
    expect(fitness).toEqual([...fitness].sort((a, b) => b - a));
    const top = last.credit!.filter((entry) => entry.population === 'modules').sort((a, b) => b.fitness - a.fitness)[0];
    expect(rows[0].fitness).toBeCloseTo(top.fitness * 100, 1);
  });

  it('is empty without credit', () => {
    expect(creditRows(undefined, 'blueprints')).toEqual([]);
  });
});

describe('lineageOf', () => {
  it('traces coevolution through blueprint and modules', () => {
    const outcome = drive('coevolution');
    const list = evaluations(outcome);
    const tree = lineageOf(best(list), list, outcome.summaries);
    expect(tree.role).toBe('network');
    expect(tree.operation).toBe('assemble');
    expect(tree.parents[0].role).toBe('blueprint');
    expect(tree.parents.slice(1).every((parent) => parent.role === 'module')).toBe(true);
    const members = nodes(tree).filter((node) => node.role !== 'network');
    expect(members.every((node) => /^(initial|seed|mutation|crossover|crossover\+mutation)$/.test(node.operation))).toBe(true);
  });

  it('traces regularized evolution to parent networks', () => {
    const outcome = drive('regularized');
    const list = evaluations(outcome);
    const bred = list.filter((entry) => entry.candidate.origin.type === 'mutated').at(-1)!;
    const tree = lineageOf(bred, list, outcome.summaries);
    expect(tree.operation).toMatch(/^mutate:/);
    expect(tree.parents).toHaveLength(1);
    expect(tree.parents[0].candidate?.candidate.id).toBe(bred.candidate.lineage!.parents[0]);
    const chain = nodes(tree);
    expect(chain.at(-1)!.operation).toMatch(/random|mutate:/);
    expect(new Set(chain.map((node) => node.id)).size).toBe(chain.length);
  });

  it('gives a regression its R²', () => {
    const outcome = drive('regularized');
    const list = evaluations(outcome);
    const entry = list[0];
    const regression = { ...entry, metrics: { ...entry.metrics!, validationAccuracy: null, validationR2: 0.9123 } };
    expect(lineageOf(regression, [regression], outcome.summaries).detail).toMatch(/^R² 0\.912 · /);
    expect(lineageOf(entry, list, outcome.summaries).detail).toMatch(/^\d+\.\d% · /);
  });

  it('names the enumerated chain of an exhaustive candidate', () => {
    const settings = { ...DEFAULT_SEARCH, strategy: 'exhaustive' as const, population: 4, seed: 1, candidateSet: { layers: [{ kind: 'dense' as const, params: { units: [4] } }], maxDepth: 1 } };
    const outcome = driveStrategy(createStrategy(settings, context), () => ({ fitness: 0.5 }));
    const list = evaluations(outcome);
    expect(lineageOf(list[0], list, outcome.summaries)).toMatchObject({ operation: 'enumerated chain 1', parents: [] });
  });
});
