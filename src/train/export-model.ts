/**
 * Trained model files for download: trains a genome exactly as the search evaluated it
 * (same settings and seed, so on cpu and wasm the same weights and metrics) and writes the
 * TensorFlow.js layers format: a `model.json` and one weights file. For a task whose
 * features were standardised, the saved model does that itself in a fixed first layer, so it
 * takes the features as the data set has them. For a regression file, a fixed last layer
 * turns its predictions back into the file's units.
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Genome } from '../core/genome';
import type { ShapeContext } from '../core/layers';
import type { Dataset } from '../data/types';
import { evaluateCandidate } from './evaluate';
import { buildModel, geneLayerNames } from './model';
import { MAX_STANDARDISED_FEATURES, type EvaluateOptions, type EvaluationMetrics, type TrainingSettings } from './types';

export const WEIGHTS_FILE = 'weights.bin';

export interface ModelFiles {
  /** The `model.json` text, naming `WEIGHTS_FILE` in its weights manifest. */
  readonly modelJson: string;
  readonly weights: ArrayBuffer;
}

export interface ExportOptions extends EvaluateOptions {
  /**
   * Appends a softmax layer named "probabilities" for classification tasks, so the saved
   * model outputs class probabilities instead of the head's logits.
   */
  readonly probabilities: boolean;
}

/** Serialises a model with `tf.io.withSaveHandler` into the two files of the layers format. */
async function modelFiles(model: tfl.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: 'NAS Playground',
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(modelJson), weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return files!;
}

function withProbabilities(model: tfl.LayersModel): tfl.LayersModel {
  const probabilities = tfl.layers.softmax({ name: 'probabilities' }).apply(model.outputs[0]) as tfl.SymbolicTensor;
  return tfl.model({ inputs: model.inputs, outputs: probabilities, name: model.name });
}

/** Names of the export's fixed layers, when no layer of the genome has them already. */
export const STANDARDISE_LAYER = 'standardise';
export const UNSTANDARDISE_LAYER = 'unstandardise';

/** Returns `stem`, or `stem_2`, `stem_3`… when a layer of the genome already has that name. */
function freeName(stem: string, usedNames: ReadonlySet<string>): string {
  let name = stem;
  for (let n = 2; usedNames.has(name); n++) name = `${stem}_${n}`;
  return name;
}

/**
 * Returns a fixed dense layer for `scale` · x + `offset` on each of `units` values, and the
 * call that sets those weights once the layer is built into a model. Built outside one, its
 * weights would miss the layer's name scope, and the saved model would not load.
 */
function fixedScaling(name: string, scale: readonly number[], offset: readonly number[]): { layer: tfl.layers.Layer; setWeights(): void } {
  const units = scale.length;
  const layer = tfl.layers.dense({ units, name, trainable: false });
  const setWeights = () => {
    const kernel = tf.buffer([units, units]);
    scale.forEach((factor, i) => kernel.set(factor, i, i));
    const weights = [kernel.toTensor(), tf.tensor1d([...offset])];
    layer.setWeights(weights);
    tf.dispose(weights);
  };
  return { layer, setWeights };
}

/**
 * Copies the trained model into one that takes raw features and, for a regression file,
 * predicts raw targets. A fixed first layer standardises the features with the training
 * rows' mean and standard deviation, diag(1 / std) and bias -mean / std, and a fixed last
 * layer undoes the targets' standardisation. They are dense layers, because tfjs-layers
 * 4.22 has no Normalization layer.
 */
function inRawUnits(trained: tfl.LayersModel, genome: Genome, context: ShapeContext, dataset: Pick<Dataset, 'scaling' | 'targetScaling'>): tfl.LayersModel {
  const { scaling, targetScaling } = dataset;
  const usedNames = new Set([...geneLayerNames(genome, context).values()].flat());
  let standardise: ReturnType<typeof fixedScaling> | undefined;
  if (scaling && scaling.mean.length <= MAX_STANDARDISED_FEATURES) {
    const features = scaling.mean.length;
    if (context.inputShape.length !== 1 || context.inputShape[0] !== features) {
      throw new Error(`Cannot standardise inputs of shape [${context.inputShape.join(', ')}] with a scaling of ${features} features. The data set's loader must scale each of a flat input's features.`);
    }
    standardise = fixedScaling(
      freeName(STANDARDISE_LAYER, usedNames),
      scaling.std.map((std) => 1 / std),
      scaling.mean.map((mean, f) => -mean / scaling.std[f]),
    );
  }
  const model = buildModel(genome, context, { inputLayer: standardise?.layer });
  standardise?.setWeights();
  for (const layer of trained.layers) {
    const values = layer.getWeights();
    if (values.length > 0) model.getLayer(layer.name).setWeights(values);
  }
  if (!targetScaling) return model;
  const unstandardise = fixedScaling(freeName(UNSTANDARDISE_LAYER, usedNames), [targetScaling.std], [targetScaling.mean]);
  const outputs = unstandardise.layer.apply(model.outputs[0]) as tfl.SymbolicTensor;
  unstandardise.setWeights();
  return tfl.model({ inputs: model.inputs, outputs, name: model.name });
}

/**
 * Trains the genome with `evaluateCandidate` and saves the model as it is scored: after its
 * last epoch, or its best one under `keepBestEpoch`. Rejects when training diverged, because
 * the weights would be worthless.
 */
export async function trainModelFiles(
  genome: Genome,
  dataset: Dataset,
  settings: TrainingSettings,
  seed: number,
  options: ExportOptions,
): Promise<{ files: ModelFiles; metrics: EvaluationMetrics; standardisesInputs: boolean }> {
  let files: ModelFiles | null = null;
  const metrics = await evaluateCandidate(genome, dataset, settings, seed, {
    ...options,
    onTrained: async (trained) => {
      const context = { inputShape: dataset.inputShape, outputUnits: dataset.outputUnits };
      const model = dataset.scaling || dataset.targetScaling ? inRawUnits(trained, genome, context, dataset) : trained;
      try {
        files = await modelFiles(options.probabilities && dataset.kind === 'classification' ? withProbabilities(model) : model);
      } finally {
        if (model !== trained) model.dispose();
      }
    },
  });
  if (metrics.diverged) throw new Error(`Training diverged (${metrics.diverged}), so there are no weights worth exporting. Lower the learning rate and export again.`);
  if (files === null) throw new Error(`Training stopped after ${metrics.epochs} of ${settings.epochs} epochs without saving the model.`);
  const standardisesInputs = dataset.scaling !== undefined && dataset.scaling.mean.length <= MAX_STANDARDISED_FEATURES;
  return { files, metrics, standardisesInputs };
}
