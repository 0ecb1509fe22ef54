import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import type { CurvePoint } from '../../src/core/curves';
import { defaultRunConfig } from '../../src/state/config';
import { strategyComparisonPlan } from '../../src/state/comparison-plan';
import { beginComparison, type ComparisonRunRecord, type ComparisonState } from '../../src/state/comparison-state';
import { architectureRows, comparisonFraction, comparisonTimeLeft, fitnessAxisDomain, optimumLevel, seriesCurves, seriesSummaries, spreadRows, type SpreadRow } from '../../src/ui/compare/comparison-data';

const curve = (...bests: number[]): CurvePoint[] => bests.map((best, index) => ({ evaluations: index + 1, best }));

const plan = strategyComparisonPlan(defaultRunConfig('sin'), { strategies: ['random', 'exhaustive'], seeds: [1, 2], budget: 3, chainsOnly: true });

function finished(seriesId: string, seed: number, points: CurvePoint[], architectures: [string, number][] = []): Partial<ComparisonRunRecord> {
  const best = points.at(-1)?.best ?? 0;
  return {
    seriesId,
    seed,
    status: 'completed',
    curve: points,
    trained: points.length,
    best: { candidateId: 'g0-0', fitness: best, params: 10, description: `best of ${seriesId} ${seed}`, genome: chainGenome([]) },
    architectures: architectures.map(([description, fitness]) => ({ hash: description, description, fitness, params: 10, failed: false })),
  };
}

function stateWith(runs: Partial<ComparisonRunRecord>[]): ComparisonState {
  const start = beginComparison('c1', plan, 0);
  return { ...start, runs: start.runs.map((run, index) => ({ ...run, ...runs[index] })) };
}

describe('spreadRows', () => {
  it('averages seeds and bands their min and max', () => {
    const state = stateWith([finished('random', 1, curve(0.2, 0.5, 0.6)), finished('random', 2, curve(0.4, 0.4, 0.8))]);
    const rows = spreadRows(seriesCurves(state));
    const means = rows.map((row) => row.random as number);
    [0.3, 0.45, 0.7].forEach((mean, index) => expect(means[index]).toBeCloseTo(mean, 10));
    expect(rows.map((row) => row.randomBand)).toEqual([
      [0.2, 0.4],
      [0.4, 0.5],
      [0.6, 0.8],
    ]);
  });

  it('extends a finished short run flat', () => {
    const state = stateWith([finished('random', 1, curve(0.2)), finished('random', 2, curve(0.1, 0.3, 0.9))]);
    expect(spreadRows(seriesCurves(state))[2].randomBand).toEqual([0.2, 0.9]);
  });

  it('counts a running run only as far as it got', () => {
    const state = stateWith([{ ...finished('random', 1, curve(0.5)), status: 'running' }, finished('random', 2, curve(0.1, 0.3))]);
    const rows = spreadRows(seriesCurves(state));
    expect(rows[1].randomBand).toEqual([0.3, 0.3]);
  });

  it('clips curves to the limit', () => {
    const state = stateWith([{}, {}, finished('exhaustive', 1, curve(0.1, 0.2, 0.3, 0.4, 0.9))]);
    expect(spreadRows(seriesCurves(state), 3)).toHaveLength(3);
    expect(spreadRows(seriesCurves(state))).toHaveLength(5);
  });
});

describe('optimumLevel', () => {
  it('takes completed exhaustive runs only', () => {
    const state = stateWith([{}, {}, finished('exhaustive', 1, curve(0.5, 0.9)), { ...finished('exhaustive', 2, curve(0.4)), status: 'stopped' }]);
    const optimum = optimumLevel(state)!;
    expect(optimum.mean).toBe(0.9);
    expect([...optimum.bySeed.keys()]).toEqual([1]);
    expect(optimum.chains).toBe(2);
  });

  it('is null without a completed enumeration', () => {
    expect(optimumLevel(stateWith([finished('random', 1, curve(0.5))]))).toBeNull();
  });
});

describe('seriesSummaries', () => {
  it('reports evaluations to within 1% of each seed optimum', () => {
    const state = stateWith([
      finished('random', 1, curve(0.5, 0.895, 0.9)),
      finished('random', 2, curve(0.1, 0.2, 0.3)),
      finished('exhaustive', 1, curve(0.9)),
      finished('exhaustive', 2, curve(0.95)),
    ]);
    const [random, exhaustive] = seriesSummaries(state);
    expect(random.toOptimum).toEqual([2, null]);
    expect(random.best).toEqual({ mean: 0.6, min: 0.3, max: 0.9 });
    expect(random.bestArchitecture).toBe('best of random 1');
    expect(exhaustive.toOptimum).toEqual([]);
  });
});

describe('architectureRows', () => {
  it('marks each column best and sorts by the first', () => {
    const state = stateWith([
      finished('random', 1, curve(0.9), [['a', 0.9], ['b', 0.5]]),
      {},
      finished('exhaustive', 1, curve(0.8), [['a', 0.3], ['b', 0.8]]),
    ]);
    const rows = architectureRows(state);
    expect(rows.map((row) => row.description)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ fitness: [0.9, 0.3], best: [true, false] });
    expect(rows[1]).toMatchObject({ fitness: [0.5, 0.8], best: [false, true] });
  });
});

describe('comparisonFraction', () => {
  it('counts finished runs whole and the current one by its budget', () => {
    const state = stateWith([finished('random', 1, curve(0.5, 0.5, 0.5)), { status: 'running', trained: 1 }]);
    expect(comparisonFraction(state, () => 4)).toBeCloseTo((1 + 0.25) / 4);
  });
});

describe('comparisonTimeLeft', () => {
  // The plan's runs: random seeds 1 and 2, then exhaustive seeds 1 and 2.
  const done = (seriesId: string, seed: number, elapsedMs: number) => ({ ...finished(seriesId, seed, curve(0.5, 0.5, 0.5)), elapsedMs });

  it('expects a run to last as long as its strategy\'s', () => {
    const state = stateWith([done('random', 1, 1_000), { status: 'running', trained: 1, elapsedMs: 400 }]);
    // 600 ms more for random seed 2, then the mean of the finished runs for each exhaustive run.
    expect(comparisonTimeLeft(state, () => 3)).toBe(600 + 2 * 1_000);
  });

  it('scales up a slower strategy\'s first run', () => {
    const state = stateWith([done('random', 1, 1_000), done('random', 2, 1_200), { status: 'running', trained: 2, elapsedMs: 3_000 }]);
    // Two of ten in 3 s: 15 s for each exhaustive run. The overall pace estimated about 4 s in all.
    expect(comparisonTimeLeft(state, () => 10)).toBe(12_000 + 15_000);
  });

  it('waits for a result or a finished run', () => {
    expect(comparisonTimeLeft(stateWith([{ status: 'running', trained: 0, elapsedMs: 2_000 }]), () => 3)).toBeNull();
  });
});

describe('fitnessAxisDomain', () => {
  const row = (evaluations: number, values: Record<string, number | [number, number]>): SpreadRow => ({ evaluations, ...values }) as SpreadRow;
  const level = (mean: number) => ({ bySeed: new Map([[1, mean]]), mean, min: mean, max: mean, chains: 4 });

  it('starts at the tenth below the lowest value', () => {
    const rows = [row(1, { random: 0.93, randomBand: [0.91, 0.95] }), row(2, { random: 0.97, randomBand: [0.96, 0.98] })];
    expect(fitnessAxisDomain(rows, null)).toEqual([0.9, 1]);
  });

  it('counts the optimum line', () => {
    expect(fitnessAxisDomain([row(1, { random: 0.95 })], level(0.84))).toEqual([0.8, 1]);
  });

  it('keeps a value on a grid line off the axis', () => {
    expect(fitnessAxisDomain([row(1, { random: 0.7 })], null)).toEqual([0.6, 1]);
    expect(fitnessAxisDomain([row(1, { random: 1 })], null)).toEqual([0.9, 1]);
  });

  it('never goes below zero', () => {
    expect(fitnessAxisDomain([row(1, { random: 0, randomBand: [0, 0.2] })], null)).toEqual([0, 1]);
    expect(fitnessAxisDomain([], null)).toEqual([0.9, 1]);
  });
});
