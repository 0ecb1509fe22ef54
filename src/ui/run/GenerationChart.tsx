/** Best (solid) and mean (dashed) fitness per generation of each population, in percent. */

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GenerationSummary } from '../../core/strategy';
import { generationRows, populationsPresent, type PopulationName } from './chart-data';

const POPULATION_LABELS: Record<PopulationName, string> = {
  networks: 'Networks',
  modules: 'Modules',
  blueprints: 'Blueprints',
};

const percentTick = (value: number) => `${value}%`;

export function GenerationChart({ generations }: { generations: readonly GenerationSummary[] }) {
  const rows = generationRows(generations);
  const populations = populationsPresent(generations);

  if (rows.length === 0) {
    return <p className="chart__empty">Fitness per generation appears when the first generation finishes.</p>;
  }

  return (
    <div className="chart" data-testid="generation-chart" data-points={rows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis dataKey="generation" stroke="var(--text-muted)" tick={{ fontSize: 12 }} allowDecimals={false} label={{ value: 'generation', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
          <YAxis domain={[0, 100]} tickFormatter={percentTick} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={(value) => `${value}%`} labelFormatter={(label) => `Generation ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {populations.flatMap((name) => [
            <Line key={`${name}Best`} dataKey={`${name}Best`} name={`${POPULATION_LABELS[name]} best`} stroke={`var(--series-${name})`} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />,
            <Line key={`${name}Mean`} dataKey={`${name}Mean`} name={`${POPULATION_LABELS[name]} mean`} stroke={`var(--series-${name})`} strokeDasharray="5 4" dot={false} isAnimationActive={false} />,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
