import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import { evaluateCandidate } from '../../src/train/evaluate';
import type { TrainingSettings } from '../../src/train/types';
import { circles, useBackend } from './fixtures';

const NETWORK = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'tanh' } }]);
const SETTINGS: TrainingSettings = { epochs: 6, batchSize: 32, learningRate: 0.02, optimizer: 'adam', maxTrainRows: 0 };

describe('evaluateCandidate with early stopping', () => {
  it('stops after the first epoch below the threshold', async () => {
    await useBackend('wasm');
    const data = await circles();
    const thresholds = [null, 2, 2, 2, 2, null];
    const metrics = await evaluateCandidate(NETWORK, data, SETTINGS, 3, { earlyStop: { thresholds } });
    expect(metrics.stoppedEarly).toBe(true);
    expect(metrics.epochs).toBe(2);
    expect(metrics.validationCurve).toHaveLength(2);
    expect(metrics.fitness).toBeCloseTo(metrics.validationCurve![1], 6);
  });

  it('trains every epoch without a threshold and records the curve', async () => {
    await useBackend('wasm');
    const data = await circles();
    const metrics = await evaluateCandidate(NETWORK, data, SETTINGS, 3, { earlyStop: { thresholds: new Array(6).fill(null) } });
    expect(metrics.stoppedEarly).toBe(false);
    expect(metrics.epochs).toBe(6);
    expect(metrics.validationCurve).toHaveLength(6);
    expect(metrics.fitness).toBeCloseTo(metrics.validationCurve![5], 6);
  });

  it('fewer epochs give the prefix of a longer run', async () => {
    // Successive halving trains a survivor again from the start, which relies on this.
    await useBackend('wasm');
    const data = await circles();
    const long = await evaluateCandidate(NETWORK, data, SETTINGS, 5, { earlyStop: { thresholds: new Array(6).fill(null) } });
    const short = await evaluateCandidate(NETWORK, data, { ...SETTINGS, epochs: 3 }, 5);
    expect(short.trainLoss).toEqual(long.trainLoss.slice(0, 3));
    expect(short.fitness).toBeCloseTo(long.validationCurve![2], 6);
  });

  it('measures R² per epoch on a regression task', async () => {
    await useBackend('wasm');
    const data = await loadDataset({ id: 'sin', samples: 200, noise: 0.05, seed: 1 }, nodeAssetReader());
    const before = tf.memory().numTensors;
    const metrics = await evaluateCandidate(NETWORK, data, SETTINGS, 3, { earlyStop: { thresholds: new Array(6).fill(null) } });
    expect(tf.memory().numTensors).toBe(before);
    expect(metrics.validationAccuracy).toBeNull();
    expect(metrics.validationR2).not.toBeNull();
    expect(metrics.validationCurve!.every((value) => value >= 0 && value <= 1)).toBe(true);
  });
});
