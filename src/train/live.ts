/**
 * Training one network live. It trains and scores like a search candidate, and it also
 * measures the training and validation splits after every epoch. Now and then it records
 * the network's predictions on a probe (the decision-boundary grid or a regression curve).
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Genome } from '../core/genome';
import type { Dataset, Split } from '../data/types';
import { rowSize, type TaskShape } from './batches';
import { evaluateCandidate } from './evaluate';
import { evaluateSplit, type SplitMetrics } from './metrics';
import { probeInputs, probeRows, probeWidth, type ProbeSpec } from './probe';
import { trainingRows } from './train';
import type { EvaluateOptions, EvaluationMetrics, TrainingSettings } from './types';

/**
 * Training rows measured after each epoch. On a large training split, measuring every row
 * would add roughly a third to the training time (an estimate from forward-pass costs).
 * The split is shuffled, so its first rows are a fair sample.
 */
export const TRAIN_SAMPLE_ROWS = 2048;
/** Default shortest gap between two probe predictions. The first and last epochs are always probed. */
const PROBE_INTERVAL_MS = 150;

/** Metrics of one completed epoch. */
export interface EpochRecord {
  readonly epoch: number;
  readonly epochs: number;
  /** Mean loss of the epoch's training batches, in training mode (dropout active). */
  readonly batchLoss: number;
  /** Measured in inference mode on the first `TRAIN_SAMPLE_ROWS` rows trained on. */
  readonly train: SplitMetrics;
  readonly validation: SplitMetrics;
  /** Milliseconds since training started. */
  readonly elapsedMs: number;
}

export interface EpochSnapshot {
  readonly record: EpochRecord;
  /**
   * Predictions on the probe, `probeRows(probe) × outputUnits` values row-major: softmax
   * class probabilities for classification, raw outputs for regression. Present only on
   * epochs that were probed.
   */
  readonly prediction?: Float32Array;
}

export interface LiveTrainingOptions extends EvaluateOptions {
  readonly probe?: ProbeSpec;
  /** Shortest gap between two probe predictions in milliseconds; 0 probes every epoch. */
  readonly probeIntervalMs?: number;
  onEpoch?(snapshot: EpochSnapshot): void;
}

/**
 * Trains and scores one genome like `evaluateCandidate` (same seeds, so the same batch
 * losses and final metrics on cpu and wasm), reporting a snapshot after every epoch.
 * Resolves with the final metrics, `diverged` set if the loss became NaN or infinite.
 */
export async function trainLive(
  genome: Genome,
  dataset: Dataset,
  settings: TrainingSettings,
  seed: number,
  options: LiveTrainingOptions = {},
): Promise<EvaluationMetrics> {
  const { probe, onEpoch } = options;
  if (probe) checkProbe(probe, dataset);
  const inputs = probe ? probeInputs(probe) : null;
  const sample = firstRows(dataset.train, dataset, Math.min(TRAIN_SAMPLE_ROWS, trainingRows(dataset.train, settings)));
  const interval = options.probeIntervalMs ?? PROBE_INTERVAL_MS;
  const started = performance.now();
  let lastProbe = -Infinity;

  // NOTE: the metrics' trainMs includes these per-epoch measurements.
  const onEpochEnd = async (model: tfl.LayersModel, epoch: number, batchLoss: number) => {
    const train = await evaluateSplit(model, sample, dataset);
    const validation = await evaluateSplit(model, dataset.validation, dataset);
    const record: EpochRecord = { epoch, epochs: settings.epochs, batchLoss, train, validation, elapsedMs: performance.now() - started };

    const due = epoch === 1 || epoch === settings.epochs || performance.now() - lastProbe >= interval;
    if (!probe || !inputs || !due) {
      onEpoch?.({ record });
      return;
    }
    const prediction = await predict(model, inputs, probe, dataset);
    lastProbe = performance.now();
    onEpoch?.({ record, prediction });
  };

  return evaluateCandidate(genome, dataset, settings, seed, { signal: options.signal, onProgress: options.onProgress, onEpochEnd });
}

/** Runs the model on the probe's inputs in inference mode; returns a fresh array the caller owns. */
export async function predict(model: tfl.LayersModel, inputs: Float32Array, probe: ProbeSpec, task: TaskShape): Promise<Float32Array> {
  const output = tf.tidy(() => {
    const x = tf.tensor(inputs, [probeRows(probe), ...task.inputShape]);
    const logits = model.apply(x, { training: false }) as tf.Tensor2D;
    return task.kind === 'classification' ? tf.softmax(logits) : logits;
  });
  try {
    // A copy, because the cpu backend may hand out its own storage, and callers transfer it.
    return ((await output.data()) as Float32Array).slice();
  } finally {
    output.dispose();
  }
}

function checkProbe(probe: ProbeSpec, dataset: Dataset): void {
  const width = rowSize(dataset);
  if (probeWidth(probe) !== width) {
    throw new Error(
      `A ${probe.kind} probe has ${probeWidth(probe)} input value(s) per point, but the task "${dataset.task}" takes ${width}. ` +
        'Use probeFor(dataset) to choose a probe that fits the task, or train without one.',
    );
  }
}

/** Returns the first `count` rows of a split as views of its arrays. */
function firstRows(split: Split, task: TaskShape, count: number): Split {
  const targetWidth = task.kind === 'classification' ? 1 : task.outputUnits;
  return { x: split.x.subarray(0, count * rowSize(task)), y: split.y.subarray(0, count * targetWidth), count };
}
