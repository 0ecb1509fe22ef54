/** Best (solid) and mean (dashed) fitness per generation of each population: accuracy in percent, or R² for regression. */

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { memo, useDeferredValue, useMemo } from 'react';
import type { GenerationSummary } from '../../core/strategy';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import { POPULATION_NAMES, generationRows, populationsPresent, type PopulationName } from './chart-data';
import { useApp } from '../store-context';
import { fitnessTickText, useRunTaskKind } from './score-text';

const POPULATION_LABELS: Record<PopulationName, string> = {
  networks: 'Networks',
  modules: 'Modules',
  blueprints: 'Blueprints',
};

const seriesColor = (name: PopulationName) => `var(--series-${name})`;
const NETWORKS_ONLY: readonly PopulationName[] = ['networks'];

/** Draws a deferred copy of `generations`, in the background like BestSoFarChart, and only when they change. */
export function GenerationChart({ generations }: { generations: readonly GenerationSummary[] }) {
  return <GenerationPlot generations={useDeferredValue(generations)} />;
}

const GenerationPlot = memo(function GenerationPlot({ generations }: { generations: readonly GenerationSummary[] }) {
  const kind = useRunTaskKind();
  const fitnessTick = (value: number) => fitnessTickText(kind, value);
  const rows = useMemo(() => generationRows(generations), [generations]);
  const present = useMemo(() => populationsPresent(generations), [generations]);
  // The lines exist before their first point: mounting a recharts line mid-search costs a long task.
  const coevolution = useApp((state) => state.config.search.strategy === 'coevolution');
  const populations = present.length > 0 ? present : coevolution ? POPULATION_NAMES : NETWORKS_ONLY;

  const legend: LegendEntry[] = [
    ...populations.map((name) => ({ label: POPULATION_LABELS[name], color: seriesColor(name) })),
    { label: 'solid: best, dashed: mean', color: 'var(--text-muted)', dashed: true },
  ];
  // Networks are drawn last, so their lines stay on top where populations coincide.
  const drawOrder = [...populations].reverse();

  return (
    <div className="chart" data-testid="generation-chart" data-points={rows.length}>
      <div className="chart__plot">
        {/* The empty chart is drawn from the start: recharts' first mount costs over 100 ms, which would otherwise land mid-search. */}
        {rows.length === 0 && <p className="chart__empty chart__empty--over">Fitness per generation appears when the first generation finishes.</p>}
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="generation" stroke="var(--text-muted)" tick={{ fontSize: 12 }} allowDecimals={false} label={{ value: 'generation', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
            <YAxis domain={[0, 100]} tickFormatter={fitnessTick} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
            <Tooltip formatter={(value) => fitnessTick(Number(value))} labelFormatter={(label) => `Generation ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
            {drawOrder.flatMap((name) => [
              <Line key={`${name}Mean`} dataKey={`${name}Mean`} name={`${POPULATION_LABELS[name]} mean`} stroke={seriesColor(name)} strokeDasharray="5 4" dot={false} isAnimationActive={false} />,
              <Line key={`${name}Best`} dataKey={`${name}Best`} name={`${POPULATION_LABELS[name]} best`} stroke={seriesColor(name)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />,
            ])}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {rows.length > 0 && <ChartLegend entries={legend} />}
    </div>
  );
});
