import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/canonical';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { driveStrategy } from '../../src/core/drive';
import { EXHAUSTIVE_LIMIT, countExhaustive, enumerateChains, layerVariants, primitivesOf } from '../../src/core/exhaustive';
import { analyzeGenome, type Genome } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { DEFAULT_SEARCH, createStrategy, type SearchSettings } from '../../src/core/search';
import type { CandidateLayer, CandidateSet } from '../../src/core/strategy';

const vector: ShapeContext = { inputShape: [3], outputUnits: 2 };
const sequence: ShapeContext = { inputShape: [6, 2], outputUnits: 2 };
const layer = (kind: CandidateLayer['kind'], params: CandidateLayer['params'] = {}): CandidateLayer => ({ kind, params });

const settingsWith = (candidateSet: CandidateSet, overrides: Partial<SearchSettings> = {}): SearchSettings => ({
  ...DEFAULT_SEARCH,
  strategy: 'exhaustive',
  population: 5,
  candidateSet,
  ...overrides,
});

/** Counts sequences by brute force over every tuple of primitives, with the rank rules written out by hand. */
function bruteForceCount(set: CandidateSet, context: ShapeContext, maxDepth: number): number {
  const primitives = primitivesOf(set);
  const fits = (rank: number, kind: string): boolean => !['simpleRNN', 'gru', 'lstm'].includes(kind) || rank === 2;
  const rankAfter = (rank: number, primitive: (typeof primitives)[number]): number => {
    if (primitive.kind === 'flatten') return 1;
    if (['simpleRNN', 'gru', 'lstm'].includes(primitive.kind)) return primitive.params.returnSequences ? 2 : 1;
    return rank;
  };
  let total = 0;
  for (let depth = 1; depth <= maxDepth; depth++) {
    const tuples = primitives.length ** depth;
    for (let code = 0; code < tuples; code++) {
      let rank = context.inputShape.length;
      let valid = true;
      let rest = code;
      for (let position = 0; position < depth && valid; position++) {
        const primitive = primitives[rest % primitives.length];
        rest = Math.floor(rest / primitives.length);
        valid = fits(rank, primitive.kind);
        rank = rankAfter(rank, primitive);
      }
      if (valid) total++;
    }
  }
  return total;
}

const countCases: { name: string; set: CandidateSet; context: ShapeContext; maxDepth: number; expected?: number }[] = [
  { name: 'dense only, 2 × 2 values, depth 3', set: { layers: [layer('dense', { units: [4, 16], activation: ['relu', 'tanh'] })] }, context: vector, maxDepth: 3, expected: 4 + 16 + 64 },
  {
    name: 'dense, flatten and dropout, depth 3',
    set: { layers: [layer('dense', { units: [4, 16], activation: ['relu', 'tanh'] }), layer('flatten'), layer('dropout', { rate: [0.1, 0.5] })] },
    context: vector,
    maxDepth: 3,
    expected: 7 + 49 + 343,
  },
  {
    name: 'gru and dense on sequences, depth 2',
    set: { layers: [layer('gru', { units: [8], returnSequences: [true, false] }), layer('dense', { units: [8] })] },
    context: sequence,
    maxDepth: 2,
    expected: 3 + 7,
  },
  {
    name: 'simpleRNN, lstm, flatten, dense and a merge on sequences, depth 3',
    set: {
      layers: [
        layer('simpleRNN', { units: [4], returnSequences: [true, false] }),
        layer('lstm', { units: [4], returnSequences: [false] }),
        layer('flatten'),
        layer('dense', { units: [4, 8] }),
        layer('add'),
      ],
    },
    context: sequence,
    maxDepth: 3,
  },
];

describe('countExhaustive', () => {
  for (const testCase of countCases) {
    it(`matches a brute-force count: ${testCase.name}`, () => {
      const set = { ...testCase.set, maxDepth: testCase.maxDepth };
      const independent = bruteForceCount(set, testCase.context, testCase.maxDepth);
      if (testCase.expected !== undefined) expect(independent).toBe(testCase.expected);
      const count = countExhaustive(set, testCase.context);
      expect(count.exact).toBe(true);
      expect(count.count).toBe(independent);
      expect(count.byDepth.reduce((sum, value) => sum + value, 0)).toBe(independent);
      expect([...enumerateChains(set, testCase.context)]).toHaveLength(independent);
    });
  }

  it('lists every parameter combination of a kind', () => {
    const set = { layers: [layer('simpleRNN', { units: [4, 8, 16], returnSequences: [true, false] })] };
    const variants = layerVariants(set, 'simpleRNN');
    expect(variants).toHaveLength(6);
    expect(new Set(variants.map((params) => JSON.stringify(params))).size).toBe(6);
    for (const params of variants) expect(params.activation).toBe('tanh');
  });

  it('enumerates distinct valid chains, shortest first', () => {
    const set = { ...countCases[2].set, maxDepth: 2 };
    const genomes = [...enumerateChains(set, sequence)];
    const hashes = new Set(genomes.map(canonicalHash));
    expect(hashes.size).toBe(genomes.length);
    for (const genome of genomes) expect(analyzeGenome(genome, sequence).valid).toBe(true);
    const depths = genomes.map((genome) => genome.nodes.length - 2);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
  });

  it('estimates the time from a time per candidate', () => {
    const count = countExhaustive({ ...countCases[0].set, maxDepth: 2 }, vector, { msPerCandidate: 500, workers: 2 });
    expect(count.count).toBe(20);
    expect(count.estimatedMs).toBe(5000);
    expect(count.withinLimit).toBe(true);
  });

  it('gives an upper bound for spaces too large to enumerate', () => {
    const count = countExhaustive({ ...defaultCandidateSet([3]), maxDepth: 4 }, vector);
    expect(count.exact).toBe(false);
    expect(count.count).toBeGreaterThan(EXHAUSTIVE_LIMIT);
    expect(count.withinLimit).toBe(false);
  });
});

describe('ExhaustiveStrategy', () => {
  /** A synthetic landscape: its optimum is dense(16, tanh) → dense(4, relu). */
  const target = [
    { units: 16, activation: 'tanh' },
    { units: 4, activation: 'relu' },
  ];
  const fitnessOf = (genome: Genome): number => {
    const hidden = genome.nodes.filter((node) => node.kind === 'dense');
    const matches = target.filter((want, index) => hidden[index]?.params.units === want.units && hidden[index]?.params.activation === want.activation).length;
    return matches / target.length - 0.05 * Math.abs(hidden.length - target.length);
  };
  const set: CandidateSet = { layers: [layer('dense', { units: [4, 16], activation: ['relu', 'tanh'] })], maxDepth: 3 };

  it('proposes each chain once and finds the known optimum', () => {
    const outcome = driveStrategy(createStrategy(settingsWith(set), vector), (candidate) => ({ fitness: fitnessOf(candidate.genome) }));
    expect(outcome.results).toHaveLength(84);
    expect(outcome.results.every((result) => !result.reused)).toBe(true);
    const best = outcome.results.reduce((a, b) => (b.fitness > a.fitness ? b : a));
    expect(best.fitness).toBe(1);
    const layers = best.candidate.genome.nodes.filter((node) => node.kind === 'dense').map((node) => `${node.params.units}/${node.params.activation}`);
    expect(layers).toEqual(['16/tanh', '4/relu']);
    expect(outcome.summaries).toHaveLength(Math.ceil(84 / 5));
  });

  it('marks candidates with their enumeration index', () => {
    const batch = createStrategy(settingsWith(set), vector).propose()!;
    expect(batch.map((candidate) => candidate.origin)).toEqual([0, 1, 2, 3, 4].map((index) => ({ type: 'enumerated', index })));
  });

  it('stops at the evaluation budget', () => {
    const outcome = driveStrategy(createStrategy(settingsWith(set), vector), () => ({ fitness: 0.5 }), 12);
    expect(outcome.evaluations).toBe(12);
    expect(outcome.budgetReached).toBe(true);
  });

  it('is the same for every seed', () => {
    const hashes = (seed: number) => createStrategy(settingsWith(set, { seed }), vector).propose()!.map((candidate) => candidate.hash);
    expect(hashes(1)).toEqual(hashes(99));
  });

  it('rejects a space above the limit with how to shrink it', () => {
    const large = { ...defaultCandidateSet([3]), maxDepth: 3 };
    expect(() => createStrategy(settingsWith(large), vector)).toThrow(/above the limit of 2,000\. Shrink it: enable fewer layer kinds .*list fewer values per parameter \(Dense units: 5 values.*lower the maximum depth from 3 to 2/);
  });

  it('rejects a set with no chain that fits the input', () => {
    const recurrentOnly = { layers: [layer('gru')], maxDepth: 2 };
    expect(() => createStrategy(settingsWith(recurrentOnly), vector)).toThrow(/No chain of 1 to 2 layers .*fits an input of shape \[3\]/);
  });

  it('rejects an invalid maxDepth', () => {
    expect(() => createStrategy(settingsWith({ ...set, maxDepth: 0 }), vector)).toThrow(/maxDepth must be a whole number from 1 to 8, got 0/);
  });
});
