/**
 * Generators of the 1D regression targets: sin, step, sawtooth and polynomial. Inputs x are
 * uniform in [-1, 1) (input shape [1]) and each target lies in [-1, 1] before noise:
 *
 * - sin: sin(2πx), two periods;
 * - step: -1 for x < 0 and 1 from 0 on;
 * - sawtooth: 2·frac(x) - 1, one tooth per unit of x, so two teeth;
 * - polynomial: 4x³ - 3x, the Chebyshev polynomial T3.
 *
 * `noise` (0 to 0.5) is the standard deviation of Gaussian noise added to each target.
 */

import type { Rng } from '../core/rng';
import { checkNoise, checkSampleCount } from './generated-checks';
import type { Split } from './types';

export const REGRESSION_TASKS = ['sin', 'step', 'sawtooth', 'polynomial'] as const;
export type RegressionTaskId = (typeof REGRESSION_TASKS)[number];

export const REGRESSION_INPUT_SHAPE: readonly number[] = [1];
export const MIN_REGRESSION_SAMPLES = 20;
export const MAX_REGRESSION_SAMPLES = 20_000;
export const MAX_REGRESSION_NOISE = 0.5;

/** The noise-free target of each task. */
export const TARGETS: Readonly<Record<RegressionTaskId, (x: number) => number>> = {
  sin: (x) => Math.sin(2 * Math.PI * x),
  step: (x) => (x < 0 ? -1 : 1),
  sawtooth: (x) => 2 * (x - Math.floor(x)) - 1,
  polynomial: (x) => 4 * x ** 3 - 3 * x,
};

export function isRegressionTask(task: string): task is RegressionTaskId {
  return (REGRESSION_TASKS as readonly string[]).includes(task);
}

/** Generates `samples` points of a target, with Gaussian noise of standard deviation `noise`. */
export function generateRegressionSet(task: RegressionTaskId, samples: number, noise: number, rng: Rng): Split {
  checkSampleCount(task, samples, MIN_REGRESSION_SAMPLES, MAX_REGRESSION_SAMPLES);
  checkNoise(task, noise, MAX_REGRESSION_NOISE);
  const x = new Float32Array(samples);
  const y = new Float32Array(samples);
  for (let row = 0; row < samples; row++) {
    x[row] = 2 * rng.float() - 1;
    y[row] = TARGETS[task](x[row]) + noise * rng.normal();
  }
  return { x, y, count: samples };
}
