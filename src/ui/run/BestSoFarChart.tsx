/**
 * Fitness (accuracy in percent, or R² for regression) against the number of evaluations. Each
 * evaluated candidate is a dot, a failed one a cross at 0, and a step line follows the best
 * fitness so far.
 */

import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import { memo, useDeferredValue, useMemo } from 'react';
import { evaluationRows, thinRows } from './chart-data';
import { fitnessTickText, useRunTaskKind } from './score-text';

/**
 * Draws a deferred copy of `evaluations`: React renders the new plot in the background in
 * slices, so a burst of results cannot hold the main thread, and skips it while they are
 * unchanged.
 */
export function BestSoFarChart({ evaluations }: { evaluations: readonly EvaluatedCandidate[] }) {
  return <BestSoFarPlot evaluations={useDeferredValue(evaluations)} />;
}

const BestSoFarPlot = memo(function BestSoFarPlot({ evaluations }: { evaluations: readonly EvaluatedCandidate[] }) {
  const kind = useRunTaskKind();
  const fitnessTick = (value: number) => fitnessTickText(kind, value);
  const allRows = useMemo(() => evaluationRows(evaluations), [evaluations]);
  const rows = useMemo(() => thinRows(allRows), [allRows]);
  const succeeded = rows.filter((row) => !row.failed);
  const failed = rows.filter((row) => row.failed);

  if (rows.length === 0) {
    return <p className="chart__empty">The best fitness so far appears when the first candidate is evaluated.</p>;
  }

  const legend: LegendEntry[] = [
    { label: 'Best so far', color: 'var(--series-best)' },
    { label: 'Candidate', color: 'var(--series-candidate)' },
    ...(failed.length > 0 ? [{ label: 'Failed or diverged (×)', color: 'var(--series-failed)' }] : []),
  ];

  return (
    <div className="chart" data-testid="best-so-far-chart" data-points={allRows.length}>
      <div className="chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="evaluation" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="var(--text-muted)" tick={{ fontSize: 12 }} label={{ value: 'evaluations', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
            <YAxis domain={[0, 100]} tickFormatter={fitnessTick} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
            <Tooltip formatter={(value) => fitnessTick(Number(value))} labelFormatter={(label) => `Evaluation ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
            <Scatter data={succeeded} dataKey="fitness" name="Candidate" fill="var(--series-candidate)" isAnimationActive={false} />
            {failed.length > 0 && <Scatter data={failed} dataKey="fitness" name="Failed or diverged" fill="var(--series-failed)" shape="cross" isAnimationActive={false} />}
            <Line dataKey="bestSoFar" name="Best so far" type="stepAfter" stroke="var(--series-best)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend entries={legend} />
    </div>
  );
});
