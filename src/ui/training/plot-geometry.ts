/**
 * The arithmetic behind the prediction plot, apart from the canvas: axis ticks, the square
 * plot area, colours of the decision-boundary image and the points of a fitted curve.
 */

import type { Range } from '../../train/probe';

export type Rgb = readonly [number, number, number];

/** Class colours from the Okabe–Ito palette, which stays distinguishable with common colour blindness. */
export const CLASS_COLORS: readonly Rgb[] = [
  [0xe6, 0x9f, 0x00],
  [0x00, 0x72, 0xb2],
  [0x00, 0x9e, 0x73],
  [0xcc, 0x79, 0xa7],
  [0x56, 0xb4, 0xe9],
  [0xd5, 0x5e, 0x00],
  [0xf0, 0xe4, 0x42],
  [0x00, 0x00, 0x00],
];

/** Marker shapes per class, so classes differ by shape as well as colour. */
export const CLASS_MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
export type Marker = (typeof CLASS_MARKERS)[number];

export const classColor = (index: number): Rgb => CLASS_COLORS[index % CLASS_COLORS.length];
export const classMarker = (index: number): Marker => CLASS_MARKERS[index % CLASS_MARKERS.length];

/** Parses `#rgb` or `#rrggbb`; returns null for anything else. */
export function parseHexColor(text: string): Rgb | null {
  const hex = text.trim().replace(/^#/, '');
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return null;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as unknown as Rgb;
}

export const cssColor = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/**
 * Returns about `count` round tick values inside [min, max], spaced 1, 2 or 5 times a power
 * of ten: the step nearest the rough step on a log scale.
 */
export function niceTicks([min, max]: Range, count = 5): number[] {
  if (!(max > min) || count < 1) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / power;
  const factor = ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1;
  const step = factor * power;
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
    // Rounding to the step's decimals removes float noise such as 0.30000000000000004.
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    ticks.push(Number(value.toFixed(decimals)));
  }
  return ticks;
}

/** Maps `domain` onto `[start, end]` linearly; `end` may be below `start` (a y axis). */
export function linearScale([d0, d1]: Range, [start, end]: Range): (value: number) => number {
  const ratio = (end - start) / (d1 - d0);
  return (value) => start + (value - d0) * ratio;
}

export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly size: number;
}

/** Room for tick labels left of and below the plot, in CSS pixels. */
export const AXIS_MARGIN = { left: 38, bottom: 22, top: 8, right: 10 } as const;

/** Returns the largest square plot area that fits the canvas beside its axis labels, centred. */
export function squareArea(width: number, height: number): PlotArea {
  const size = Math.max(0, Math.min(width - AXIS_MARGIN.left - AXIS_MARGIN.right, height - AXIS_MARGIN.top - AXIS_MARGIN.bottom));
  const spare = width - AXIS_MARGIN.left - AXIS_MARGIN.right - size;
  return { left: AXIS_MARGIN.left + spare / 2, top: AXIS_MARGIN.top, size };
}

/**
 * Colours the decision-boundary image, one RGBA pixel per grid cell in the grid's row-major
 * order. Each cell mixes the class colours by their probabilities and fades towards the
 * background as the prediction becomes less certain, so the boundary shows as a pale band.
 */
export function boundaryPixels(probabilities: Float32Array, cells: number, classes: number, background: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(cells * 4);
  const chance = 1 / classes;

  for (let cell = 0; cell < cells; cell++) {
    const mixed = [0, 0, 0];
    let top = 0;
    for (let k = 0; k < classes; k++) {
      const p = probabilities[cell * classes + k];
      const color = classColor(k);
      for (let channel = 0; channel < 3; channel++) mixed[channel] += p * color[channel];
      top = Math.max(top, p);
    }

    const certainty = classes > 1 ? Math.min(1, Math.max(0, (top - chance) / (1 - chance))) : 1;
    const strength = 0.12 + 0.5 * certainty;
    for (let channel = 0; channel < 3; channel++) {
      pixels[cell * 4 + channel] = background[channel] * (1 - strength) + mixed[channel] * strength;
    }
    pixels[cell * 4 + 3] = 255;
  }
  return pixels;
}

/** Returns the points of a fitted 1D curve: probe inputs paired with the first output. */
export function curvePoints(inputs: Float32Array, outputs: Float32Array, outputUnits: number): { x: number; y: number }[] {
  return Array.from(inputs, (x, i) => ({ x, y: outputs[i * outputUnits] }));
}
