/**
 * Keeps the weights of a model's best epoch by validation fitness, so that a long training
 * run is scored as it stood at its best rather than after its last epoch, as Keras's
 * `EarlyStopping(restore_best_weights=True)` does. Among epochs of equal fitness, the one
 * with the lowest validation loss counts. On a small validation split, accuracy can reach
 * its peak early and stay there while the loss keeps falling, so the first epoch at the peak
 * is often not the best fitted one.
 */

import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export class BestEpoch {
  private weights: tf.Tensor[] | null = null;
  private fitness = Number.NEGATIVE_INFINITY;
  private loss = Number.POSITIVE_INFINITY;
  /** The epoch whose weights are kept, from 1; 0 before the first offer. */
  epoch = 0;

  constructor(private readonly model: tfl.LayersModel) {}

  /**
   * Records the validation fitness and loss of `epoch`; copies the weights when it beats every
   * earlier epoch, on fitness first and loss second. A loss that is not a number never wins a tie.
   */
  offer(epoch: number, fitness: number, loss: number): void {
    const better = fitness > this.fitness || (fitness === this.fitness && loss < this.loss);
    if (!better) return;
    this.fitness = fitness;
    this.loss = loss;
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
