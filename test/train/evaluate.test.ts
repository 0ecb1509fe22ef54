import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import { Rng } from '../../src/core/rng';
import type { Dataset } from '../../src/data/types';
import { evaluateCandidate } from '../../src/train/evaluate';
import { buildModel, geneLayerNames } from '../../src/train/model';
import { trainModel } from '../../src/train/train';
import type { EvaluationMetrics, TrainingProgress, TrainingSettings } from '../../src/train/types';
import { circles, QUICK_TRAINING, sineRegression, useBackend } from './fixtures';

/** Dense layers with batch normalisation and dropout: every source of randomness in training. */
const REGULARISED = chainGenome([
  { kind: 'dense', params: { units: 16, activation: 'relu' } },
  { kind: 'batchNormalization' },
  { kind: 'dropout', params: { rate: 0.3 } },
  { kind: 'dense', params: { units: 8, activation: 'tanh' } },
]);
const SMALL = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'elu' } }]);

/** Everything but the wall-clock time, which differs from run to run. */
const reproducible = ({ trainMs: _trainMs, ...rest }: EvaluationMetrics) => rest;

describe.each(['cpu', 'wasm'] as const)('evaluateCandidate on %s', (backend) => {
  it('repeats its metrics for the same seed, also after other evaluations', async () => {
    await useBackend(backend);
    const data = await circles();

    const first = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 42);
    const second = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 42);
    await evaluateCandidate(SMALL, data, QUICK_TRAINING, 7);
    const third = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 42);

    expect(reproducible(second)).toEqual(reproducible(first));
    expect(reproducible(third)).toEqual(reproducible(first));
    expect(first.backend).toBe(backend);
  });

  it('changes its training with the seed', async () => {
    await useBackend(backend);
    const data = await circles();

    const a = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 1);
    const b = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 2);

    expect(b.trainLoss).not.toEqual(a.trainLoss);
  });

  it('disposes every tensor over 20 evaluations with adam', async () => {
    await useBackend(backend);
    const data = await circles(120);
    const settings: TrainingSettings = { ...QUICK_TRAINING, epochs: 1, optimizer: 'adam' };
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();

    for (let i = 0; i < 20; i++) await evaluateCandidate(i % 2 ? SMALL : REGULARISED, data, settings, i);

    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });
});

describe('evaluateCandidate metrics', () => {
  it('reports size, epochs and per-epoch losses', async () => {
    await useBackend('wasm');
    const data = await circles();
    const analysis = analyzeGenome(REGULARISED, data);

    const metrics = await evaluateCandidate(REGULARISED, data, QUICK_TRAINING, 3);

    expect(metrics.params).toBe(analysis.totalParams);
    expect(metrics.flops).toBe(analysis.totalFlops);
    expect(metrics.epochs).toBe(QUICK_TRAINING.epochs);
    expect(metrics.trainLoss).toHaveLength(QUICK_TRAINING.epochs);
    expect(metrics.trainLoss.every(Number.isFinite)).toBe(true);
    expect(metrics.trainMs).toBeGreaterThan(0);
    expect(metrics.diverged).toBeUndefined();
  });

  it('scores classification by validation accuracy', async () => {
    await useBackend('wasm');
    const data = await circles();

    const metrics = await evaluateCandidate(SMALL, data, QUICK_TRAINING, 3);

    expect(metrics.fitness).toBe(metrics.validationAccuracy);
    // Accuracies are counts of correct rows over the split size.
    expect(Number.isInteger(Math.round(metrics.validationAccuracy! * data.validation.count * 1e6) / 1e6)).toBe(true);
    expect(Number.isInteger(Math.round(metrics.testAccuracy! * data.test.count * 1e6) / 1e6)).toBe(true);
    expect(metrics.validationLoss).toBeGreaterThan(0);
    expect(metrics.testLoss).toBeGreaterThan(0);
  });

  it('scores regression by validation R² from its mean squared error', async () => {
    await useBackend('wasm');
    const data = sineRegression();
    const genome = chainGenome([{ kind: 'dense', params: { units: 16, activation: 'tanh' } }]);

    const metrics = await evaluateCandidate(genome, data, { ...QUICK_TRAINING, epochs: 20 }, 3);

    const y = data.validation.y;
    const mean = y.reduce((sum, v) => sum + v, 0) / y.length;
    const totalSquares = y.reduce((sum, v) => sum + (v - mean) ** 2, 0);
    const r2 = 1 - (metrics.validationLoss * y.length) / totalSquares;
    expect(metrics.fitness).toBeCloseTo(Math.min(1, Math.max(0, r2)), 5);
    expect(metrics.fitness).toBeGreaterThan(0);
    expect(metrics.validationAccuracy).toBeNull();
    expect(metrics.testAccuracy).toBeNull();
  });

  it('marks outputs that overflow on validation rows as diverged', async () => {
    await useBackend('wasm');
    const data = sineRegression();
    // Validation inputs near the float32 limit: any weight above 1 sends a linear output to Infinity.
    const far = { ...data.validation, x: data.validation.x.map((value) => value * 3e38) };
    const genome = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'linear' } }]);

    const metrics = await evaluateCandidate(genome, { ...data, validation: far }, QUICK_TRAINING, 3);

    expect(metrics.trainLoss.every(Number.isFinite)).toBe(true);
    expect(metrics.diverged).toMatch(/^Validation loss became (NaN|Infinity) after training: the network's outputs overflow on validation rows\.$/);
    expect(metrics.fitness).toBe(0);
  });

  it('stops a diverging candidate and scores it 0 with the reason', async () => {
    await useBackend('wasm');
    const data = sineRegression();
    const genome = chainGenome([{ kind: 'dense', params: { units: 32, activation: 'relu' } }]);

    const metrics = await evaluateCandidate(genome, data, { ...QUICK_TRAINING, optimizer: 'sgd', learningRate: 1e6 }, 3);

    expect(metrics.diverged).toMatch(/^Training loss became (NaN|Infinity) at epoch 1, batch \d+ of 7\.$/);
    expect(metrics.fitness).toBe(0);
    expect(metrics.validationLoss).toBeNaN();
    expect(metrics.trainLoss).toEqual([]);
    expect(metrics.epochs).toBe(0);
  });
});

describe('evaluateCandidate progress and abort', () => {
  it('reports each epoch ending with its mean loss', async () => {
    await useBackend('wasm');
    const data = await circles();
    const reports: TrainingProgress[] = [];

    const metrics = await evaluateCandidate(SMALL, data, QUICK_TRAINING, 5, { onProgress: (p) => reports.push(p) });

    const ends = reports.filter((p) => p.batch === p.batches);
    expect(ends.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(ends.map((p) => p.loss)).toEqual(metrics.trainLoss);
    expect(reports.every((p) => p.epochs === 3 && p.batches === Math.ceil(data.train.count / 32))).toBe(true);
  });

  it('trains on the first maxTrainRows rows only', async () => {
    await useBackend('wasm');
    const data = await circles();
    const reports: TrainingProgress[] = [];

    await evaluateCandidate(SMALL, data, { ...QUICK_TRAINING, maxTrainRows: 70 }, 5, { onProgress: (p) => reports.push(p) });

    expect(reports.every((p) => p.batches === 3)).toBe(true);
  });

  it('rejects with an AbortError when aborted mid-training, disposing everything', async () => {
    await useBackend('wasm');
    const data = await circles();
    const controller = new AbortController();
    const tensors = tf.memory().numTensors;

    const run = evaluateCandidate(REGULARISED, data, { ...QUICK_TRAINING, epochs: 50 }, 5, {
      signal: controller.signal,
      onProgress: (p) => p.epoch === 2 && controller.abort(),
    });

    await expect(run).rejects.toMatchObject({ name: 'AbortError', message: /aborted/ });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await useBackend('wasm');
    const data = await circles();

    const run = evaluateCandidate(SMALL, data, QUICK_TRAINING, 5, { signal: AbortSignal.abort() });

    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('evaluateCandidate input checks', () => {
  it.each([
    { settings: { epochs: 0 }, message: /epochs must be a positive integer, got 0/ },
    { settings: { batchSize: 2.5 }, message: /batchSize must be a positive integer, got 2.5/ },
    { settings: { learningRate: -1 }, message: /learningRate must be a positive number, got -1/ },
    { settings: { maxTrainRows: -3 }, message: /maxTrainRows must be 0 \(all rows\) or a positive integer, got -3/ },
  ])('rejects settings $settings', async ({ settings, message }) => {
    const data = await circles();
    await expect(evaluateCandidate(SMALL, data, { ...QUICK_TRAINING, ...settings }, 1)).rejects.toThrow(message);
  });

  it('rejects a class index outside the task', async () => {
    const data = await circles();
    const y = Float32Array.from(data.train.y);
    y[4] = 2;
    const broken: Dataset = { ...data, train: { ...data.train, y } };

    await expect(evaluateCandidate(SMALL, broken, QUICK_TRAINING, 1)).rejects.toThrow(
      /^Row 4 of the training split has class 2, but the task has classes 0 to 1\./,
    );
  });

  it('rejects an invalid genome with its issues', async () => {
    const data = await circles();
    const genome: Genome = { nodes: SMALL.nodes.filter((n) => n.kind !== 'output') };

    await expect(evaluateCandidate(genome, data, QUICK_TRAINING, 1)).rejects.toThrow(/Invalid network:[\s\S]*output head/);
  });
});

describe('trainModel', () => {
  it('updates the moving statistics of batch normalisation', async () => {
    await useBackend('wasm');
    const data = await circles();
    const genome = chainGenome([{ kind: 'batchNormalization' }]);
    const model = buildModel(genome, data);
    const layer = model.getLayer(geneLayerNames(genome, data).get('l1')![0]);
    const [, , movingMeanBefore, movingVarianceBefore] = layer.getWeights().map((w) => w.arraySync() as number[]);

    await trainModel(model, data.train, data, QUICK_TRAINING, { order: new Rng(1), steps: new Rng(2) });
    const [, , movingMean, movingVariance] = layer.getWeights().map((w) => w.arraySync() as number[]);
    model.dispose();

    expect(movingMeanBefore).toEqual([0, 0]);
    expect(movingVarianceBefore).toEqual([1, 1]);
    // The circles inputs lie in about [-1, 1]²: a mean near 0 but not 0, a variance below 1.
    expect(movingMean.some((m) => m !== 0)).toBe(true);
    expect(movingVariance.every((v) => v > 0 && v < 1)).toBe(true);
  });
});
