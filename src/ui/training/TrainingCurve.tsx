/** Loss, or accuracy (R² for regression), per epoch on the training and validation data. */

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskKind } from '../../data/types';
import { ChartLegend, type LegendEntry } from '../run/ChartLegend';
import { useApp } from '../store-context';
import { curveRows, type CurveMetric } from './training-text';

const LEGEND: LegendEntry[] = [
  { label: 'training', color: 'var(--series-networks)' },
  { label: 'validation', color: 'var(--series-modules)', mark: 'dashed' },
];

const percentTick = (value: number) => `${value}%`;

interface CurveLabels {
  readonly name: string;
  readonly caption: string;
  readonly domain: [number, number | 'auto'];
  /** True when values are percentages. */
  readonly percent: boolean;
}

function curveLabels(metric: CurveMetric, kind: TaskKind): CurveLabels {
  if (metric === 'loss') {
    const caption = kind === 'classification' ? 'cross-entropy' : 'mean squared error';
    return { name: 'Loss', caption, domain: [0, 'auto'], percent: false };
  }
  if (kind === 'classification') return { name: 'Accuracy', caption: 'per epoch', domain: [0, 100], percent: true };
  return { name: 'R²', caption: 'per epoch, clipped at 0', domain: [0, 1], percent: false };
}

function formatValue(value: unknown, percent: boolean): string {
  if (typeof value !== 'number') return '–';
  return percent ? `${value.toFixed(1)}%` : value.toFixed(4);
}

export function TrainingCurve({ metric }: { metric: CurveMetric }) {
  const epochs = useApp((state) => state.training.epochs);
  const total = useApp((state) => state.training.settings?.epochs ?? 1);
  const kind = useApp((state) => state.training.kind ?? 'classification');
  const rows = curveRows(epochs, metric, kind);

  const { name, caption, domain, percent } = curveLabels(metric, kind);

  return (
    <section className="run-view" aria-label={`${name} chart`}>
      <div className="run-view__bar">
        <h2 className="panel-title">{name}</h2>
        <span className="run-view__caption">{caption}</span>
      </div>
      <div className="run-view__body">
        {rows.length === 0 ? (
          <p className="chart__empty">Training and validation {name.toLowerCase()} appear after the first epoch.</p>
        ) : (
          <div className="chart" data-testid={`${metric}-chart`} data-points={rows.length}>
            <div className="chart__plot">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
                  <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
                  <XAxis dataKey="epoch" type="number" domain={[1, Math.max(2, total)]} allowDecimals={false} stroke="var(--text-muted)" tick={{ fontSize: 12 }} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
                  <YAxis domain={domain} tickFormatter={percent ? percentTick : undefined} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
                  <Tooltip formatter={(value) => formatValue(value, percent)} labelFormatter={(label) => `Epoch ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
                  <Line dataKey="train" name="training" stroke="var(--series-networks)" strokeWidth={2} dot={false} isAnimationActive={false} />
                  <Line dataKey="validation" name="validation" stroke="var(--series-modules)" strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <ChartLegend entries={LEGEND} />
          </div>
        )}
      </div>
    </section>
  );
}
