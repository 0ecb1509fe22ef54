/**
 * The exhaustive estimate of the current setup, computed when the strategy is exhaustive
 * and shared by every component that shows it. Counting a large space takes up to about a
 * tenth of a second, so the last result is kept until the setup changes.
 */

import { useMemo } from 'react';
import { effectiveWorkers, estimateExhaustive, expectedTrainRows, type ExhaustiveEstimate } from '../../state/exhaustive-estimate';
import { paceKey } from '../../state/persist/pace-storage';
import { exhaustiveWall, type WallEstimate } from '../../state/run-pace';
import type { RunConfig } from '../../workers/run-config';
import { logicalCores } from '../../workers/worker-count';
import { useApp } from '../store-context';

let last: { key: string; estimate: ExhaustiveEstimate } | null = null;

/** Returns a key of the config parts the estimate depends on; the store copies the config on every edit, so identity cannot tell. */
function setupKey(config: RunConfig, trainRows: number): string {
  return JSON.stringify([config.search.candidateSet, config.task, config.training, config.workers, config.backend, trainRows]);
}

/**
 * Returns the estimate for `config` with chains costed on `trainRows` training rows, reusing
 * the last one when the setup and rows are the same.
 */
export function cachedEstimate(config: RunConfig, trainRows = expectedTrainRows(config)): ExhaustiveEstimate {
  const key = setupKey(config, trainRows);
  if (last?.key === key) return last.estimate;
  const estimate = estimateExhaustive(config, effectiveWorkers(config.workers, config.backend, logicalCores()), trainRows);
  last = { key, estimate };
  return estimate;
}

/**
 * Returns the training rows of the current task: the loaded data set's, or the expected
 * count before one is loaded. A data file's rows are known only once a search loads them.
 */
export function useTrainRows(): number {
  const config = useApp((state) => state.config);
  const loaded = useApp((state) => (state.dataset?.task === state.config.task.id ? state.dataset.train : null));
  return loaded ?? expectedTrainRows(config);
}

/** Returns the estimate when the chosen strategy is exhaustive, or null for the others. */
export function useExhaustiveEstimate(): ExhaustiveEstimate | null {
  const config = useApp((state) => state.config);
  const trainRows = useTrainRows();
  const exhaustive = config.search.strategy === 'exhaustive';
  return useMemo(() => (exhaustive ? cachedEstimate(config, trainRows) : null), [exhaustive, config, trainRows]);
}

/**
 * Returns the wall time of the exhaustive search `estimate` describes, start-up and final
 * retraining included: at the pace this browser measured for the task and backend, or the
 * cost model's guess before any search measured it.
 */
export function useExhaustiveWall(estimate: ExhaustiveEstimate | null): WallEstimate | null {
  const config = useApp((state) => state.config);
  const pace = useApp((state) => state.paces[paceKey(state.config)] ?? null);
  const trainRows = useTrainRows();
  return useMemo(() => (estimate ? exhaustiveWall(estimate, config, pace, trainRows) : null), [estimate, config, pace, trainRows]);
}
