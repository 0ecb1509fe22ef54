/**
 * Best (solid) and mean (dashed) fitness per generation of each population: accuracy in
 * percent, or R² for regression. Drawn as plain SVG rather than with recharts: this chart
 * updates throughout a search, and recharts re-rendered it from its internal store in one
 * main-thread task of 60 to 100 ms.
 */

import { memo, useDeferredValue, useMemo, useRef } from 'react';
import type { GenerationSummary } from '../../core/strategy';
import { linearScale, niceTicks } from '../training/plot-geometry';
import { useElementSize } from '../training/use-element-size';
import { useApp } from '../store-context';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import { POPULATION_NAMES, generationRows, populationsPresent, type GenerationRow, type PopulationName } from './chart-data';
import { fitnessTickText, useRunTaskKind } from './score-text';

const POPULATION_LABELS: Record<PopulationName, string> = {
  networks: 'Networks',
  modules: 'Modules',
  blueprints: 'Blueprints',
};

const seriesColor = (name: PopulationName) => `var(--series-${name})`;
const NETWORKS_ONLY: readonly PopulationName[] = ['networks'];
/** Space for the axes' tick labels around the plot, in CSS pixels. */
const MARGIN = { top: 8, right: 12, bottom: 24, left: 44 } as const;
const Y_TICKS = [0, 25, 50, 75, 100];

/** Draws a deferred copy of `generations`, in the background like BestSoFarChart, and only when they change. */
export function GenerationChart({ generations }: { generations: readonly GenerationSummary[] }) {
  return <GenerationPlot generations={useDeferredValue(generations)} />;
}

const GenerationPlot = memo(function GenerationPlot({ generations }: { generations: readonly GenerationSummary[] }) {
  const kind = useRunTaskKind();
  const rows = useMemo(() => generationRows(generations), [generations]);
  const present = useMemo(() => populationsPresent(generations), [generations]);
  // Before the first generation, the legend and lines follow the strategy: coevolution has three populations.
  const coevolution = useApp((state) => state.config.search.strategy === 'coevolution');
  const expected = coevolution ? POPULATION_NAMES : NETWORKS_ONLY;
  const populations = present.length > 0 ? present : expected;
  const plot = useRef<HTMLDivElement>(null);
  const size = useElementSize(plot);

  const legend: LegendEntry[] = [
    ...populations.map((name) => ({ label: POPULATION_LABELS[name], color: seriesColor(name) })),
    { label: 'solid: best, dashed: mean', color: 'var(--text-muted)', dashed: true },
  ];

  return (
    <div className="chart" data-testid="generation-chart" data-points={rows.length}>
      <div className="chart__plot" ref={plot}>
        {rows.length === 0 && <p className="chart__empty chart__empty--over">Fitness per generation appears when the first generation finishes.</p>}
        {size.width > MARGIN.left + MARGIN.right && size.height > MARGIN.top + MARGIN.bottom && (
          <GenerationSvg rows={rows} populations={populations} width={size.width} height={size.height} tickText={(value) => fitnessTickText(kind, value)} />
        )}
      </div>
      {rows.length > 0 && <ChartLegend entries={legend} />}
    </div>
  );
});

interface GenerationSvgProps {
  readonly rows: readonly GenerationRow[];
  readonly populations: readonly PopulationName[];
  readonly width: number;
  readonly height: number;
  readonly tickText: (value: number) => string;
}

/** Writes the tooltip of a best-fitness point: its generation, population, best and mean. */
function pointTitle(row: GenerationRow, name: PopulationName, tickText: (value: number) => string): string {
  const mean = row[`${name}Mean`];
  return `Generation ${row.generation} · ${POPULATION_LABELS[name]} best ${tickText(row[`${name}Best`]!)}${mean === undefined ? '' : `, mean ${tickText(mean)}`}`;
}

function GenerationSvg({ rows, populations, width, height, tickText }: GenerationSvgProps) {
  const first = rows[0]?.generation ?? 0;
  const last = Math.max(first + 1, rows.at(-1)?.generation ?? 1);
  const x = linearScale([first, last], [MARGIN.left, width - MARGIN.right]);
  const y = linearScale([0, 100], [height - MARGIN.bottom, MARGIN.top]);
  const xTicks = niceTicks([first, last], Math.max(2, Math.floor(width / 80))).filter(Number.isInteger);
  // Networks are drawn last, so their lines stay on top where populations coincide.
  const drawOrder = [...populations].reverse();

  const path = (key: keyof GenerationRow) =>
    rows
      .filter((row) => row[key] !== undefined)
      .map((row, i) => `${i === 0 ? 'M' : 'L'}${x(row.generation).toFixed(1)},${y(row[key]!).toFixed(1)}`)
      .join('');

  return (
    <svg className="chart__svg" width={width} height={height} role="img" aria-label="Fitness per generation">
      {/* Colours are attributes, not style-sheet rules, so that an SVG export keeps them (see standaloneSvg). */}
      <g className="chart__grid" stroke="var(--grid)" strokeDasharray="3 3">
        {Y_TICKS.map((tick) => (
          <line key={`y${tick}`} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
        ))}
        {xTicks.map((tick) => (
          <line key={`x${tick}`} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
        ))}
      </g>
      <g className="chart__axis" stroke="var(--text-muted)" fill="var(--text-muted)" fontSize={12}>
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={height - MARGIN.bottom} />
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={height - MARGIN.bottom} y2={height - MARGIN.bottom} />
        {Y_TICKS.map((tick) => (
          <text key={`y${tick}`} className="chart__tick chart__tick--y" stroke="none" x={MARGIN.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
            {tickText(tick)}
          </text>
        ))}
        {xTicks.map((tick) => (
          <text key={`x${tick}`} className="chart__tick chart__tick--x" stroke="none" x={x(tick)} y={height - MARGIN.bottom + 14} textAnchor="middle">
            {tick}
          </text>
        ))}
        <text className="chart__tick" stroke="none" x={width - MARGIN.right} y={height - 2} textAnchor="end">
          generation
        </text>
      </g>
      {drawOrder.map((name) => (
        <g key={name} className="chart__series" stroke={seriesColor(name)} fill="none">
          <path d={path(`${name}Mean`)} strokeDasharray="5 4" />
          <path d={path(`${name}Best`)} strokeWidth={2} />
          {rows.map((row) =>
            row[`${name}Best`] === undefined ? null : (
              <circle key={row.generation} cx={x(row.generation)} cy={y(row[`${name}Best`]!)} r={3} fill={seriesColor(name)}>
                <title>{pointTitle(row, name, tickText)}</title>
              </circle>
            ),
          )}
        </g>
      ))}
    </svg>
  );
}
