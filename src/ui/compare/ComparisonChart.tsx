/**
 * Best-so-far fitness against the number of evaluations, one colour per series: the mean
 * over seeds as a line and the min–max over seeds as a band, with the exhaustive optimum as
 * a dashed horizontal line when it is known. The fitness axis starts just below the lowest
 * of them (fitnessAxisDomain).
 */

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend, type LegendEntry } from '../run/ChartLegend';
import { zoomedFitnessTicks } from '../run/chart-data';
import { seriesColor } from '../evolution/series-colors';
import { fitnessAxisDomain, type OptimumLevel, type SeriesCurves, type SpreadRow } from './comparison-data';

interface ComparisonChartProps {
  readonly series: readonly SeriesCurves[];
  readonly rows: readonly SpreadRow[];
  readonly optimum: OptimumLevel | null;
  /** Formats a fitness for the axis and the tooltip: percent for accuracy, a decimal for R². */
  format(value: number): string;
  readonly seeds: number;
}

/** Returns the index of the last row where the series has a mean, or -1 when it has none. */
function lastPointIndex(rows: readonly SpreadRow[], id: string): number {
  for (let index = rows.length - 1; index >= 0; index--) {
    if (typeof rows[index][id] === 'number') return index;
  }
  return -1;
}

/**
 * Returns the dot drawn at a series' last point. A step line keeps each value until the next
 * evaluation, so without it the final best would show only as a rise at the right edge.
 */
function endDot(last: number, color: string) {
  function EndDot(props: { cx?: number; cy?: number; index?: number }) {
    if (props.index !== last || props.cx === undefined || props.cy === undefined) return <g />;
    return <circle cx={props.cx} cy={props.cy} r={4} fill={color} stroke="var(--surface)" strokeWidth={1.5} />;
  }
  return EndDot;
}

/**
 * Every other series is dashed, so that two strategies whose curves coincide (one seed and a
 * small budget can give the same runs) both stay visible, the dashed one over the solid one.
 */
const dashedSeries = (index: number) => index % 2 === 1;
const SERIES_DASH = '7 4';

export function ComparisonChart({ series, rows, optimum, format, seeds }: ComparisonChartProps) {
  const drawn = series.filter((entry) => entry.curves.length > 0);
  if (rows.length === 0) {
    return <p className="chart__empty">Each strategy&apos;s best fitness so far appears here against the architectures it has trained.</p>;
  }
  const legend: LegendEntry[] = [
    ...drawn.map((entry) => ({ label: entry.label, color: seriesColor(entry.index), mark: dashedSeries(entry.index) ? ('dashed' as const) : undefined })),
    ...(optimum ? [{ label: `Exhaustive optimum ${format(optimum.mean)}`, color: 'var(--text)', mark: 'dashed' as const }] : []),
    ...(seeds > 1 ? [{ label: `band: min–max over ${seeds} seeds`, color: 'var(--text-muted)' }] : []),
  ];
  const fitnessDomain = fitnessAxisDomain(rows, optimum);

  return (
    <div className="chart" data-testid="comparison-chart" data-series={drawn.length} data-optimum={optimum ? optimum.mean.toFixed(4) : ''} data-points={rows.length}>
      <div className="chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows as SpreadRow[]} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="evaluations" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="var(--text-muted)" tick={{ fontSize: 12 }} label={{ value: 'architectures trained', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
            <YAxis domain={fitnessDomain} ticks={zoomedFitnessTicks(fitnessDomain)} tickFormatter={format} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={48} />
            <Tooltip
              labelFormatter={(label) => `After ${label} architectures`}
              formatter={(value) => (Array.isArray(value) ? `${format(Number(value[0]))} – ${format(Number(value[1]))}` : format(Number(value)))}
              contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }}
            />
            {seeds > 1 &&
              drawn.map((entry) => (
                <Area key={`${entry.id}Band`} dataKey={`${entry.id}Band`} name={`${entry.label} min–max`} stroke="none" fill={seriesColor(entry.index)} fillOpacity={0.16} type="stepAfter" isAnimationActive={false} />
              ))}
            {drawn.map((entry) => (
              <Line
                key={entry.id}
                dataKey={entry.id}
                name={`${entry.label} mean`}
                type="stepAfter"
                stroke={seriesColor(entry.index)}
                strokeDasharray={dashedSeries(entry.index) ? SERIES_DASH : undefined}
                strokeWidth={2}
                dot={endDot(lastPointIndex(rows, entry.id), seriesColor(entry.index))}
                isAnimationActive={false}
              />
            ))}
            {optimum && <ReferenceLine y={optimum.mean} stroke="var(--text)" strokeDasharray="6 4" strokeWidth={1.5} ifOverflow="extendDomain" />}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend entries={legend} />
    </div>
  );
}
