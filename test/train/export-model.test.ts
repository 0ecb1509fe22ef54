import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { evaluateCandidate } from '../../src/train/evaluate';
import { WEIGHTS_FILE, trainModelFiles } from '../../src/train/export-model';
import type { EvaluationMetrics } from '../../src/train/types';
import { circles, QUICK_TRAINING, useBackend } from './fixtures';

const NETWORK = chainGenome([
  { kind: 'dense', params: { units: 8, activation: 'tanh' } },
  { kind: 'dropout', params: { rate: 0.1 } },
  { kind: 'dense', params: { units: 6, activation: 'relu' } },
]);

const reproducible = ({ trainMs: _trainMs, ...rest }: EvaluationMetrics) => rest;

async function loadFiles(modelJson: string, weights: ArrayBuffer): Promise<tfl.LayersModel> {
  const json = JSON.parse(modelJson);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights }));
}

describe('model export', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`saves the weights the search scored on ${backend}`, async () => {
      await useBackend(backend);
      const data = await circles();
      const evaluated = await evaluateCandidate(NETWORK, data, QUICK_TRAINING, 9);
      const { files, metrics } = await trainModelFiles(NETWORK, data, QUICK_TRAINING, 9, { probabilities: true });
      const model = await loadFiles(files.modelJson, files.weights);

      expect(reproducible(metrics)).toEqual(reproducible(evaluated));
      expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual([WEIGHTS_FILE]);
      const rows = data.validation.count;
      const probabilities = tf.tidy(() => model.predict(tf.tensor2d(data.validation.x, [rows, 2])) as tf.Tensor2D);
      const values = await probabilities.array();
      const predicted = values.map((row) => row.indexOf(Math.max(...row)));
      const correct = predicted.filter((label, i) => label === data.validation.y[i]).length;
      probabilities.dispose();
      model.dispose();

      expect(values.every((row) => Math.abs(row.reduce((sum, p) => sum + p, 0) - 1) < 1e-5)).toBe(true);
      expect(correct / rows).toBeCloseTo(evaluated.validationAccuracy!, 6);
    });
  }

  it('outputs logits without the softmax', async () => {
    await useBackend('cpu');
    const { files } = await trainModelFiles(NETWORK, await circles(), QUICK_TRAINING, 9, { probabilities: false });
    const model = await loadFiles(files.modelJson, files.weights);
    const layers = model.layers.map((layer) => layer.getClassName());
    model.dispose();
    expect(layers.at(-1)).toBe('Dense');
  });

  it('rejects a diverged network', async () => {
    await useBackend('cpu');
    const linear = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'linear' } }, { kind: 'dense', params: { units: 8, activation: 'linear' } }]);
    await expect(trainModelFiles(linear, await circles(), { ...QUICK_TRAINING, learningRate: 1e6, optimizer: 'sgd' }, 9, { probabilities: true })).rejects.toThrow(/Training diverged .* Lower the learning rate/);
  });
});
