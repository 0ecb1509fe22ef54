/**
 * Fitness against parameter count for every trained candidate, with the Pareto front (no
 * other candidate is both smaller and fitter) drawn as a staircase. It updates as results
 * arrive; click a point to open that candidate in the editor.
 */

import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import { formatCount } from '../format';
import { useActions } from '../store-context';
import { ChartLegend } from './ChartLegend';
import { parameterAxis, paretoRows, type ParetoRow } from './pareto-data';
import { fitnessTickText, useRunTaskKind } from './score-text';

export function ParetoChart({ evaluations }: { evaluations: readonly EvaluatedCandidate[] }) {
  const kind = useRunTaskKind();
  const fitnessTick = (value: number) => fitnessTickText(kind, value);
  const { openNetwork } = useActions();
  const { points, front } = paretoRows(evaluations);

  if (points.length === 0) {
    return <p className="chart__empty">Each trained candidate appears here by its parameter count and fitness.</p>;
  }

  const open = (row: ParetoRow) => {
    const found = evaluations.find((result) => result.candidate.id === row.candidateId);
    if (found) openNetwork(found.candidate.genome, found.candidate.id);
  };
  const others = points.filter((point) => !point.onFront);
  const axis = parameterAxis(points.map((point) => point.params));

  return (
    <div className="chart" data-testid="pareto-chart" data-points={points.length} data-front={front.length}>
      <div className="chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          {/* The right margin holds half of the last tick label, which is centred on the axis end. */}
          <ScatterChart margin={{ top: 8, right: 22, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="params" type="number" scale="log" domain={axis.domain} ticks={axis.ticks} interval={0} allowDataOverflow tickFormatter={formatCount} stroke="var(--text-muted)" tick={{ fontSize: 12 }} label={{ value: 'parameters (log)', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: 'var(--text-muted)' }} />
            <YAxis dataKey="fitness" type="number" domain={[0, 100]} tickFormatter={fitnessTick} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }}
              formatter={(value, name) => (name === 'params' ? `${formatCount(Number(value))} params` : fitnessTick(Number(value)))}
            />
            <Scatter name="Candidate" data={others} fill="var(--series-candidate)" isAnimationActive={false} onClick={(row) => open(row as unknown as ParetoRow)} />
            <Scatter name="Pareto front" data={front} fill="var(--series-best)" line={{ stroke: 'var(--series-best)', strokeWidth: 2 }} lineJointType="stepAfter" isAnimationActive={false} onClick={(row) => open(row as unknown as ParetoRow)} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        entries={[
          { label: `Pareto front (${front.length})`, color: 'var(--series-best)' },
          { label: 'Other candidates', color: 'var(--series-candidate)' },
        ]}
      />
    </div>
  );
}
