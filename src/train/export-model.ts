/**
 * Trained model files for download: trains a genome exactly as the search evaluated it
 * (same settings and seed, so on cpu and wasm the same weights and metrics) and writes the
 * TensorFlow.js layers format: a `model.json` and one weights file.
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Genome } from '../core/genome';
import type { Dataset } from '../data/types';
import { evaluateCandidate } from './evaluate';
import type { EvaluateOptions, EvaluationMetrics, TrainingSettings } from './types';

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
): Promise<{ files: ModelFiles; metrics: EvaluationMetrics }> {
  let files: ModelFiles | null = null;
  const metrics = await evaluateCandidate(genome, dataset, settings, seed, {
    ...options,
    onTrained: async (model) => {
      files = await modelFiles(options.probabilities && dataset.kind === 'classification' ? withProbabilities(model) : model);
    },
  });
  if (metrics.diverged) throw new Error(`Training diverged (${metrics.diverged}), so there are no weights worth exporting. Lower the learning rate and export again.`);
  if (files === null) throw new Error(`Training stopped after ${metrics.epochs} of ${settings.epochs} epochs without saving the model.`);
  return { files, metrics };
}
