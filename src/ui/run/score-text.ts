/**
 * Candidate scores as the run's task measures them: accuracy in percent for classification,
 * R² to three decimals for regression, where a percentage would misread as accuracy.
 */

import { TASKS, taskOf } from '../../data/tasks';
import type { TaskKind } from '../../data/types';
import type { AppState } from '../../state/store';
import { formatPercent } from '../format';
import { useApp } from '../store-context';

/**
 * Formats a score for `kind`: `accuracy` as a percentage, or `r2` as "R² 0.912", without the
 * "R²" where a column header already names it. Missing shows as "–".
 */
export function formatScore(kind: TaskKind, accuracy: number | null | undefined, r2: number | null | undefined, named = true): string {
  if (kind === 'classification') return formatPercent(accuracy);
  if (r2 === null || r2 === undefined || !Number.isFinite(r2)) return '–';
  return named ? `R² ${r2.toFixed(3)}` : r2.toFixed(3);
}

/**
 * Returns the kind of the run's task. The task picker is locked while a run is active, so this
 * is the selected task then. A data file's kind comes with the file, so results of a file not
 * loaded here (a shared link's, say) tell it themselves: regression results carry an R².
 */
export function useRunTaskKind(): TaskKind {
  return useApp(runTaskKind);
}

export function runTaskKind(state: Pick<AppState, 'dataset' | 'config' | 'run'>): TaskKind {
  const task = state.dataset ? TASKS[state.dataset.task] : taskOf(state.config.task);
  if (task.id === 'custom' && state.run.evaluations.some((result) => typeof result.metrics?.validationR2 === 'number')) return 'regression';
  return task.kind;
}

/**
 * Formats a fitness chart value, which the chart rows hold as fitness × 100: a percentage for
 * classification, or the R² itself for regression.
 */
export function fitnessTickText(kind: TaskKind, value: number): string {
  return kind === 'classification' ? `${value}%` : (value / 100).toFixed(2);
}
