import { describe, expect, it } from 'vitest';
import { IDLE_RUN, type RunState } from '../../src/state/run-state';
import { modelledCostMs } from '../../src/state/run-pace';
import { cachedEstimate } from '../../src/ui/inspector/use-exhaustive-estimate';
import { plannedExhaustiveModelMs, rawTimeLeft, remainingModelMs, resultsBeforeEstimate, smoothTimeLeft, type ShownTimeLeft } from '../../src/ui/run/time-left';
import { POPULATION, TRAIN_ROWS, recordedRun, type ReplayedRun } from '../state/recorded-runs';
import { candidate, evaluated } from './run-fixtures';

/** The run state the page had `ms` after the coordinator started, from a recorded run. */
function snapshot(replay: ReplayedRun, ms: number): RunState {
  const evaluations = replay.results.filter((result) => result.finishedAt <= ms);
  const done = new Set(evaluations.map((result) => result.candidate.id));
  const open = replay.candidates.find((source) => !done.has(source.id));
  const generation = open?.generation ?? replay.candidates.at(-1)!.generation;
  return {
    ...IDLE_RUN,
    runId: 'recorded',
    phase: 'running',
    generation,
    totalGenerations: Math.ceil(replay.candidates.length / POPULATION),
    currentBatch: replay.candidates.filter((source) => source.generation === generation),
    evaluations,
    workers: [{ backend: 'wasm' }, { backend: 'wasm' }],
  };
}

describe('smoothTimeLeft', () => {
  it('starts at the first raw figure', () => {
    expect(smoothTimeLeft(null, 90_000, 5_000)).toEqual({ ms: 90_000, at: 5_000 });
  });

  it('counts down with the clock', () => {
    let shown: ShownTimeLeft | null = null;
    for (let now = 0; now <= 60_000; now += 1_000) shown = smoothTimeLeft(shown, 100_000 - now, now);
    expect(shown!.ms).toBeCloseTo(40_000, 6);
  });

  it('stays unchanged within one moment', () => {
    const shown = smoothTimeLeft(null, 90_000, 5_000);
    expect(smoothTimeLeft(shown, 400_000, 5_000)).toEqual(shown);
  });

  it('damps the jumps a user saw', () => {
    // Raw figures two seconds apart, as the page showed them during a search of 1,190 chains.
    const raws = [137_000, 416_000, 102_000, 198_000, 79_000, 194_000, 67_000];
    let shown: ShownTimeLeft | null = null;
    const figures: number[] = [];
    raws.forEach((raw, step) => {
      shown = smoothTimeLeft(shown, raw, step * 2_000);
      figures.push(shown.ms);
    });
    for (let i = 1; i < figures.length; i++) {
      const ratio = Math.max(figures[i], figures[i - 1]) / Math.min(figures[i], figures[i - 1]);
      expect(ratio, `step ${i}: ${figures[i - 1]} to ${figures[i]}`).toBeLessThan(1.1 ** 2 + 1e-9);
    }
  });

  it('moves to a lasting change', () => {
    let shown: ShownTimeLeft | null = smoothTimeLeft(null, 60_000, 0);
    for (let now = 1_000; now <= 40_000; now += 1_000) shown = smoothTimeLeft(shown, 120_000 - now, now);
    expect(shown!.ms).toBeGreaterThan(70_000);
  });
});

describe('remainingModelMs', () => {
  const config = recordedRun(1).config;
  const costOf = () => 1_000;

  it('counts the batch left and the generations to come', () => {
    const batch = [0, 1, 2, 3].map((index) => candidate(1, index));
    const run: RunState = { ...IDLE_RUN, generation: 1, totalGenerations: 4, currentBatch: batch, evaluations: [evaluated(batch[0], 1, 0.5)], workers: [{ backend: 'wasm' }] };
    // Three of this batch and two batches of four to come.
    expect(remainingModelMs(run, { ...config, finalEpochs: 0 }, TRAIN_ROWS, costOf)).toBe(11_000);
  });

  it('counts a candidate in training by its epochs left', () => {
    const batch = [candidate(0, 0)];
    const run: RunState = { ...IDLE_RUN, totalGenerations: 1, currentBatch: batch, inFlight: { [batch[0].id]: { epoch: 3, epochs: 4, loss: 1 } } };
    expect(remainingModelMs(run, { ...config, finalEpochs: 0 }, TRAIN_ROWS, costOf)).toBe(250);
  });

  it('takes the reused share off', () => {
    const batch = [0, 1, 2, 3].map((index) => candidate(0, index));
    const evaluations = [evaluated(batch[0], 1, 0.5), evaluated(batch[1], 2, 0.5, { reused: true })];
    const run: RunState = { ...IDLE_RUN, totalGenerations: 1, currentBatch: batch, evaluations };
    expect(remainingModelMs(run, { ...config, finalEpochs: 0 }, TRAIN_ROWS, costOf)).toBe(1_000);
  });

  it('stops at the evaluation budget', () => {
    const batch = [0, 1, 2, 3].map((index) => candidate(0, index));
    const run: RunState = { ...IDLE_RUN, totalGenerations: 10, currentBatch: batch };
    const budgeted = { ...config, finalEpochs: 0, search: { ...config.search, maxEvaluations: 6 } };
    expect(remainingModelMs(run, budgeted, TRAIN_ROWS, costOf)).toBe(6_000);
  });

  it('takes later generations from the planned cost', () => {
    const batch = [0, 1, 2, 3].map((index) => candidate(1, index));
    const evaluations = [...[0, 1, 2, 3].map((index) => evaluated(candidate(0, index), index + 1, 0.5)), evaluated(batch[0], 5, 0.5)];
    const run: RunState = { ...IDLE_RUN, generation: 1, totalGenerations: 3, currentBatch: batch, evaluations };
    // 20,000 planned, 8,000 spent on the first two batches: 3,000 left of this one, 12,000 to come.
    expect(remainingModelMs(run, { ...config, finalEpochs: 0 }, TRAIN_ROWS, costOf, 20_000)).toBe(15_000);
  });
});

describe('time left after a pause', () => {
  const config = { ...recordedRun(1).config, finalEpochs: 0 };
  const costOf = () => 1_000;
  // One worker trained four one-second candidates, was paused for a minute, and trained two more.
  const batch = Array.from({ length: 10 }, (_, index) => candidate(0, index));
  const evaluations = batch.slice(0, 6).map((source, index) =>
    evaluated(source, index + 1, 0.5, { finishedAt: (index + 1) * 1_000 + (index >= 4 ? 60_000 : 0), epochsTrained: config.training.epochs }),
  );
  const run: RunState = {
    ...IDLE_RUN,
    runId: 'paused',
    phase: 'running',
    totalGenerations: 1,
    currentBatch: batch,
    evaluations: evaluations.map((result) => ({ ...result, metrics: { ...result.metrics!, trainMs: 1_000 } })),
    workers: [{ backend: 'wasm' }],
    pauses: [{ from: 4_000, to: 64_000 }],
  };

  it('measures the pace without the pause', () => {
    // Four candidates left at one second each.
    expect(rawTimeLeft(run, config, TRAIN_ROWS, costOf, 66_000)).toBeCloseTo(4_000, 6);
  });
});

describe('time left on more rows than expected', () => {
  // A data file's search costs its results on the file's rows, not on the task's expected count.
  const replay = recordedRun(1);
  const rows = 3_000;
  const costs = new Map(replay.candidates.map((source) => [source, modelledCostMs(source, replay.config, rows)]));
  const costOf = (source: (typeof replay.candidates)[number]) => costs.get(source)!;
  const afterFirstBatch = replay.results[POPULATION - 1].finishedAt;
  const run = snapshot(replay, afterFirstBatch);
  const config = { ...replay.config, finalEpochs: 0 };

  it('plans the chains on the same rows', () => {
    const planned = plannedExhaustiveModelMs(cachedEstimate(config, rows), config)!;
    const left = replay.candidates.filter((source) => !run.evaluations.some((result) => result.candidate === source));
    const leftModelMs = left.reduce((sum, source) => sum + costOf(source), 0);
    expect(remainingModelMs(run, config, rows, costOf, planned) / leftModelMs).toBeCloseTo(1, 1);
  });

  it('caches the estimate by rows', () => {
    const expected = cachedEstimate(config).candidateModelMs!;
    expect(cachedEstimate(config, rows).candidateModelMs!).toBeGreaterThan(2 * expected);
    expect(cachedEstimate(config).candidateModelMs).toBe(expected);
  });
});

describe('time left of a recorded run', () => {
  const replay = recordedRun(2);
  const costs = new Map(replay.candidates.map((source) => [source, modelledCostMs(source, replay.config, TRAIN_ROWS)]));
  const costOf = (source: (typeof replay.candidates)[number]) => costs.get(source)!;
  const end = replay.coordinatorMs;
  const planned = replay.candidates.reduce((sum, source) => sum + costOf(source), 0);

  it('waits for the first results', () => {
    const early = replay.results[resultsBeforeEstimate(2) - 2].finishedAt;
    expect(rawTimeLeft(snapshot(replay, early), replay.config, TRAIN_ROWS, costOf, early)).toBeNull();
  });

  it('tracks the time left and moves steadily', () => {
    let shown: ShownTimeLeft | null = null;
    let previous: number | null = null;
    for (let now = 2_000; now < end; now += 2_000) {
      const raw = rawTimeLeft(snapshot(replay, now), replay.config, TRAIN_ROWS, costOf, now, planned);
      if (raw === null) continue;
      shown = smoothTimeLeft(shown, raw, now);
      const actual = end - now;
      // The recorded run slowed down in its first fifth, as the machine's load changed, which
      // no estimate made before could know: the figure was 0.67 of the time left at worst.
      if (now >= end * 0.1 && now <= end * 0.9) {
        expect(shown.ms / actual, `at ${now} ms: ${Math.round(shown.ms)} ms shown, ${actual} ms left`).toBeGreaterThan(0.6);
        expect(shown.ms / actual, `at ${now} ms: ${Math.round(shown.ms)} ms shown, ${actual} ms left`).toBeLessThan(1.6);
      }
      // Beyond counting down two seconds, the figure moves by at most 1.1 a second.
      const counted = previous === null ? null : previous - 2_000;
      if (counted !== null && counted > 10_000) {
        expect(shown.ms / counted, `at ${now} ms`).toBeLessThan(1.1 ** 2 + 1e-9);
        expect(counted / shown.ms, `at ${now} ms`).toBeLessThan(1.1 ** 2 + 1e-9);
      }
      previous = shown.ms;
    }
  });
});
