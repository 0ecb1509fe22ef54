/**
 * Best (solid) and mean (dashed) fitness per generation of each population: accuracy in
 * percent, or R² for regression. Hollow points show the networks' best and mean so far in
 * the unfinished generation, so the chart moves with each result and not only once a
 * generation. Drawn as plain SVG rather than with recharts: this chart updates throughout a
 * search, and recharts re-rendered it from its internal store in one main-thread task of 60
 * to 100 ms.
 */

import { memo, useCallback, useDeferredValue, useMemo, useRef } from 'react';
import type { GenerationSummary } from '../../core/strategy';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import { linearScale, niceTicks } from '../training/plot-geometry';
import { countRender } from '../editor/dev-hooks';
import { useElementSize } from '../training/use-element-size';
import { useApp } from '../store-context';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import {
  POPULATION_NAMES,
  generationRows,
  partialGeneration,
  populationsPresent,
  type GenerationRow,
  type PartialGeneration,
  type PopulationName,
} from './chart-data';
import { fitnessTickText, useRunTaskKind } from './score-text';
import { selectShownStrategy } from './run-texts';

const POPULATION_LABELS: Record<PopulationName, string> = {
  networks: 'Networks',
  modules: 'Modules',
  blueprints: 'Blueprints',
};

const seriesColor = (name: PopulationName) => `var(--series-${name})`;
const NETWORKS_ONLY: readonly PopulationName[] = ['networks'];
/** Space for the axes' tick labels around the plot, in CSS pixels. */
const MARGIN = { top: 8, right: 12, bottom: 30, left: 44 } as const;
const Y_TICKS = [0, 25, 50, 75, 100];

interface GenerationChartProps {
  readonly generations: readonly GenerationSummary[];
  readonly evaluations: readonly EvaluatedCandidate[];
  /** Number of the last generation the run started; drawn as unfinished until it has a summary. */
  readonly generation: number;
  /** The strategy's name for a generation: `batch` for the exhaustive search, which trains batches of chains. */
  readonly unit: StepUnit;
}

export type StepUnit = 'generation' | 'batch';

const capitalised = (unit: StepUnit) => (unit === 'batch' ? 'Batch' : 'Generation');

/** Draws deferred copies of the run's results, in the background like BestSoFarChart, and only when they change. */
export function GenerationChart({ generations, evaluations, generation, unit }: GenerationChartProps) {
  return <GenerationPlot generations={useDeferredValue(generations)} evaluations={useDeferredValue(evaluations)} generation={useDeferredValue(generation)} unit={unit} />;
}

const GenerationPlot = memo(function GenerationPlot({ generations, evaluations, generation, unit }: GenerationChartProps) {
  const kind = useRunTaskKind();
  const rows = useMemo(() => generationRows(generations), [generations]);
  const partial = useMemo(() => partialGeneration(generations, evaluations, generation), [generations, evaluations, generation]);
  const present = useMemo(() => populationsPresent(generations), [generations]);
  // Before the first generation, the legend and lines follow the strategy: coevolution has three populations.
  const coevolution = useApp((state) => selectShownStrategy(state) === 'coevolution');
  const expected = coevolution ? POPULATION_NAMES : NETWORKS_ONLY;
  const populations = present.length > 0 ? present : expected;
  const plot = useRef<HTMLDivElement>(null);
  const size = useElementSize(plot);
  // Stable, so that the finished generations' series skip rendering when only the unfinished one changes.
  const tickText = useCallback((value: number) => fitnessTickText(kind, value), [kind]);

  const legend: LegendEntry[] = [
    ...populations.map((name) => ({ label: POPULATION_LABELS[name], color: seriesColor(name) })),
    { label: 'solid: best, dashed: mean', color: 'var(--text-muted)', mark: 'dashed' },
    ...(partial ? [{ label: `hollow: unfinished ${unit}`, color: 'var(--text-muted)', mark: 'hollow' as const }] : []),
  ];

  return (
    <div className="chart" data-testid="generation-chart" data-points={rows.length} data-partial-count={partial?.count ?? 0}>
      <div className="chart__plot" ref={plot}>
        {rows.length === 0 && partial === null && (
          <p className="chart__empty chart__empty--over">
            {evaluations.length > 0
              ? 'These results came without their generations, as a share link carries only the best networks. Replay or start a search to draw them.'
              : `Fitness per ${unit} appears with the first evaluated network.`}
          </p>
        )}
        {size.width > MARGIN.left + MARGIN.right && size.height > MARGIN.top + MARGIN.bottom && (
          <GenerationSvg
            rows={rows}
            partial={partial}
            populations={populations}
            width={size.width}
            height={size.height}
            tickText={tickText}
            unit={unit}
          />
        )}
      </div>
      {(rows.length > 0 || partial !== null) && <ChartLegend entries={legend} />}
    </div>
  );
});

interface GenerationSvgProps {
  readonly rows: readonly GenerationRow[];
  readonly partial: PartialGeneration | null;
  readonly populations: readonly PopulationName[];
  readonly width: number;
  readonly height: number;
  readonly tickText: (value: number) => string;
  readonly unit: StepUnit;
}

/** Writes the tooltip of a best-fitness point: its generation (or batch), population, best and mean. */
function pointTitle(row: GenerationRow, name: PopulationName, tickText: (value: number) => string, unit: StepUnit): string {
  const mean = row[`${name}Mean`];
  return `${capitalised(unit)} ${row.generation} · ${POPULATION_LABELS[name]} best ${tickText(row[`${name}Best`]!)}${mean === undefined ? '' : `, mean ${tickText(mean)}`}`;
}

function GenerationSvg({ rows, partial, populations, width, height, tickText, unit }: GenerationSvgProps) {
  const first = rows[0]?.generation ?? partial?.row.generation ?? 0;
  const last = Math.max(first + 1, partial?.row.generation ?? rows.at(-1)?.generation ?? 1);
  const x = linearScale([first, last], [MARGIN.left, width - MARGIN.right]);
  const y = linearScale([0, 100], [height - MARGIN.bottom, MARGIN.top]);
  const xTicks = niceTicks([first, last], Math.max(2, Math.floor(width / 80))).filter(Number.isInteger);

  return (
    <svg className="chart__svg" width={width} height={height} role="img" aria-label={`Fitness per ${unit}`}>
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
        <text className="chart__tick" stroke="none" x={width - MARGIN.right} y={height - 1} textAnchor="end">
          {unit}
        </text>
      </g>
      <FinishedSeries rows={rows} populations={populations} first={first} last={last} width={width} height={height} tickText={tickText} unit={unit} />
      {partial && <PartialPoint partial={partial} previous={rows.findLast((row) => row.networksBest !== undefined)} x={x} y={y} tickText={tickText} unit={unit} />}
    </svg>
  );
}

interface FinishedSeriesProps {
  readonly rows: readonly GenerationRow[];
  readonly populations: readonly PopulationName[];
  readonly first: number;
  readonly last: number;
  readonly width: number;
  readonly height: number;
  readonly tickText: (value: number) => string;
  readonly unit: StepUnit;
}

/** Draws the lines and points of the finished generations; it renders again only when they or the axes change. */
const FinishedSeries = memo(function FinishedSeries({ rows, populations, first, last, width, height, tickText, unit }: FinishedSeriesProps) {
  countRender('generation-chart:finished-series');
  const x = linearScale([first, last], [MARGIN.left, width - MARGIN.right]);
  const y = linearScale([0, 100], [height - MARGIN.bottom, MARGIN.top]);
  // Networks are drawn last, so their lines stay on top where populations coincide.
  const drawOrder = [...populations].reverse();

  const path = (key: keyof GenerationRow) =>
    rows
      .filter((row) => row[key] !== undefined)
      .map((row, i) => `${i === 0 ? 'M' : 'L'}${x(row.generation).toFixed(1)},${y(row[key]!).toFixed(1)}`)
      .join('');

  return (
    <>
      {drawOrder.map((name) => (
        <g key={name} className="chart__series" stroke={seriesColor(name)} fill="none">
          <path d={path(`${name}Mean`)} strokeDasharray="5 4" />
          <path d={path(`${name}Best`)} strokeWidth={2} />
          {rows.map((row) =>
            row[`${name}Best`] === undefined ? null : (
              <circle key={row.generation} cx={x(row.generation)} cy={y(row[`${name}Best`]!)} r={3} fill={seriesColor(name)}>
                <title>{pointTitle(row, name, tickText, unit)}</title>
              </circle>
            ),
          )}
        </g>
      ))}
    </>
  );
});

interface PartialPointProps {
  readonly partial: PartialGeneration;
  /** The last finished generation with a networks point, which the dotted line starts from. */
  readonly previous: GenerationRow | undefined;
  readonly x: (value: number) => number;
  readonly y: (value: number) => number;
  readonly tickText: (value: number) => string;
  readonly unit: StepUnit;
}

/** Draws the networks' best and mean so far in an unfinished generation: hollow points, dotted from the last finished ones. */
function PartialPoint({ partial, previous, x, y, tickText, unit }: PartialPointProps) {
  const { generation, networksBest, networksMean } = partial.row;
  const cx = x(generation);
  const cy = y(networksBest!);
  const networks = `${partial.count} network${partial.count === 1 ? '' : 's'}`;
  return (
    <g className="chart__series chart__series--partial" stroke={seriesColor('networks')} data-testid="generation-in-progress">
      {previous && (
        <>
          <path d={`M${x(previous.generation).toFixed(1)},${y(previous.networksBest!).toFixed(1)}L${cx.toFixed(1)},${cy.toFixed(1)}`} strokeDasharray="2 3" fill="none" />
          <path d={`M${x(previous.generation).toFixed(1)},${y(previous.networksMean!).toFixed(1)}L${cx.toFixed(1)},${y(networksMean!).toFixed(1)}`} strokeDasharray="2 3" fill="none" />
        </>
      )}
      <circle cx={cx} cy={y(networksMean!)} r={2.5} fill="var(--surface)" />
      <circle cx={cx} cy={cy} r={4} fill="var(--surface)" strokeWidth={2}>
        <title>{`${capitalised(unit)} ${generation}, unfinished · Networks best ${tickText(networksBest!)}, mean ${tickText(networksMean!)} over ${networks} so far`}</title>
      </circle>
    </g>
  );
}
