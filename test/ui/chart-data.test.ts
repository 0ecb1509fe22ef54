import { describe, expect, it } from 'vitest';
import { evaluationRows, generationRows, partialGeneration, populationsPresent, thinRows, zoomedFitnessDomain } from '../../src/ui/run/chart-data';
import { candidate, evaluated, metrics, summary } from './run-fixtures';

describe('generationRows', () => {
  it('turns fractions into percent per population', () => {
    const rows = generationRows([summary(0, [0.75, 0.5], [0.625, 0.4]), summary(1, [0.875, 0.6])]);
    expect(rows).toEqual([
      { generation: 0, networksBest: 75, networksMean: 50, modulesBest: 62.5, modulesMean: 40 },
      { generation: 1, networksBest: 87.5, networksMean: 60 },
    ]);
  });

  it('lists present populations in display order', () => {
    expect(populationsPresent([summary(0, [0.5, 0.5], [0.5, 0.5])])).toEqual(['networks', 'modules']);
    expect(populationsPresent([])).toEqual([]);
  });
});

describe('partialGeneration', () => {
  const finished = [evaluated(candidate(0, 0), 1, 0.7), evaluated(candidate(0, 1), 2, 0.5)];

  it('summarises the unfinished generation so far', () => {
    const results = [...finished, evaluated(candidate(1, 0), 3, 0.8), evaluated(candidate(1, 1), 4, 0.6)];
    const partial = partialGeneration([summary(0, [0.7, 0.6])], results, 1);
    expect(partial).toEqual({ row: { generation: 1, networksBest: 80, networksMean: 70 }, count: 2 });
  });

  it('counts failed and diverged networks as zero', () => {
    const results = [
      evaluated(candidate(0, 0), 1, 0.9),
      evaluated(candidate(0, 1), 2, 0.4, { metrics: null, failure: 'worker crashed' }),
      evaluated(candidate(0, 2), 3, 0.6, { metrics: metrics(0.6, { diverged: 'loss became NaN at epoch 2' }) }),
    ];
    expect(partialGeneration([], results, 0)).toEqual({ row: { generation: 0, networksBest: 90, networksMean: 30 }, count: 3 });
  });

  it('is null before the first result', () => {
    expect(partialGeneration([summary(0, [0.7, 0.6])], finished, 1)).toBeNull();
    expect(partialGeneration([], [], 0)).toBeNull();
  });

  it('is null once the generation has its summary', () => {
    expect(partialGeneration([summary(0, [0.7, 0.6])], finished, 0)).toBeNull();
  });
});

describe('evaluationRows', () => {
  const sources = [0, 1, 2, 3].map((index) => candidate(0, index));

  it('keeps a running best in finishing order', () => {
    const results = [
      evaluated(sources[2], 3, 0.9),
      evaluated(sources[0], 1, 0.6),
      evaluated(sources[1], 2, 0.55),
      evaluated(sources[3], 4, 0.7),
    ];
    const rows = evaluationRows(results);
    expect(rows.map((row) => row.evaluation)).toEqual([1, 2, 3, 4]);
    expect(rows.map((row) => row.fitness)).toEqual([60, 55, 90, 70]);
    expect(rows.map((row) => row.bestSoFar)).toEqual([60, 60, 90, 90]);
  });

  it('plots failed and diverged candidates at zero', () => {
    const rows = evaluationRows([
      evaluated(sources[0], 1, 0, { metrics: null, failure: 'worker crashed' }),
      evaluated(sources[1], 2, 0.8, { metrics: metrics(0.8, { diverged: 'loss became NaN at epoch 2' }) }),
      evaluated(sources[2], 3, 0.7),
    ]);
    expect(rows.map((row) => [row.fitness, row.failed, row.bestSoFar])).toEqual([
      [0, true, 0],
      [0, true, 0],
      [70, false, 70],
    ]);
  });
});

describe('thinRows', () => {
  const row = (evaluation: number, bestSoFar: number) => ({ evaluation, fitness: bestSoFar, bestSoFar, candidateId: `c${evaluation}`, failed: false });

  it('keeps short series whole', () => {
    const rows = [row(1, 10), row(2, 20)];
    expect(thinRows(rows, 5)).toEqual(rows);
  });

  it('keeps rises and the last row', () => {
    // The best rises from 50 to 90 at evaluation 778.
    const rows = Array.from({ length: 1000 }, (_, i) => row(i + 1, i >= 777 ? 90 : 50));
    const thinned = thinRows(rows, 100);
    expect(thinned.length).toBeLessThanOrEqual(102);
    expect(thinned.map((r) => r.evaluation)).toContain(778);
    expect(thinned.at(-1)?.evaluation).toBe(1000);
  });
});

describe('zoomedFitnessDomain', () => {
  it('starts at the tenth below the lowest value', () => {
    expect(zoomedFitnessDomain(93.5, 100)).toEqual([90, 100]);
    expect(zoomedFitnessDomain(0.47, 1)).toEqual([0.4, 1]);
  });

  it('keeps a value on a tenth off the axis', () => {
    expect(zoomedFitnessDomain(70, 100)).toEqual([60, 100]);
    expect(zoomedFitnessDomain(100, 100)).toEqual([90, 100]);
  });

  it('never goes below zero', () => {
    expect(zoomedFitnessDomain(0, 100)).toEqual([0, 100]);
    expect(zoomedFitnessDomain(3, 100)).toEqual([0, 100]);
  });
});
