/**
 * Keeps the weights of a model's best epoch by validation fitness, so that a long training
 * run is scored as it stood at its best rather than after its last epoch, as Keras's
 * `EarlyStopping(restore_best_weights=True)` does.
 */

import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export class BestEpoch {
  private weights: tf.Tensor[] | null = null;
  private fitness = Number.NEGATIVE_INFINITY;
  /** The epoch whose weights are kept, from 1; 0 before the first offer. */
  epoch = 0;

  constructor(private readonly model: tfl.LayersModel) {}

  /** Records the validation fitness of `epoch`; copies the weights when it beats every earlier epoch. */
  offer(epoch: number, fitness: number): void {
    if (!(fitness > this.fitness)) return;
    this.fitness = fitness;
    this.epoch = epoch;
    this.dispose();
    this.weights = this.model.getWeights().map((weight) => weight.clone());
  }

  /** Puts the kept weights back into the model unless it ended on them, and frees the copy. */
  restore(lastEpoch: number): void {
    if (this.weights && this.epoch !== lastEpoch) this.model.setWeights(this.weights);
    this.dispose();
  }

  dispose(): void {
    for (const weight of this.weights ?? []) weight.dispose();
    this.weights = null;
  }
}
