import { describe, expect, it } from 'vitest';
import { estimateExhaustive, parallelSpeedup } from '../../src/state/exhaustive-estimate';
import {
  DEFAULT_STARTUP_MS,
  estimateWallMs,
  exhaustiveWall,
  finalModelMs,
  measurePace,
  modelledCostMs,
  timedResults,
  withEpochs,
} from '../../src/state/run-pace';
import { TRAIN_ROWS, recordedRun } from './recorded-runs';

describe('measurePace', () => {
  const results = [
    { finishedAt: 1_000, trainMs: 800, modelMs: 400 },
    { finishedAt: 1_500, trainMs: 900, modelMs: 400 },
    { finishedAt: 2_500, trainMs: 1_000, modelMs: 800 },
  ];

  it('divides the span by the modelled cost', () => {
    const pace = measurePace(results, 2, 1_500)!;
    // Training began at 1,000 - 800 = 200 ms; 2,300 ms of wall time on two workers for 1,600 modelled ms.
    expect(pace.wallPerModelMs).toBeCloseTo((2_300 * parallelSpeedup(2)) / 1_600, 10);
    expect(pace.startupMs).toBe(1_700);
    expect(pace.candidates).toBe(3);
  });

  it('needs three results', () => {
    expect(measurePace(results.slice(0, 2), 2)).toBeNull();
  });

  it('rejects results without modelled cost', () => {
    expect(measurePace(results.map((result) => ({ ...result, modelMs: 0 })), 1)).toBeNull();
  });
});

describe('measurePace with a pause', () => {
  // Ten one-second candidates on one worker, paused for a minute after the fifth.
  const paused = Array.from({ length: 10 }, (_, index) => ({
    finishedAt: (index + 1) * 1_000 + (index >= 5 ? 60_000 : 0),
    trainMs: 1_000,
    modelMs: 1_000,
  }));

  it('leaves the pause out', () => {
    const pace = measurePace(paused, 1, 0, [{ from: 5_000, to: 65_000 }])!;
    expect(pace.wallPerModelMs).toBeCloseTo(1, 10);
    expect(pace.candidates).toBe(10);
  });

  it('counts the training that ends during a pause', () => {
    // Pause came half-way through the fifth candidate, which trained on to its end.
    expect(measurePace(paused, 1, 0, [{ from: 4_500, to: 65_000 }])!.wallPerModelMs).toBeCloseTo(1, 10);
  });

  it('counts an open pause up to the last result', () => {
    // Stopped while paused: the run ended in the pause, after its last result.
    expect(measurePace(paused.slice(0, 5), 1, 0, [{ from: 4_500, to: null }])!.wallPerModelMs).toBeCloseTo(1, 10);
  });

  it('counts pauses before training began as start-up', () => {
    const later = paused.slice(5);
    const pace = measurePace(later, 1, 0, [{ from: 1_000, to: 65_000 }])!;
    expect(pace.wallPerModelMs).toBeCloseTo(1, 10);
    expect(pace.startupMs).toBe(65_000);
  });
});

describe('estimateWallMs', () => {
  it('adds the default start-up to the model without a pace', () => {
    expect(estimateWallMs(16_000, 0, 2, null)).toEqual({ ms: DEFAULT_STARTUP_MS + 10_000, measured: false });
  });

  it('scales the model by a measured pace', () => {
    const pace = { wallPerModelMs: 2, startupMs: 3_000, candidates: 10 };
    expect(estimateWallMs(16_000, 1_600, 2, pace)).toEqual({ ms: 3_000 + (2 * 17_600) / 1.6, measured: true });
  });

  it('stops at the time budget', () => {
    expect(estimateWallMs(16_000, 0, 2, null, 5).ms).toBe(5_000);
  });

  it('cuts the chains to leave the retraining its reserve', () => {
    // Chains end at 72 s and retraining takes 25 s, within 100 s, but the search keeps 1.3 × 25 s for it.
    expect(estimateWallMs(70_000, 25_000, 1, null, 100)).toEqual({ ms: 100_000, measured: false, reachesTimeBudget: true });
  });

  it('shortens only the retraining when the chains fit', () => {
    // Chains end at 42 s; the search keeps at most 40% of the budget for the 80 s retraining.
    expect(estimateWallMs(40_000, 80_000, 1, null, 100)).toEqual({ ms: 100_000, measured: false, shortensRetraining: true });
  });

  it('leaves a run within its budget as it is', () => {
    expect(estimateWallMs(40_000, 20_000, 1, null, 100)).toEqual({ ms: 62_000, measured: false });
  });
});

describe('finalModelMs', () => {
  const config = recordedRun(1).config;

  it('is zero without final retraining', () => {
    expect(finalModelMs({ ...config, finalEpochs: 0 }, 1_000, 2, 34, 300)).toBe(0);
  });

  it('retrains one candidate per worker for its epochs on all rows', () => {
    const final = { ...config, finalEpochs: 60, training: { ...config.training, epochs: 30, maxTrainRows: 150 } };
    // Twice the epochs on twice the rows: four times the training part, once the overhead; two side by side.
    expect(finalModelMs(final, 1_060, 2, 34, 300)).toBeCloseTo(2 * (60 + 4 * 1_000), 10);
    expect(finalModelMs(final, 1_060, 2, 1, 300)).toBeCloseTo(60 + 4 * 1_000, 10);
  });

  it('keeps the overhead when epochs change', () => {
    expect(withEpochs(1_060, 15, 30)).toBe(560);
  });
});

describe('estimate from recorded runs', () => {
  const shallow = recordedRun(1);
  const deep = recordedRun(2);
  const costOf = (run: typeof shallow) => (result: (typeof shallow.results)[number]) => modelledCostMs(result.candidate, run.config, TRAIN_ROWS);

  it('records a static estimate off by over two', () => {
    // The Strategy panel showed "about 1 min 57 s", and the search took 4 min 34 s.
    expect(deep.estimateShown).toBe('about 1 min 57 s on 2 workers');
    expect(deep.pageMs / 117_000).toBeGreaterThan(2);
  });

  it('predicts the long search from the short one', () => {
    const pace = measurePace(timedResults(shallow.results, costOf(shallow)), 2, shallow.pageMs - shallow.coordinatorMs)!;
    const wall = exhaustiveWall(estimateExhaustive(deep.config, 2), deep.config, pace, TRAIN_ROWS)!;
    expect(wall.measured).toBe(true);
    // Within a factor of 1.5, where the static guess was off by 2.3 (0.91 when written). The
    // cores were shared with other work during the long run, which the short one did not see.
    expect(wall.ms / deep.pageMs).toBeGreaterThan(2 / 3);
    expect(wall.ms / deep.pageMs).toBeLessThan(1.5);
  });

  it('predicts the short search from the long one', () => {
    const pace = measurePace(timedResults(deep.results, costOf(deep)), 2, deep.pageMs - deep.coordinatorMs)!;
    const wall = exhaustiveWall(estimateExhaustive(shallow.config, 2), shallow.config, pace, TRAIN_ROWS)!;
    expect(wall.ms / shallow.pageMs).toBeGreaterThan(2 / 3);
    expect(wall.ms / shallow.pageMs).toBeLessThan(1.5);
  });

  it('counts start-up in the short search', () => {
    const pace = measurePace(timedResults(shallow.results, costOf(shallow)), 2, shallow.pageMs - shallow.coordinatorMs)!;
    // Start-up is the time before the coordinator's clock (data and workers) plus the wait for the first training.
    expect(pace.startupMs).toBeGreaterThan(shallow.pageMs - shallow.coordinatorMs);
    expect(pace.startupMs).toBeLessThan(shallow.pageMs / 2);
  });
});
