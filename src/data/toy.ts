/**
 * Generators of the 2D toy classification sets: spiral, circles, xor and gaussians.
 *
 * Each returns `samples` points in roughly [-1, 1]² with class indices 0 and 1, half of the
 * points in each class (the first class gets the extra point when `samples` is odd). Classes
 * alternate row by row, so any prefix of the rows is balanced too.
 *
 * `noise` (0 to 0.5) times a per-set `jitterScale` is the standard deviation of Gaussian
 * jitter added to each coordinate. The scales make the classes overlap heavily at 0.5, yet a
 * 1-nearest-neighbour classifier still beats a coin flip there on every set (the tests check
 * both). The gaussians set has two blobs, as in TensorFlow Playground, so that every toy set
 * is a binary task with the same output head.
 */

import type { Rng } from '../core/rng';
import { checkNoise, checkSampleCount } from './generated-checks';
import type { Split } from './types';

export const TOY_TASKS = ['spiral', 'circles', 'xor', 'gaussians'] as const;
export type ToyTaskId = (typeof TOY_TASKS)[number];

export const TOY_CLASSES = 2;
export const TOY_INPUT_SHAPE: readonly number[] = [2];
export const MAX_NOISE = 0.5;

/** Limits on `samples`: enough rows for a stratified 60/20/20 split, few enough for a tab. */
export const MIN_TOY_SAMPLES = 20;
export const MAX_TOY_SAMPLES = 20_000;

/** Draws one clean point of class `label` (before jitter) and returns its coordinates. */
type PointSampler = (label: number, rng: Rng) => readonly [number, number];

interface ToyShape {
  readonly sample: PointSampler;
  /** Jitter standard deviation per unit of `noise`. */
  readonly jitterScale: number;
}

const SPIRAL_TURNS = 1.75;
const CIRCLES_INNER_RADIUS = 0.5;
const CIRCLES_RING_RADII = [0.7, 1] as const;
/** Gap kept between the xor quadrants and the axes, so that noise 0 has a clear margin. */
const XOR_MARGIN = 0.05;
const GAUSSIAN_CENTRE = 0.4;
const GAUSSIAN_SPREAD = 0.15;

const SHAPES: Record<ToyTaskId, ToyShape> = {
  // Two arms of an Archimedean spiral, the second turned by half a revolution.
  spiral: {
    jitterScale: 0.25,
    sample: (label, rng) => {
      const radius = rng.float();
      const angle = radius * SPIRAL_TURNS * 2 * Math.PI + label * Math.PI;
      return [radius * Math.sin(angle), radius * Math.cos(angle)];
    },
  },
  // Class 0 fills a disk, class 1 the ring around it, with an empty band between.
  circles: {
    jitterScale: 0.5,
    sample: (label, rng) => {
      const [low, high] = label === 0 ? [0, CIRCLES_INNER_RADIUS] : CIRCLES_RING_RADII;
      const radius = low + (high - low) * rng.float();
      const angle = rng.float() * 2 * Math.PI;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    },
  },
  // Class 0 lies in the quadrants where x·y > 0, class 1 where x·y < 0.
  xor: {
    jitterScale: 0.5,
    sample: (label, rng) => {
      const x = XOR_MARGIN + (1 - XOR_MARGIN) * rng.float();
      const y = XOR_MARGIN + (1 - XOR_MARGIN) * rng.float();
      const signX = rng.chance(0.5) ? 1 : -1;
      const signY = label === 0 ? signX : -signX;
      return [signX * x, signY * y];
    },
  },
  // Class 0 is a round Gaussian blob around (0.4, 0.4), class 1 one around (-0.4, -0.4).
  gaussians: {
    jitterScale: 1,
    sample: (label, rng) => {
      const centre = label === 0 ? GAUSSIAN_CENTRE : -GAUSSIAN_CENTRE;
      return [centre + GAUSSIAN_SPREAD * rng.normal(), centre + GAUSSIAN_SPREAD * rng.normal()];
    },
  },
};

/** Generates one toy set: `samples` rows of two features and their class indices. */
export function generateToySet(task: ToyTaskId, samples: number, noise: number, rng: Rng): Split {
  checkSampleCount(task, samples, MIN_TOY_SAMPLES, MAX_TOY_SAMPLES);
  checkNoise(task, noise, MAX_NOISE);
  const shape = SHAPES[task];
  const jitter = noise * shape.jitterScale;
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);

  for (let row = 0; row < samples; row++) {
    const label = row % TOY_CLASSES;
    const [px, py] = shape.sample(label, rng);
    x[2 * row] = px + jitter * rng.normal();
    x[2 * row + 1] = py + jitter * rng.normal();
    y[row] = label;
  }
  return { x, y, count: samples };
}

export const spiral = (samples: number, noise: number, rng: Rng): Split =>
  generateToySet('spiral', samples, noise, rng);
export const circles = (samples: number, noise: number, rng: Rng): Split =>
  generateToySet('circles', samples, noise, rng);
export const xor = (samples: number, noise: number, rng: Rng): Split => generateToySet('xor', samples, noise, rng);
export const gaussians = (samples: number, noise: number, rng: Rng): Split =>
  generateToySet('gaussians', samples, noise, rng);

export function isToyTask(task: string): task is ToyTaskId {
  return (TOY_TASKS as readonly string[]).includes(task);
}
