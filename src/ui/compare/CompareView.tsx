/**
 * The run panel's Compare tab: strategies (or a preset's variants) run one after another on
 * the same task, budget and seeds, their best-so-far fitness drawn against the architectures
 * trained beside the exhaustive optimum, and a table of what each reached.
 */

import { useMemo } from 'react';
import { taskOf } from '../../data/tasks';
import { presetById } from '../../state/presets';
import { useApp } from '../store-context';
import { ArchitectureTable } from './ArchitectureTable';
import { ComparisonChart } from './ComparisonChart';
import { ComparisonProgress } from './ComparisonProgress';
import { ComparisonSetup } from './ComparisonSetup';
import { ComparisonSummary } from './ComparisonSummary';
import { architectureRows, optimumLevel, seriesCurves, seriesSummaries, spreadRows } from './comparison-data';
import './compare.css';

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
const decimal = (value: number) => value.toFixed(2);

export function CompareView() {
  const state = useApp((app) => app.comparison);
  const plan = state.plan;
  const regression = plan ? plan.series.every((series) => taskOf(series.config.task).kind === 'regression') : false;
  const format = regression ? decimal : percent;
  const data = useMemo(() => {
    const series = seriesCurves(state);
    // The enumeration trains the whole space; past the others' budget its curve is drawn no further.
    const limit = plan && plan.budget > 0 && plan.series.some((entry) => !entry.optimum) ? plan.budget : 0;
    return { series, rows: spreadRows(series, limit), optimum: optimumLevel(state), summaries: seriesSummaries(state), architectures: plan?.acrossTasks ? architectureRows(state) : [] };
  }, [state, plan]);
  const preset = plan?.presetId ? presetById(plan.presetId) : null;

  return (
    <div className="comparison">
      <ComparisonSetup />
      <section className="run-view comparison__results" aria-label="Comparison">
        <div className="run-view__bar">
          <h2 className="panel-title">{plan?.title ?? 'Comparison'}</h2>
          <span className="run-view__caption">
            {plan ? `${plan.seeds.length === 1 ? 'seed' : 'seeds'} ${plan.seeds.join(', ')} · ${plan.budget > 0 ? `budget ${plan.budget} architectures` : 'no budget'} · fitness ${regression ? 'R²' : 'validation accuracy'}${plan.presetId ? '' : ' · candidates from the candidate set only, not the editor'}` : 'best-so-far fitness against architectures trained'}
          </span>
        </div>
        <ComparisonProgress state={state} />
        {preset && <p className="comparison__preset">{preset.summary}</p>}
        <div className="comparison__body">
          <div className="comparison__chart">
            <ComparisonChart series={data.series} rows={data.rows} optimum={data.optimum} format={format} seeds={plan?.seeds.length ?? 0} />
          </div>
          <div className="comparison__tables">
            {plan && <ComparisonSummary summaries={data.summaries} format={format} hasOptimum={data.optimum !== null} />}
            {plan?.acrossTasks && <ArchitectureTable rows={data.architectures} columns={plan.series.map((series) => series.label)} format={format} />}
            {state.message && state.phase === 'finished' && state.runs.every((run) => run.status !== 'queued') && <p className="comparison__message">{state.message}</p>}
          </div>
        </div>
      </section>
    </div>
  );
}
