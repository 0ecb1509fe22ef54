import { describe, expect, it } from 'vitest';
import { parameterAxis, paretoRows } from '../../src/ui/run/pareto-data';
import { candidate, evaluated, metrics } from './run-fixtures';

function result(index: number, fitness: number, params: number, extra = {}) {
  return { ...evaluated(candidate(0, index), index + 1, fitness), metrics: metrics(fitness, { params }), ...extra };
}

describe('paretoRows', () => {
  it('marks candidates no other beats on both', () => {
    const { points, front } = paretoRows([result(0, 0.9, 1000), result(1, 0.8, 100), result(2, 0.7, 500), result(3, 0.95, 5000)]);
    expect(points).toHaveLength(4);
    expect(front.map((row) => row.candidateId)).toEqual(['g0-1', 'g0-0', 'g0-3']);
    expect(points.find((row) => row.candidateId === 'g0-2')!.onFront).toBe(false);
    expect(front[0].fitness).toBe(80);
  });

  it('leaves out reused and failed results', () => {
    const { points } = paretoRows([
      result(0, 0.9, 1000),
      result(1, 0.9, 1000, { reused: true }),
      { ...result(2, 0, 10), metrics: null },
      { ...result(3, 0.99, 10), metrics: metrics(0.99, { params: 10, diverged: 'loss became NaN' }) },
    ]);
    expect(points.map((row) => row.candidateId)).toEqual(['g0-0']);
  });
});

describe('parameterAxis', () => {
  it('ticks at 1, 2 and 5 steps', () => {
    expect(parameterAxis([1218, 2890, 19_042])).toEqual({ domain: [1000, 20_000], ticks: [1000, 2000, 5000, 10_000, 20_000] });
    expect(parameterAxis([42, 80])).toEqual({ domain: [20, 100], ticks: [20, 50, 100] });
  });

  it('keeps decades over wide ranges', () => {
    expect(parameterAxis([3, 4_000_000])).toEqual({ domain: [2, 5_000_000], ticks: [10, 1000, 100_000] });
  });

  it('spans one step for one value', () => {
    expect(parameterAxis([500])).toEqual({ domain: [500, 1000], ticks: [500, 1000] });
  });

  it('falls back without positive values', () => {
    expect(parameterAxis([])).toEqual({ domain: [1, 10], ticks: [1, 10] });
  });
});
