/** The comparison's progress: which run of how many, its architectures trained, elapsed time and an estimate of the time left. */

import { useMemo } from 'react';
import { countExhaustive } from '../../core/exhaustive';
import { shapeContextOf } from '../../state/graph-context';
import type { ComparisonRunRecord, ComparisonState } from '../../state/comparison-state';
import { isComparisonActive } from '../../state/comparison-state';
import { comparisonBlocker } from '../../state/comparison-slice';
import { formatDuration } from '../format';
import { useApp } from '../store-context';
import { useNow } from '../use-now';
import { comparisonFraction, comparisonTimeLeft } from './comparison-data';

/** Architectures each series' runs train at most: the budget, or the whole chain space for the enumeration. */
function useTargets(state: ComparisonState): (run: ComparisonRunRecord) => number {
  const plan = state.plan;
  const targets = useMemo(() => {
    const map = new Map<string, number>();
    for (const series of plan?.series ?? []) {
      const { config } = series;
      const budget = config.search.maxEvaluations ?? 0;
      if (budget > 0) map.set(series.id, budget);
      else if (config.search.strategy === 'exhaustive') {
        map.set(series.id, countExhaustive(config.search.candidateSet, shapeContextOf(config)).count);
      }
    }
    return map;
  }, [plan]);
  return (run) => targets.get(run.seriesId) ?? 0;
}

/** Returns the status line. `blocker` is why a comparison cannot start, or null when it can. */
export function comparisonStatus(state: ComparisonState, targetOf: (run: ComparisonRunRecord) => number, blocker: string | null = null): string {
  const label = (run: ComparisonRunRecord) => state.plan?.series.find((series) => series.id === run.seriesId)?.label ?? run.seriesId;
  if (state.phase === 'idle') return blocker === null ? 'No comparison has run yet.' : `Not ready to compare: ${blocker}`;
  if (state.phase === 'finished') {
    const skipped = state.runs.filter((run) => run.status === 'queued').length;
    if (state.runs.length === 0) return `Comparison not started: ${state.message ?? 'the plan has no runs.'}`;
    if (state.runs.some((run) => run.status === 'failed')) return `Comparison failed: ${state.message ?? 'a run failed.'}`;
    if (skipped > 0) return `Comparison stopped: ${state.runs.length - skipped} of ${state.runs.length} runs done, ${skipped} skipped.`;
    return `Comparison finished: ${state.runs.length} runs.`;
  }
  const run = state.runs[state.current];
  if (!run) return 'Starting the comparison…';
  const target = targetOf(run);
  const trained = target > 0 ? `${run.trained} / ${target}` : String(run.trained);
  const stopping = state.phase === 'stopping' ? 'Stopping… ' : '';
  return `${stopping}Run ${state.current + 1} of ${state.runs.length}: ${label(run)}, seed ${run.seed} · ${trained} architectures trained`;
}

export function ComparisonProgress({ state }: { state: ComparisonState }) {
  const active = isComparisonActive(state);
  const now = useNow(active);
  const targetOf = useTargets(state);
  const blocker = useApp(comparisonBlocker);
  const fraction = comparisonFraction(state, targetOf);
  let elapsed = state.runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  if (active && state.startedAt !== null) elapsed = now - state.startedAt;
  const left = active ? comparisonTimeLeft(state, targetOf) : null;
  const percent = Math.round(fraction * 100);
  return (
    <div className="compare-progress">
      <p className="compare-progress__status" aria-live="polite" data-testid="comparison-status">
        {comparisonStatus(state, targetOf, blocker)}
      </p>
      <div className="progress__bar" role="progressbar" aria-label="Comparison progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <span className="progress__figure">
        {formatDuration(elapsed)} elapsed{left !== null && ` · about ${formatDuration(left)} left`}
      </span>
    </div>
  );
}
