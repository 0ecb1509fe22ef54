/** Two saved runs side by side: best fitness, evaluations and time, and their best-so-far curves on one chart. */

import { useEffect, useState } from 'react';
import { CartesianGrid, Label, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StoredRun } from '../../state/persist/run-db';
import { formatDuration, formatPercent } from '../format';
import { evaluationRows, zoomedFitnessDomain, zoomedFitnessTicks } from '../run/chart-data';
import { differentTasksNote } from './compare-data';
import { useSession, useSessionState } from './session-context';

const SERIES = ['var(--series-networks)', 'var(--series-best)'];

/** Merges the best-so-far curves of several runs into rows keyed by evaluation. */
function curveRows(runs: readonly StoredRun[]): Record<string, number>[] {
  const byEvaluation = new Map<number, Record<string, number>>();
  runs.forEach((run, index) => {
    for (const row of evaluationRows(run.candidates)) {
      const entry = byEvaluation.get(row.evaluation) ?? { evaluation: row.evaluation };
      entry[`run${index}`] = row.bestSoFar;
      byEvaluation.set(row.evaluation, entry);
    }
  });
  return [...byEvaluation.values()].sort((a, b) => a.evaluation - b.evaluation);
}

/** Returns the lowest best-so-far value of the rows, in percent; 100 when there is none. */
function lowestBest(rows: readonly Record<string, number>[]): number {
  let lowest = 100;
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (key !== 'evaluation') lowest = Math.min(lowest, value);
    }
  }
  return lowest;
}

export function RunCompare({ ids }: { ids: readonly [string, string] }) {
  const session = useSession();
  // Names come from the run list, which a rename updates. The loaded records keep the old name.
  const saved = useSessionState((state) => state.runs);
  const [runs, setRuns] = useState<StoredRun[] | null>(null);
  const [first, second] = ids;

  useEffect(() => {
    let current = true;
    void Promise.all([session.loadRun(first), session.loadRun(second)]).then((loaded) => {
      if (current) setRuns(loaded.filter((run): run is StoredRun => run !== null));
    });
    return () => {
      current = false;
    };
  }, [session, first, second]);

  if (runs === null) return <p className="compare__loading">Loading the two runs…</p>;
  if (runs.length < 2) return <p className="compare__loading">One of the runs could not be read.</p>;
  const rows = curveRows(runs);
  const savedName = (run: StoredRun) => saved.find((record) => record.id === run.record.id)?.name ?? run.record.name;
  // Two runs of one name, started in the same minute, are numbered by their place.
  const sameNames = savedName(runs[0]) === savedName(runs[1]);
  const nameOf = (run: StoredRun) => (sameNames ? `${savedName(run)} (${runs.indexOf(run) + 1})` : savedName(run));
  const domain = zoomedFitnessDomain(lowestBest(rows), 100);
  const tasksNote = differentTasksNote(runs[0].record.config.task, runs[1].record.config.task);

  return (
    <section className="compare" aria-label="Run comparison">
      <table className="compare__table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col" className="num">Best fitness</th>
            <th scope="col" className="num">Evaluations</th>
            <th scope="col" className="num">Time</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, index) => (
            <tr key={run.record.id}>
              <th scope="row">
                <span className="compare__swatch" style={{ background: SERIES[index] }} /> {nameOf(run)}
              </th>
              <td className="num" data-testid={`compare-best-${index}`}>
                {formatPercent(run.record.bestFitness)}
              </td>
              <td className="num">{run.candidates.length}</td>
              <td className="num">{formatDuration(run.record.elapsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tasksNote && <p className="compare__note">{tasksNote}</p>}
      <div className="compare__chart" data-testid="compare-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="evaluation" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="var(--text-muted)" tick={{ fontSize: 12 }}>
              <Label value="evaluation" position="insideBottomRight" offset={-2} fill="var(--text-muted)" fontSize={12} />
            </XAxis>
            <YAxis domain={domain} ticks={zoomedFitnessTicks(domain)} tickFormatter={(value: number) => `${value}%`} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={44} />
            <Tooltip formatter={(value) => `${value}%`} labelFormatter={(label) => `Evaluation ${label}`} contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
            <Legend />
            {runs.map((run, index) => (
              <Line key={run.record.id} dataKey={`run${index}`} name={`${nameOf(run)}: best so far`} type="stepAfter" stroke={SERIES[index]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
