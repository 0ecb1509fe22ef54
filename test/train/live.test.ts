import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { Rng } from '../../src/core/rng';
import type { Dataset, Split } from '../../src/data/types';
import { evaluateCandidate } from '../../src/train/evaluate';
import { trainLive, type EpochSnapshot } from '../../src/train/live';
import { probeFor, type ProbeSpec } from '../../src/train/probe';
import type { EvaluationMetrics, TrainingSettings } from '../../src/train/types';
import { circles, QUICK_TRAINING, useBackend } from './fixtures';

/** Linear layers, so a huge learning rate drives the loss to NaN or infinity (relu units die instead). */
const UNBOUNDED = chainGenome([
  { kind: 'dense', params: { units: 8, activation: 'linear' } },
  { kind: 'dense', params: { units: 8, activation: 'linear' } },
]);
const NETWORK = chainGenome([
  { kind: 'dense', params: { units: 8, activation: 'tanh' } },
  { kind: 'dropout', params: { rate: 0.1 } },
  { kind: 'dense', params: { units: 8, activation: 'tanh' } },
]);

/** Everything but the wall-clock time, which differs from run to run. */
const reproducible = ({ trainMs: _trainMs, ...rest }: EvaluationMetrics) => rest;

async function collect(
  data: Dataset,
  settings: TrainingSettings,
  options: { probe?: ProbeSpec; probeIntervalMs?: number } = {},
  genome = NETWORK,
): Promise<{ metrics: EvaluationMetrics; snapshots: EpochSnapshot[] }> {
  const snapshots: EpochSnapshot[] = [];
  const metrics = await trainLive(genome, data, settings, 5, { ...options, onEpoch: (snapshot) => snapshots.push(snapshot) });
  return { metrics, snapshots };
}

/** y = sin(3x) on inputs uniform in [-1, 1]: a 1D regression target. */
function sineCurve(): Dataset {
  const rng = new Rng(3);
  const split = (count: number): Split => {
    const x = Float32Array.from({ length: count }, () => rng.float() * 2 - 1);
    return { x, y: x.map((value) => Math.sin(3 * value)), count };
  };
  return {
    // No task in src/data has this id, but the trainer never reads this field.
    task: 'sine' as string as Dataset['task'],
    name: 'sine curve',
    kind: 'regression',
    inputShape: [1],
    outputUnits: 1,
    train: split(120),
    validation: split(40),
    test: split(40),
  };
}

describe.each(['cpu', 'wasm'] as const)('trainLive on %s', (backend) => {
  it('trains exactly as evaluateCandidate does', async () => {
    await useBackend(backend);
    const data = await circles();

    const { metrics, snapshots } = await collect(data, QUICK_TRAINING, { probe: probeFor(data)!, probeIntervalMs: 0 });
    const oracle = await evaluateCandidate(NETWORK, data, QUICK_TRAINING, 5);

    expect(reproducible(metrics)).toEqual(reproducible(oracle));
    expect(snapshots.map((s) => s.record.batchLoss)).toEqual(oracle.trainLoss);
  });
});

describe('trainLive snapshots', () => {
  it('reports metrics of every epoch', async () => {
    await useBackend('wasm');
    const data = await circles();
    const settings: TrainingSettings = { ...QUICK_TRAINING, epochs: 4 };

    const { snapshots } = await collect(data, settings);

    expect(snapshots.map((s) => s.record.epoch)).toEqual([1, 2, 3, 4]);
    for (const { record } of snapshots) {
      expect(record.epochs).toBe(4);
      expect(record.train.loss).toBeGreaterThan(0);
      expect(record.train.accuracy).toBeGreaterThanOrEqual(0);
      expect(record.train.accuracy).toBeLessThanOrEqual(1);
      expect(record.validation.accuracy).toBeGreaterThanOrEqual(0);
      expect(record.validation.accuracy).toBeLessThanOrEqual(1);
      expect(record.validation.r2).toBeNull();
    }
    const times = snapshots.map((s) => s.record.elapsedMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('predicts class probabilities on the grid', async () => {
    await useBackend('wasm');
    const data = await circles();
    const probe = probeFor(data)!;

    const { snapshots } = await collect(data, QUICK_TRAINING, { probe, probeIntervalMs: 0 });

    expect(probe.kind).toBe('grid');
    expect(snapshots).toHaveLength(QUICK_TRAINING.epochs);
    for (const { prediction } of snapshots) {
      expect(prediction).toBeInstanceOf(Float32Array);
      expect(prediction).toHaveLength(50 * 50 * data.outputUnits);
      for (let row = 0; row < 50 * 50; row += 97) {
        expect(prediction![2 * row] + prediction![2 * row + 1]).toBeCloseTo(1, 5);
      }
    }
  });

  it('probes the first and last epochs at least', async () => {
    await useBackend('wasm');
    const data = await circles();
    const settings: TrainingSettings = { ...QUICK_TRAINING, epochs: 5 };

    const { snapshots } = await collect(data, settings, { probe: probeFor(data)!, probeIntervalMs: 60_000 });

    expect(snapshots.map((s) => s.prediction !== undefined)).toEqual([true, false, false, false, true]);
  });

  it('predicts a curve for 1D regression', async () => {
    await useBackend('wasm');
    const data = sineCurve();
    const probe = probeFor(data)!;

    const { metrics, snapshots } = await collect(data, QUICK_TRAINING, { probe, probeIntervalMs: 0 });

    expect(probe.kind).toBe('line');
    expect(snapshots.at(-1)!.prediction).toHaveLength(200);
    expect(snapshots.at(-1)!.record.validation.accuracy).toBeNull();
    expect(snapshots.at(-1)!.record.validation.r2).not.toBeNull();
    expect(metrics.validationAccuracy).toBeNull();
  });

  it('disposes every tensor it creates', async () => {
    await useBackend('wasm');
    const data = await circles(120);
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();

    await collect(data, QUICK_TRAINING, { probe: probeFor(data)!, probeIntervalMs: 0 });
    const diverging = await collect(data, { ...QUICK_TRAINING, learningRate: 1e4, optimizer: 'sgd' }, { probe: probeFor(data)!, probeIntervalMs: 0 }, UNBOUNDED);

    expect(diverging.metrics.diverged).toBeDefined();

    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });

  it('reports divergence on a huge learning rate', async () => {
    await useBackend('wasm');
    const data = await circles();
    const settings: TrainingSettings = { ...QUICK_TRAINING, epochs: 6, learningRate: 1e4, optimizer: 'sgd' };

    const { metrics, snapshots } = await collect(data, settings, {}, UNBOUNDED);

    expect(metrics.diverged).toMatch(/^Training loss became (NaN|-?Infinity) at epoch \d+, batch \d+ of \d+\.$/);
    expect(metrics.fitness).toBe(0);
    expect(snapshots.length).toBeLessThan(settings.epochs);
    expect(metrics.epochs).toBe(snapshots.length);
  });

  it('rejects a probe that does not fit the task', async () => {
    await useBackend('wasm');
    const data = await circles();
    const line: ProbeSpec = { kind: 'line', xRange: [-1, 1], points: 10 };

    await expect(collect(data, QUICK_TRAINING, { probe: line })).rejects.toThrow(
      /A line probe has 1 input value\(s\) per point, but the task "circles" takes 2\. Use probeFor/,
    );
  });

  it('stops with an AbortError when aborted', async () => {
    await useBackend('wasm');
    const data = await circles();
    const abort = new AbortController();
    const tensors = tf.memory().numTensors;
    let epochs = 0;

    const training = trainLive(NETWORK, data, { ...QUICK_TRAINING, epochs: 50 }, 5, {
      signal: abort.signal,
      onEpoch: () => {
        epochs++;
        if (epochs === 2) abort.abort();
      },
    });

    await expect(training).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toBe(2);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
