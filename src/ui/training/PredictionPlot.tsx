/**
 * The predictions of the network in training over its input space, redrawn as they
 * arrive: the decision boundary under the training points of a 2D classification task, or
 * the fitted curve over the targets of a 1D regression task.
 */

import { useEffect, useRef } from 'react';
import { TASKS } from '../../data/tasks';
import type { TrainingPlot } from '../../state/training-state';
import { ChartLegend, type LegendEntry } from '../run/ChartLegend';
import { useApp } from '../store-context';
import { useTheme } from '../theme';
import { paintPlot, type PlotTheme } from './paint-plot';
import { classColor, cssColor, parseHexColor } from './plot-geometry';
import { useElementSize } from './use-element-size';

const WHITE = [255, 255, 255] as const;

/** Reads the plot's colours from the CSS variables in effect on `element`. */
function plotTheme(element: Element): PlotTheme {
  const style = getComputedStyle(element);
  const variable = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: parseHexColor(variable('--surface')) ?? WHITE,
    text: variable('--text-muted') || 'gray',
    grid: variable('--border') || 'gray',
    target: variable('--series-candidate') || 'steelblue',
    fit: variable('--series-best') || 'orangered',
  };
}

function legendOf(plot: TrainingPlot): LegendEntry[] {
  if (plot.kind === 'regression') {
    return [
      { label: 'training targets', color: 'var(--series-candidate)' },
      { label: 'network', color: 'var(--series-best)' },
    ];
  }
  return plot.classNames.map((name, index) => ({ label: name, color: cssColor(classColor(index)) }));
}

function PlotCanvas({ plot }: { plot: TrainingPlot }) {
  const prediction = useApp((state) => state.training.prediction);
  const { theme } = useTheme();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || size.width === 0 || size.height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(size.width * ratio);
    element.height = Math.round(size.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    paintPlot(context, size, plot, prediction, plotTheme(element));
  }, [plot, prediction, size, theme]);

  const what = plot.probe.kind === 'grid' ? 'Decision boundary' : 'Fitted curve';
  const when = prediction ? `after epoch ${prediction.epoch}` : 'before training';
  return (
    <div className="plot__box" ref={box}>
      <canvas
        ref={canvas}
        className="plot__canvas"
        role="img"
        aria-label={`${what} ${when}, over ${plot.points.count} training points`}
        data-testid="prediction-plot"
        data-epoch={prediction?.epoch ?? 0}
        style={{ width: size.width, height: size.height }}
      />
    </div>
  );
}

export function PredictionPlot() {
  const plot = useApp((state) => state.training.plot);
  const task = useApp((state) => state.training.task);
  let title = 'Decision boundary';
  if (plot?.probe.kind === 'line') title = 'Fitted curve';
  // A task that cannot be drawn gets a neutral title over the reason, not a plot's name.
  if (!plot && task !== null) title = 'Prediction plot';

  return (
    <section className="run-view" aria-label={title}>
      <div className="run-view__bar">
        <h2 className="panel-title">{title}</h2>
        {plot && (
          <span className="run-view__caption" data-testid="plot-axes">
            {plot.probe.kind === 'line' ? 'across: the input · up: the target and the prediction' : 'across: the first input · up: the second input'}
          </span>
        )}
      </div>
      <div className="run-view__body plot">
        {plot ? (
          <PlotCanvas plot={plot} />
        ) : (
          <p className="chart__empty">
            {task === null
              ? 'For 2D tasks, the decision boundary is drawn here over the training points as the network trains.'
              : `${TASKS[task].name} has inputs of shape [${TASKS[task].inputShape.join(', ')}], so it has no plot here: only tasks with two inputs (classification) or one input (regression) can be drawn on a plane.`}
          </p>
        )}
      </div>
      {plot && <ChartLegend entries={legendOf(plot)} />}
    </section>
  );
}
