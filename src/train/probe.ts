/**
 * Probes: fixed sets of inputs on which a network in training is asked for its predictions,
 * so the page can draw what it has learnt. A grid over the plane of a 2D task shows the
 * decision boundary, and points along a line show the fitted curve of a 1D regression.
 *
 * Pure TypeScript without tfjs, so the page can import the geometry too.
 */

import type { Dataset, Split } from '../data/types';

/** A closed interval [min, max] with min < max. */
export type Range = readonly [number, number];

export type ProbeSpec =
  | {
      readonly kind: 'grid';
      readonly xRange: Range;
      readonly yRange: Range;
      /** Cells per side: the grid has resolution² points. */
      readonly resolution: number;
    }
  | {
      readonly kind: 'line';
      readonly xRange: Range;
      readonly points: number;
    };

/** Cells per side of the decision-boundary grid: 2,500 points, one forward pass of a small model. */
export const GRID_RESOLUTION = 50;
/** Points along the line of a 1D regression plot. */
export const LINE_POINTS = 200;
/** Margin added around the data on each side, as a fraction of the data's extent. */
const RANGE_PADDING = 0.1;

export function probeRows(spec: ProbeSpec): number {
  return spec.kind === 'grid' ? spec.resolution * spec.resolution : spec.points;
}

/** Width of one probe input row: 2 for a grid, 1 for a line. */
export function probeWidth(spec: ProbeSpec): number {
  return spec.kind === 'grid' ? 2 : 1;
}

/**
 * Lists the probe's input rows, row-major. A grid is in image order: row 0 is the top of the plot
 * (the largest y), each row runs from the smallest x to the largest, and every point is the
 * centre of its cell. A line runs from the smallest x to the largest, ends included.
 */
export function probeInputs(spec: ProbeSpec): Float32Array {
  if (spec.kind === 'line') {
    const [min, max] = spec.xRange;
    const step = spec.points > 1 ? (max - min) / (spec.points - 1) : 0;
    return Float32Array.from({ length: spec.points }, (_, i) => min + i * step);
  }

  const n = spec.resolution;
  const [xMin, xMax] = spec.xRange;
  const [yMin, yMax] = spec.yRange;
  const inputs = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    const y = yMax - ((row + 0.5) / n) * (yMax - yMin);
    for (let column = 0; column < n; column++) {
      const at = (row * n + column) * 2;
      inputs[at] = xMin + ((column + 0.5) / n) * (xMax - xMin);
      inputs[at + 1] = y;
    }
  }
  return inputs;
}

/**
 * Returns the range of every `stride`-th value of `values` from `offset`, widened by 10% of its
 * extent on each side. A range of equal values, or of no values, widens to ±1 around them.
 */
export function paddedRange(values: ArrayLike<number>, stride = 1, offset = 0): Range {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    const value = values[i];
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === Infinity) return [-1, 1];
  if (max - min === 0) return [min - 1, max + 1];
  const margin = (max - min) * RANGE_PADDING;
  return [min - margin, max + margin];
}

/**
 * Chooses the probe that draws what a network learns on this data set: a grid over the
 * training points of a classification task with two inputs, or a line across the training
 * inputs of a regression task with one input. Other tasks get none (null).
 */
export function probeFor(dataset: Pick<Dataset, 'kind' | 'inputShape'> & { readonly train: Split }): ProbeSpec | null {
  const { kind, inputShape, train } = dataset;
  if (kind === 'classification' && inputShape.length === 1 && inputShape[0] === 2) {
    return {
      kind: 'grid',
      xRange: paddedRange(train.x, 2, 0),
      yRange: paddedRange(train.x, 2, 1),
      resolution: GRID_RESOLUTION,
    };
  }
  if (kind === 'regression' && inputShape.length === 1 && inputShape[0] === 1) {
    return { kind: 'line', xRange: paddedRange(train.x), points: LINE_POINTS };
  }
  // NOTE: a 2D regression target could be drawn as a heat map of the predicted value on the
  // same grid. No such task exists yet, so it gets no probe.
  return null;
}
