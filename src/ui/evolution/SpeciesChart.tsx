/** Members of each species of one population over the generations, as stacked areas. */

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GenerationSummary } from '../../core/strategy';
import { speciesStacks, type EvolvingPopulation } from './evolution-data';
import { seriesColor } from './series-colors';

const TITLES: Record<EvolvingPopulation, string> = { modules: 'Module species', blueprints: 'Blueprint species' };

export function SpeciesChart({ generations, population }: { generations: readonly GenerationSummary[]; population: EvolvingPopulation }) {
  const { rows, species } = speciesStacks(generations, population);
  return (
    <div className="evolution__chart" data-testid={`species-${population}`} data-species={species.length} data-points={rows.length}>
      <h3>
        {TITLES[population]} ({species.length})
      </h3>
      <div className="chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="generation" stroke="var(--text-muted)" tick={{ fontSize: 11 }} allowDecimals={false} />
            <YAxis stroke="var(--text-muted)" tick={{ fontSize: 11 }} width={32} allowDecimals={false} />
            <Tooltip labelFormatter={(label) => `Generation ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
            {species.map((id) => (
              <Area
                key={id}
                dataKey={`s${id}`}
                name={`Species ${id}`}
                stackId="species"
                type="monotone"
                stroke={seriesColor(id)}
                fill={seriesColor(id)}
                fillOpacity={0.55}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
