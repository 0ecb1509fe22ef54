import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { evaluateCandidate } from '../../src/train/evaluate';
import { circles, useBackend } from './fixtures';

const NETWORK = chainGenome([{ kind: 'dense', params: { units: 16, activation: 'relu' } }]);

describe('evaluateCandidate time limit', () => {
  it('stops training at the limit and scores the model as it is', async () => {
    await useBackend('wasm');
    const data = await circles(600);
    const tensorsBefore = tf.memory().numTensors;
    const settings = { epochs: 2000, batchSize: 8, learningRate: 0.01, optimizer: 'adam' as const, maxTrainRows: 0 };

    // 2000 epochs take minutes; the limit leaves a few epochs, enough to beat chance even
    // when other processes slow this one down several times.
    const metrics = await evaluateCandidate(NETWORK, data, settings, 3, { timeLimitMs: 1_200 });

    expect(metrics.epochs).toBeGreaterThanOrEqual(1);
    expect(metrics.epochs).toBeLessThan(2000);
    expect(metrics.trainMs).toBeLessThan(4_000);
    expect(metrics.validationAccuracy).toBeGreaterThan(0.5);
    expect(metrics.trainLoss.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('trains every epoch when the limit is not reached', async () => {
    await useBackend('wasm');
    const data = await circles(200);
    const settings = { epochs: 2, batchSize: 32, learningRate: 0.01, optimizer: 'adam' as const, maxTrainRows: 0 };

    const metrics = await evaluateCandidate(NETWORK, data, settings, 3, { timeLimitMs: 60_000 });

    expect(metrics.epochs).toBe(2);
  });
});
