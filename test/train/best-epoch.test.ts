import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { BestEpoch } from '../../src/train/best-epoch';
import { evaluateCandidate } from '../../src/train/evaluate';
import { trainModelFiles } from '../../src/train/export-model';
import { evaluateSplit, type SplitMetrics } from '../../src/train/metrics';
import type { TrainingSettings } from '../../src/train/types';
import { circles, useBackend } from './fixtures';

const NETWORK = chainGenome([
  { kind: 'dense', params: { units: 16, activation: 'relu' } },
  { kind: 'dense', params: { units: 16, activation: 'relu' } },
]);
// A learning rate this high makes validation accuracy rise and fall from epoch to epoch.
const SETTINGS: TrainingSettings = { epochs: 12, batchSize: 16, learningRate: 0.2, optimizer: 'adam', maxTrainRows: 0 };
const SEED = 4;

/** Returns the validation accuracy and loss after each epoch of a plain run. */
async function validationCurve(): Promise<readonly SplitMetrics[]> {
  const data = await circles(200);
  const curve: SplitMetrics[] = [];
  await evaluateCandidate(NETWORK, data, SETTINGS, SEED, {
    onEpochEnd: async (model) => {
      curve.push(await evaluateSplit(model, data.validation, data));
    },
  });
  return curve;
}

/** Returns the epoch, from 1, with the best accuracy, and among those the lowest loss. */
function bestOf(curve: readonly SplitMetrics[]): number {
  let best = 0;
  curve.forEach((epoch, i) => {
    const leader = curve[best];
    if (epoch.accuracy! > leader.accuracy! || (epoch.accuracy === leader.accuracy && epoch.loss < leader.loss)) best = i;
  });
  return best + 1;
}

describe('keepBestEpoch', () => {
  it('scores the weights of the epoch with the best validation fitness', async () => {
    await useBackend('cpu');
    const curve = await validationCurve();
    const accuracies = curve.map((epoch) => epoch.accuracy!);
    const top = Math.max(...accuracies);
    expect(accuracies.at(-1), `the fixture needs a last epoch below the best; curve ${accuracies.join(', ')}`).toBeLessThan(top);
    const bestEpoch = bestOf(curve);

    const tensors = tf.memory().numTensors;
    const metrics = await evaluateCandidate(NETWORK, await circles(200), SETTINGS, SEED, { keepBestEpoch: true });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(metrics.bestEpoch).toBe(bestEpoch);
    expect(metrics.epochs).toBe(SETTINGS.epochs);
    expect(metrics.fitness).toBeCloseTo(top, 6);
    expect(metrics.validationLoss).toBeCloseTo(curve[bestEpoch - 1].loss, 5);
  });

  it('breaks a tie in fitness by the lower validation loss', async () => {
    await useBackend('cpu');
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1], useBias: false })] });
    const kernel = () => (model.getWeights()[0].dataSync() as Float32Array)[0];
    const best = new BestEpoch(model);
    const offer = (epoch: number, fitness: number, loss: number) => {
      const kernelValue = tf.tensor2d([[epoch]]);
      model.setWeights([kernelValue]);
      kernelValue.dispose();
      best.offer(epoch, fitness, loss);
    };
    offer(1, 0.9, 0.5);
    offer(2, 0.9, 0.3);
    offer(3, 0.9, Number.NaN);
    offer(4, 0.8, 0.1);
    offer(5, 0.9, 0.4);
    expect(best.epoch).toBe(2);
    best.restore(5);
    expect(kernel()).toBe(2);
    model.dispose();
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
