/** The time left of the running search as the progress panel shows it, smoothed between renders. */

import { useMemo, useRef } from 'react';
import type { Candidate } from '../../core/strategy';
import { modelledCostMs } from '../../state/run-pace';
import type { RunState } from '../../state/run-state';
import { cachedEstimate, useTrainRows } from '../inspector/use-exhaustive-estimate';
import { useApp } from '../store-context';
import { plannedExhaustiveModelMs, rawTimeLeft, smoothTimeLeft, type ShownTimeLeft } from './time-left';

/**
 * Returns the milliseconds left in `run`, or null while `estimating` is false or too few
 * candidates have finished. The figure counts down with `now` and moves toward each new
 * raw estimate gradually (see `smoothTimeLeft`); a new run starts afresh.
 */
export function useTimeLeft(run: RunState, estimating: boolean, elapsedMs: number, now: number): number | null {
  const config = useApp((state) => state.config);
  const trainRows = useTrainRows();
  // Analysing a genome costs more than the rest of the estimate, and each is needed on every tick.
  const costOf = useMemo(() => {
    const costs = new WeakMap<Candidate, number>();
    return (candidate: Candidate) => {
      let cost = costs.get(candidate);
      if (cost === undefined) {
        cost = modelledCostMs(candidate, config, trainRows);
        costs.set(candidate, cost);
      }
      return cost;
    };
  }, [config, trainRows]);
  const shown = useRef<{ runId: string | null; value: ShownTimeLeft | null }>({ runId: null, value: null });

  // The exhaustive strategy's space is known before it runs, so its later batches cost the
  // mean of the space's sampled chains, costed on the same rows as `costOf`.
  const planned = useMemo(
    () => (config.search.strategy === 'exhaustive' ? plannedExhaustiveModelMs(cachedEstimate(config, trainRows), config) : undefined),
    [config, trainRows],
  );

  const raw = estimating ? rawTimeLeft(run, config, trainRows, costOf, elapsedMs, planned) : null;
  if (shown.current.runId !== run.runId) shown.current = { runId: run.runId, value: null };
  if (raw === null) return null;
  // Rendering twice with the same clock leaves the figure as it is, so this update is safe to repeat.
  shown.current.value = smoothTimeLeft(shown.current.value, raw, now);
  return shown.current.value.ms;
}
