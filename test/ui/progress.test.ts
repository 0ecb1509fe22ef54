import { describe, expect, it } from 'vitest';
import { estimateTimeLeft, latestResult, paceOrigin, runProgress } from '../../src/ui/run/progress';
import { candidate, evaluated, runState, summary } from './run-fixtures';

const batch0 = [0, 1, 2, 3].map((index) => candidate(0, index));
const batch1 = [0, 1, 2, 3].map((index) => candidate(1, index));
const doneGeneration0 = batch0.map((source, index) => evaluated(source, index + 1, 0.5));

describe('runProgress', () => {
  it('counts done, training and queued in the first generation', () => {
    const progress = runProgress(
      runState({
        currentBatch: batch0,
        evaluations: [evaluated(batch0[0], 1, 0.6)],
        inFlight: { 'g0-1': { epoch: 1, epochs: 5, loss: 0.6 }, 'g0-2': { epoch: 0, epochs: 5, loss: 0.7 } },
      }),
    );
    expect(progress).toEqual({ generationsDone: 0, totalGenerations: 2, evaluated: 1, reused: 0, training: 2, queued: 1, fraction: 1 / 8 });
  });

  it('counts a finished generation once', () => {
    const progress = runProgress(runState({ currentBatch: batch0, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] }));
    expect(progress.fraction).toBe(0.5);
    expect(progress.generationsDone).toBe(1);
    expect(progress.queued).toBe(0);
  });

  it('moves to the next generation when it starts', () => {
    const progress = runProgress(
      runState({ generation: 1, currentBatch: batch1, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] }),
    );
    expect(progress.generationsDone).toBe(1);
    expect(progress.queued).toBe(4);
    expect(progress.fraction).toBe(0.5);
  });

  it('reports an idle run as nothing done', () => {
    const progress = runProgress(runState({ phase: 'idle', totalGenerations: 0 }));
    expect(progress).toEqual({ generationsDone: 0, totalGenerations: 0, evaluated: 0, reused: 0, training: 0, queued: 0, fraction: 0 });
  });
});

describe('estimateTimeLeft', () => {
  const cases: { name: string; elapsed: number; fraction: number; budget?: number; expected: number | null }[] = [
    { name: 'nothing done yet', elapsed: 5000, fraction: 0, expected: null },
    { name: 'a quarter done', elapsed: 10_000, fraction: 0.25, expected: 30_000 },
    { name: 'half done', elapsed: 10_000, fraction: 0.5, expected: 10_000 },
    { name: 'all done', elapsed: 10_000, fraction: 1, expected: 0 },
    { name: 'capped by the time budget', elapsed: 10_000, fraction: 0.25, budget: 20, expected: 10_000 },
    { name: 'budget already spent', elapsed: 30_000, fraction: 0.25, budget: 20, expected: 0 },
  ];
  for (const { name, elapsed, fraction, budget, expected } of cases) {
    it(`estimates ${name}`, () => {
      expect(estimateTimeLeft(elapsed, fraction, budget)).toBe(expected);
    });
  }

  it('measures pace from an origin', () => {
    // 8 s of start-up, then a quarter of the run every 2 s: 4 s are left at half done.
    expect(estimateTimeLeft(12_000, 0.5, 0, { ms: 8_000, fraction: 0 })).toBe(4_000);
    expect(estimateTimeLeft(10_000, 0.25, 0, { ms: 8_000, fraction: 0.125 })).toBe(12_000);
  });

  it('waits for progress past the origin', () => {
    expect(estimateTimeLeft(9_000, 0.125, 0, { ms: 8_000, fraction: 0.125 })).toBeNull();
  });
});

describe('estimateTimeLeft between results', () => {
  // Pace from 6.1 s at 2/8 to the latest result at 7 s and 3/8: 0.9 s a candidate, 4.5 s left then.
  const origin = { ms: 6_100, fraction: 2 / 8 };
  const latest = { ms: 7_000, step: 1 / 8 };

  it('counts down to the next result', () => {
    expect(estimateTimeLeft(7_000, 3 / 8, 0, origin, latest)).toBeCloseTo(4_500);
    expect(estimateTimeLeft(7_500, 3 / 8, 0, origin, latest)).toBeCloseTo(4_000);
    // Without the latest result, the pace measured to now slows, and the estimate grows.
    expect(estimateTimeLeft(7_500, 3 / 8, 0, origin)).toBeGreaterThan(4_500);
  });

  it('holds once the next result is overdue', () => {
    // At 0.9 s a candidate, the next result is due at 7.9 s, with 3.6 s left then.
    expect(estimateTimeLeft(7_900, 3 / 8, 0, origin, latest)).toBeCloseTo(3_600);
    expect(estimateTimeLeft(8_500, 3 / 8, 0, origin, latest)).toBeCloseTo(3_600);
    expect(estimateTimeLeft(12_000, 3 / 8, 0, origin, latest)).toBeCloseTo(3_600);
  });

  it('keeps the time budget as a cap', () => {
    expect(estimateTimeLeft(7_500, 3 / 8, 9, origin, latest)).toBeCloseTo(1_500);
  });

  it('finds the latest trained result', () => {
    const evaluations = [
      evaluated(batch0[0], 1, 0.5, { finishedAt: 6_000 }),
      evaluated(batch0[1], 2, 0.5, { finishedAt: 7_000 }),
      evaluated(batch0[2], 3, 0.5, { reused: true, finishedAt: 7_200 }),
    ];
    expect(latestResult(runState({ currentBatch: batch0, evaluations }))).toEqual({ ms: 7_000, step: 1 / 8 });
    expect(latestResult(runState({ currentBatch: batch0, evaluations: [] }))).toBeNull();
  });
});

describe('paceOrigin', () => {
  const workers = [{ backend: 'wasm' as const }, { backend: 'wasm' as const }];
  // Two workers: the first two results arrive together after 6 s of start-up, then one a second.
  const wave = [evaluated(batch0[0], 1, 0.5, { finishedAt: 6_000 }), evaluated(batch0[1], 2, 0.5, { finishedAt: 6_100 })];

  it('waits for a result after the wave', () => {
    expect(paceOrigin(runState({ workers, currentBatch: batch0, evaluations: wave }))).toBeNull();
  });

  it('waits for two results past the wave', () => {
    const evaluations = [...wave, evaluated(batch0[2], 3, 0.5, { finishedAt: 7_000 })];
    expect(paceOrigin(runState({ workers, currentBatch: batch0, evaluations }))).toBeNull();
  });

  it('starts at the wave\'s last result', () => {
    const evaluations = [...wave, evaluated(batch0[2], 3, 0.5, { finishedAt: 7_000 }), evaluated(batch0[3], 4, 0.5, { finishedAt: 7_900 })];
    const run = runState({ workers, currentBatch: batch0, evaluations });
    expect(paceOrigin(run)).toEqual({ ms: 6_100, fraction: 2 / 8 });
    // From 2/8 to 4/8 in 1.8 s: four eighths left take 3.6 s. Measured from the start, the estimate was 7.9 s.
    const fraction = runProgress(run).fraction;
    expect(estimateTimeLeft(7_900, fraction, 0, paceOrigin(run)!)).toBeCloseTo(3_600);
    expect(estimateTimeLeft(7_900, fraction)).toBeCloseTo(7_900, 0);
  });

  it('finds the wave in a finished generation', () => {
    const run = runState({ workers, generation: 1, currentBatch: batch1, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] });
    expect(paceOrigin(run)).toEqual({ ms: 2_000, fraction: 2 / 8 });
  });

  it('follows the last generation\'s pace', () => {
    // One worker, three generations of four: the first trains in 0.1 s a candidate, the later ones in 1 s.
    const batch2 = [0, 1, 2, 3].map((index) => candidate(2, index));
    const evaluations = [
      ...batch0.map((source, index) => evaluated(source, index + 1, 0.5, { finishedAt: 1_000 + index * 100 })),
      ...batch1.map((source, index) => evaluated(source, index + 5, 0.5, { finishedAt: 2_300 + index * 1_000 })),
      evaluated(batch2[0], 9, 0.5, { finishedAt: 6_300 }),
    ];
    const run = runState({ workers: [workers[0]], totalGenerations: 3, generation: 2, currentBatch: batch2, evaluations, generations: [summary(0, [0.5, 0.5]), summary(1, [0.5, 0.5])] });

    // One generation back from the latest result, 1/4 into generation 1.
    expect(paceOrigin(run)).toEqual({ ms: 2_300, fraction: 1.25 / 3 });
    // Three more candidates at 1 s each; measured from the first result, the estimate was 2 s.
    expect(estimateTimeLeft(6_300, runProgress(run).fraction, 0, paceOrigin(run)!)).toBeCloseTo(3_000);
    expect(estimateTimeLeft(6_300, runProgress(run).fraction, 0, { ms: 1_000, fraction: 1 / 12 })).toBeCloseTo(1_987.5);
  });

  it('skips restored and reused results', () => {
    const batch = [0, 1, 2, 3, 4, 5].map((index) => candidate(0, index));
    const restored = [evaluated(batch[0], 1, 0.5, { restored: true, finishedAt: 0 }), evaluated(batch[1], 2, 0.5, { reused: true, finishedAt: 0 })];
    const trained = [3, 4, 5].map((index) => evaluated(batch[index - 1], index, 0.5, { finishedAt: 5_000 + (index - 3) * 100 }));
    const run = runState({ workers: [workers[0]], currentBatch: batch, evaluations: [...restored, ...trained] });
    // The first trained result, the third of six in the first of two generations.
    expect(paceOrigin(run)).toEqual({ ms: 5_000, fraction: 3 / 12 });
  });
});

describe('runProgress after a stop', () => {
  it('queues nothing once finished', () => {
    const progress = runProgress(
      runState({ phase: 'finished', outcome: 'stopped', currentBatch: batch1, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] }),
    );
    expect(progress.queued).toBe(0);
    expect(progress.generationsDone).toBe(1);
    expect(progress.evaluated).toBe(4);
  });
});

describe('runProgress reuse', () => {
  it('counts reused evaluations', () => {
    const reused = evaluated(batch1[0], 5, 0.5, { reused: true });
    const progress = runProgress(runState({ phase: 'running', currentBatch: batch1, evaluations: [...doneGeneration0, reused] }));
    expect(progress.evaluated).toBe(5);
    expect(progress.reused).toBe(1);
  });
});
