import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { canonicalHash } from '../../src/core/canonical';
import { parseDataFile } from '../../src/data/data-file';
import { nodeAssetReader } from '../../src/data/node-assets';
import { loadDataset, TASKS } from '../../src/data/tasks';
import type { Dataset } from '../../src/data/types';
import { evaluateCandidate } from '../../src/train/evaluate';
import { STANDARDISE_LAYER, UNSTANDARDISE_LAYER, WEIGHTS_FILE, trainModelFiles } from '../../src/train/export-model';
import { importKerasTopology } from '../../src/state/files/keras-import';
import { MAX_STANDARDISED_FEATURES, type EvaluationMetrics } from '../../src/train/types';
import { circles, maxRelativeDifference, QUICK_TRAINING, useBackend } from './fixtures';

const NETWORK = chainGenome([
  { kind: 'dense', params: { units: 8, activation: 'tanh' } },
  { kind: 'dropout', params: { rate: 0.1 } },
  { kind: 'dense', params: { units: 6, activation: 'relu' } },
]);

const IRIS_NETWORK = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]);

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

describe('model export for standardised features', () => {
  const irisTask = { id: 'iris', samples: TASKS.iris.defaultSamples, noise: TASKS.iris.defaultNoise, seed: 1 } as const;

  /** Returns the test rows as the data file had them, before the data set standardised them. */
  const rawRows = (data: Dataset) => {
    const { mean, std } = data.scaling!;
    return Float32Array.from(data.test.x, (value, i) => value * std[i % mean.length] + mean[i % mean.length]);
  };

  it('standardises raw features first', async () => {
    await useBackend('cpu');
    const data = await loadDataset(irisTask, nodeAssetReader());
    const features = data.inputShape[0];
    const { files, metrics } = await trainModelFiles(IRIS_NETWORK, data, QUICK_TRAINING, 9, { probabilities: true });
    const model = await loadFiles(files.modelJson, files.weights);
    const standardise = model.getLayer(STANDARDISE_LAYER);
    const inner = tfl.model({ inputs: model.inputs, outputs: standardise.output as tfl.SymbolicTensor });
    const raw = tf.tensor2d(rawRows(data), [data.test.count, features]);
    const standardised = tf.tidy(() => inner.predict(raw) as tf.Tensor2D);
    const probabilities = tf.tidy(() => model.predict(raw) as tf.Tensor2D);
    const labels = tf.argMax(probabilities, 1);
    const predicted = (await labels.data()) as Int32Array;
    const scaled = await standardised.data();
    tf.dispose([raw, standardised, probabilities, labels]);
    model.dispose();

    expect(model.layers[1].name).toBe(STANDARDISE_LAYER);
    expect(standardise.trainable).toBe(false);
    expect(maxRelativeDifference(Array.from(scaled), Array.from(data.test.x))).toBeLessThan(1e-4);
    const correct = predicted.filter((label, i) => label === data.test.y[i]).length;
    expect(correct / data.test.count).toBeCloseTo(metrics.testAccuracy!, 6);
  });

  it('keeps gene layer names unique', async () => {
    await useBackend('cpu');
    const data = await loadDataset(irisTask, nodeAssetReader());
    const hidden = IRIS_NETWORK.nodes.find((node) => node.kind === 'dense')!.id;
    const rename = (id: string) => (id === hidden ? STANDARDISE_LAYER : id);
    const genome = { ...IRIS_NETWORK, nodes: IRIS_NETWORK.nodes.map((node) => ({ ...node, id: rename(node.id), inputs: node.inputs.map(rename) })) };
    const { files } = await trainModelFiles(genome, data, QUICK_TRAINING, 9, { probabilities: false });
    const model = await loadFiles(files.modelJson, files.weights);
    const names = model.layers.map((layer) => layer.name);
    model.dispose();

    expect(names).toContain(STANDARDISE_LAYER);
    expect(names[1]).toBe(`${STANDARDISE_LAYER}_2`);
  });

  it('imports back as the same network', async () => {
    await useBackend('cpu');
    const data = await loadDataset(irisTask, nodeAssetReader());
    const { files } = await trainModelFiles(IRIS_NETWORK, data, QUICK_TRAINING, 9, { probabilities: true });

    const imported = importKerasTopology(files.modelJson, { inputShape: data.inputShape, outputUnits: data.outputUnits });

    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(canonicalHash(imported.genome)).toBe(canonicalHash(IRIS_NETWORK));
    expect(imported.notes.join(' ')).toMatch(/fixed layer "standardise" that standardised raw features was dropped/);
  });

  it('leaves a very wide file standardised outside', async () => {
    await useBackend('cpu');
    const features = MAX_STANDARDISED_FEATURES + 1;
    const header = [...Array.from({ length: features }, (_, j) => `f${j}`), 'label', 'split'].join(',');
    const rows = Array.from({ length: 20 }, (_, i) => [...Array.from({ length: features }, (_, j) => (i * (j + 3)) % 7), i % 2 ? 'a' : 'b', i < 16 ? 'train' : 'test'].join(','));
    const data = parseDataFile(`${header}\n${rows.join('\n')}\n`, 'wide.csv', 1);
    const { files, standardisesInputs } = await trainModelFiles(IRIS_NETWORK, data, { ...QUICK_TRAINING, epochs: 1 }, 9, { probabilities: false });

    expect(standardisesInputs).toBe(false);
    expect(files.modelJson).not.toMatch(/"name":"standardise"/);
  });

  it('adds no layer without scaling', async () => {
    await useBackend('cpu');
    const { files } = await trainModelFiles(NETWORK, await circles(), QUICK_TRAINING, 9, { probabilities: false });
    const model = await loadFiles(files.modelJson, files.weights);
    const names = model.layers.map((layer) => layer.name);
    model.dispose();
    expect(names.some((name) => name.startsWith(STANDARDISE_LAYER))).toBe(false);
  });
});

describe('model export for a regression file', () => {
  /** y = 1000 + 300 x₁ - 50 x₂ + a small wobble: targets far from the standardised ones. */
  const pricesCsv = () => {
    const rows = Array.from({ length: 120 }, (_, i) => [(i * 7) % 13, (i * 5) % 11]);
    const lines = rows.map(([a, b], i) => `${a},${b},${1000 + 300 * a - 50 * b + Math.sin(i)},${i < 100 ? 'train' : 'test'}`);
    return `x1,x2,target,split\n${lines.join('\n')}\n`;
  };

  it('predicts targets in the file units', async () => {
    await useBackend('cpu');
    const data = parseDataFile(pricesCsv(), 'prices.csv', 1);
    const { files, metrics } = await trainModelFiles(IRIS_NETWORK, data, { ...QUICK_TRAINING, epochs: 40 }, 9, { probabilities: true });
    const model = await loadFiles(files.modelJson, files.weights);
    const { mean, std } = data.scaling!;
    const raw = tf.tensor2d(Float32Array.from(data.test.x, (value, i) => value * std[i % 2] + mean[i % 2]), [data.test.count, 2]);
    const predicted = tf.tidy(() => model.predict(raw) as tf.Tensor2D);
    const values = Array.from(await predicted.data());
    const last = model.layers.at(-1)!;
    tf.dispose([raw, predicted]);
    model.dispose();

    expect(last.name).toBe(UNSTANDARDISE_LAYER);
    expect(last.trainable).toBe(false);
    const targets = Array.from(data.test.y, (value) => value * data.targetScaling!.std + data.targetScaling!.mean);
    const average = targets.reduce((a, b) => a + b, 0) / targets.length;
    const residual = targets.reduce((sum, target, i) => sum + (target - values[i]) ** 2, 0);
    const total = targets.reduce((sum, target) => sum + (target - average) ** 2, 0);
    const imported = importKerasTopology(files.modelJson, { inputShape: data.inputShape, outputUnits: 1 });
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(canonicalHash(imported.genome)).toBe(canonicalHash(IRIS_NETWORK));
    expect(metrics.testR2).toBeGreaterThan(0.5);
    expect(1 - residual / total).toBeCloseTo(metrics.testR2!, 3);
  });
});
