/**
 * Paints the prediction plot on a canvas: the decision boundary of a 2D classification task
 * under its training points, or a 1D regression target with the network's fitted curve.
 */

import type { ProbePrediction, Standardisation, TrainingPlot } from '../../state/training-state';
import { paddedRange, probeInputs, type Range } from '../../train/probe';
import {
  boundaryPixels,
  classColor,
  classMarker,
  cssColor,
  curvePoints,
  linearScale,
  niceTicks,
  squareArea,
  type Marker,
  type PlotArea,
  type Rgb,
} from './plot-geometry';

/** Colours read from the theme's CSS variables. */
export interface PlotTheme {
  readonly background: Rgb;
  readonly text: string;
  readonly grid: string;
  readonly target: string;
  readonly fit: string;
}

export interface Axes {
  readonly area: PlotArea;
  /** The ranges shown, in the data's own units. */
  readonly xRange: Range;
  readonly yRange: Range;
  /** Pixel positions of values in the data's own units, as the ticks are. */
  readonly x: (value: number) => number;
  readonly y: (value: number) => number;
  /** Pixel positions of values as the network takes them, standardised where the data set standardised them. */
  readonly dataX: (value: number) => number;
  readonly dataY: (value: number) => number;
}

const MARKER_RADIUS = 3.2;

/** Paints the whole plot into a canvas of `width × height` CSS pixels. */
export function paintPlot(
  context: CanvasRenderingContext2D,
  size: { readonly width: number; readonly height: number },
  plot: TrainingPlot,
  prediction: ProbePrediction | null,
  theme: PlotTheme,
): void {
  context.clearRect(0, 0, size.width, size.height);
  const area = squareArea(size.width, size.height);
  if (area.size < 20) return;

  const inputs = plot.units?.inputs;
  if (plot.probe.kind === 'grid') {
    const axes = axesOf(area, plot.probe.xRange, plot.probe.yRange, inputs?.[0], inputs?.[1]);
    paintBoundary(context, axes, plot, prediction, theme);
    paintClassPoints(context, axes, plot);
    paintAxes(context, axes, theme);
    return;
  }

  // NOTE: the fitted curve can leave the targets' range early in training; it is clipped to the plot.
  const axes = axesOf(area, plot.probe.xRange, paddedRange(plot.points.y, plot.outputUnits, 0), inputs?.[0], plot.units?.target);
  context.fillStyle = cssColor(theme.background);
  context.fillRect(area.left, area.top, area.size, area.size);
  paintTargetPoints(context, axes, plot, theme);
  if (prediction) paintCurve(context, axes, plot, prediction, theme);
  paintAxes(context, axes, theme);
}

/** Returns a standardised value in the data's own units. */
const rawValue = (standardisation: Standardisation | undefined) => (value: number) =>
  standardisation ? value * standardisation.std + standardisation.mean : value;

/** Lays out axes over the ranges `xRange` and `yRange` of standardised values, labelled in raw units. */
export function axesOf(area: PlotArea, xRange: Range, yRange: Range, xUnits?: Standardisation, yUnits?: Standardisation): Axes {
  const toX = rawValue(xUnits);
  const toY = rawValue(yUnits);
  const shownX: Range = [toX(xRange[0]), toX(xRange[1])];
  const shownY: Range = [toY(yRange[0]), toY(yRange[1])];
  const x = linearScale(shownX, [area.left, area.left + area.size]);
  const y = linearScale(shownY, [area.top + area.size, area.top]);
  return { area, xRange: shownX, yRange: shownY, x, y, dataX: (value) => x(toX(value)), dataY: (value) => y(toY(value)) };
}

function paintBoundary(context: CanvasRenderingContext2D, axes: Axes, plot: TrainingPlot, prediction: ProbePrediction | null, theme: PlotTheme): void {
  const { area } = axes;
  if (!prediction || plot.probe.kind !== 'grid') {
    context.fillStyle = cssColor(theme.background);
    context.fillRect(area.left, area.top, area.size, area.size);
    return;
  }

  const cells = plot.probe.resolution;
  const image = new ImageData(boundaryPixels(prediction.values, cells * cells, plot.outputUnits, theme.background), cells, cells);
  const grid = document.createElement('canvas');
  grid.width = cells;
  grid.height = cells;
  grid.getContext('2d')!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(grid, area.left, area.top, area.size, area.size);
}

function paintClassPoints(context: CanvasRenderingContext2D, axes: Axes, plot: TrainingPlot): void {
  const { points } = plot;
  context.lineWidth = 1;
  context.strokeStyle = 'rgb(255 255 255 / 0.9)';
  for (let row = 0; row < points.count; row++) {
    const label = points.y[row];
    context.fillStyle = cssColor(classColor(label));
    traceMarker(context, classMarker(label), axes.dataX(points.x[2 * row]), axes.dataY(points.x[2 * row + 1]));
    context.fill();
    context.stroke();
  }
}

function paintTargetPoints(context: CanvasRenderingContext2D, axes: Axes, plot: TrainingPlot, theme: PlotTheme): void {
  const { points, outputUnits } = plot;
  context.fillStyle = theme.target;
  for (let row = 0; row < points.count; row++) {
    traceMarker(context, 'circle', axes.dataX(points.x[row]), axes.dataY(points.y[row * outputUnits]), 2.4);
    context.fill();
  }
}

function paintCurve(context: CanvasRenderingContext2D, axes: Axes, plot: TrainingPlot, prediction: ProbePrediction, theme: PlotTheme): void {
  const { area } = axes;
  const curve = curvePoints(probeInputs(plot.probe), prediction.values, plot.outputUnits);
  context.save();
  context.beginPath();
  context.rect(area.left, area.top, area.size, area.size);
  context.clip();
  context.beginPath();
  curve.forEach((point, i) => (i === 0 ? context.moveTo(axes.dataX(point.x), axes.dataY(point.y)) : context.lineTo(axes.dataX(point.x), axes.dataY(point.y))));
  context.strokeStyle = theme.fit;
  context.lineWidth = 2.5;
  context.stroke();
  context.restore();
}

/** Compact labels for values in the data's own units, which can run to millions ("10M"). */
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Writes a tick's value: as it is up to 10,000, compact beyond. */
export const tickText = (value: number) => (Math.abs(value) >= 10_000 ? COMPACT.format(value) : String(value));

function paintAxes(context: CanvasRenderingContext2D, axes: Axes, theme: PlotTheme): void {
  const { area } = axes;
  context.strokeStyle = theme.grid;
  context.lineWidth = 1;
  context.strokeRect(area.left + 0.5, area.top + 0.5, area.size - 1, area.size - 1);

  context.fillStyle = theme.text;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of niceTicks(axes.xRange)) {
    const x = axes.x(tick);
    context.fillRect(x, area.top + area.size, 1, 4);
    context.fillText(tickText(tick), x, area.top + area.size + 6);
  }
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of niceTicks(axes.yRange)) {
    const y = axes.y(tick);
    context.fillRect(area.left - 4, y, 4, 1);
    context.fillText(tickText(tick), area.left - 6, y);
  }
}

function traceMarker(context: CanvasRenderingContext2D, marker: Marker, x: number, y: number, radius = MARKER_RADIUS): void {
  context.beginPath();
  switch (marker) {
    case 'circle':
      context.arc(x, y, radius, 0, 2 * Math.PI);
      break;
    case 'square':
      context.rect(x - radius * 0.9, y - radius * 0.9, radius * 1.8, radius * 1.8);
      break;
    case 'triangle':
      context.moveTo(x, y - radius * 1.2);
      context.lineTo(x + radius * 1.1, y + radius * 0.8);
      context.lineTo(x - radius * 1.1, y + radius * 0.8);
      context.closePath();
      break;
    case 'diamond':
      context.moveTo(x, y - radius * 1.3);
      context.lineTo(x + radius * 1.1, y);
      context.lineTo(x, y + radius * 1.3);
      context.lineTo(x - radius * 1.1, y);
      context.closePath();
      break;
  }
}
