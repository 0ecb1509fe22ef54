import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { evaluateCandidate } from '../../src/train/evaluate';
import { trainModelFiles } from '../../src/train/export-model';
import type { TrainingSettings } from '../../src/train/types';
import { circles, useBackend } from './fixtures';

const NETWORK = chainGenome([
  { kind: 'dense', params: { units: 16, activation: 'relu' } },
  { kind: 'dense', params: { units: 16, activation: 'relu' } },
]);
// A learning rate this high makes validation accuracy rise and fall from epoch to epoch.
const SETTINGS: TrainingSettings = { epochs: 12, batchSize: 16, learningRate: 0.2, optimizer: 'adam', maxTrainRows: 0 };
const SEED = 4;

/** Returns the validation fitness after each epoch of a plain run, as the median rule records it with no thresholds. */
async function validationCurve(): Promise<readonly number[]> {
  const metrics = await evaluateCandidate(NETWORK, await circles(200), SETTINGS, SEED, { earlyStop: { thresholds: [] } });
  return metrics.validationCurve!;
}

describe('keepBestEpoch', () => {
  it('scores the weights of the epoch with the best validation fitness', async () => {
    await useBackend('cpu');
    const curve = await validationCurve();
    const bestEpoch = curve.indexOf(Math.max(...curve)) + 1;
    expect(curve.at(-1), `the fixture needs a last epoch below the best; curve ${curve.join(', ')}`).toBeLessThan(Math.max(...curve));

    const tensors = tf.memory().numTensors;
    const metrics = await evaluateCandidate(NETWORK, await circles(200), SETTINGS, SEED, { keepBestEpoch: true });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(metrics.bestEpoch).toBe(bestEpoch);
    expect(metrics.epochs).toBe(SETTINGS.epochs);
    expect(metrics.fitness).toBeCloseTo(Math.max(...curve), 6);
  });

  it('exports the weights it scored', async () => {
    await useBackend('cpu');
    const data = await circles(200);
    const { files, metrics } = await trainModelFiles(NETWORK, data, SETTINGS, SEED, { probabilities: false, keepBestEpoch: true });
    const json = JSON.parse(files.modelJson);
    const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: files.weights }));
    const logits = model.predict(tf.tensor2d(data.validation.x, [data.validation.count, 2])) as tf.Tensor2D;
    const labels = tf.argMax(logits, 1);
    const predicted = (await labels.array()) as number[];
    const correct = predicted.filter((label, i) => label === data.validation.y[i]).length;
    tf.dispose([logits, labels]);
    model.dispose();
    expect(correct / data.validation.count).toBeCloseTo(metrics.validationAccuracy!, 6);
    expect(metrics.bestEpoch).toBeLessThan(SETTINGS.epochs);
  });
});
