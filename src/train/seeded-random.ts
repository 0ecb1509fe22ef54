/**
 * Seeded `Math.random` for the synchronous tfjs calls that draw random numbers.
 *
 * tfjs 4.22 draws weight initialisation (glorot uniform, orthogonal, …) and dropout masks
 * from `Math.random` whenever no seed is given. Seeded initializers alone would not make a run
 * reproducible: tfjs-layers' Dropout with a fixed `seed` draws the same mask on every batch,
 * and every new registry record would have to pass seeds through. So each random-drawing tfjs
 * call (building a model, one training step) runs with `Math.random` replaced by a seeded
 * generator, and the original is restored before any other code can run.
 */

import type { Rng } from '../core/rng';

/**
 * Runs the synchronous `step` with `Math.random` drawing from `rng`, then restores it. The
 * step must not be async: other code would otherwise see the seeded generator while it waits.
 */
export function withSeededRandom<T>(rng: Rng, step: () => T): T {
  const original = Math.random;
  // NOTE: this swaps a global; it is safe only because the step is synchronous.
  Math.random = () => rng.float();
  try {
    const result = step();
    if (result instanceof Promise) {
      throw new TypeError('withSeededRandom needs a synchronous step, but the step returned a promise.');
    }
    return result;
  } finally {
    Math.random = original;
  }
}
