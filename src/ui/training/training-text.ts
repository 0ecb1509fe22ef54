/** Words and rows for the training view: its status line, the Train button's state and chart rows. */

import type { TaskKind } from '../../data/types';
import type { TrainingState } from '../../state/training-state';
import type { EpochRecord } from '../../train/live';
import type { SplitMetrics } from '../../train/metrics';
import type { EvaluationMetrics } from '../../train/types';

/**
 * Returns the status line: what training is doing, or how it ended. `blockReason` is why
 * Train is disabled, or null when it is enabled; an idle line gives it.
 */
export function trainingStatus(state: TrainingState, blockReason: string | null = null): string {
  const total = state.settings?.epochs ?? 0;
  switch (state.phase) {
    case 'idle':
      return blockReason === null ? 'Press Train to train the network in the editor alone.' : `Not ready to train: ${blockReason}`;
    case 'starting':
      return 'Starting: loading the data and the training worker…';
    case 'training':
      return `Training: epoch ${Math.min(state.epochs.length + 1, total)} of ${total}`;
    case 'stopping':
      return 'Stopping…';
    case 'finished':
      break;
  }
  switch (state.outcome) {
    case 'completed':
      return `Training finished after ${state.epochs.length} epoch${state.epochs.length === 1 ? '' : 's'}.`;
    case 'diverged':
      return `Training diverged: ${state.message}`;
    case 'stopped':
      return `Training stopped. ${state.message}`;
    case 'failed':
    default:
      return `Training failed: ${state.message}`;
  }
}

/**
 * Returns why the Train button is disabled, or null when it is enabled. `graphProblem` is
 * the reason the editor's network cannot be trained, or null when it can.
 */
export function trainBlockReason(searchActive: boolean, configErrorCount: number, graphProblem: string | null): string | null {
  if (searchActive) return 'A search is running; stop it on the Search tab first.';
  if (configErrorCount > 0) return 'Fix the settings listed in the alert first.';
  return graphProblem;
}

export type CurveMetric = 'loss' | 'score';

/** One chart row per epoch: training and validation values of one metric. */
export interface CurveRow {
  readonly epoch: number;
  readonly train: number | null;
  readonly validation: number | null;
}

/**
 * Formats a trained regression network's R² on the validation and test splits. Fitness clips
 * R² at 0 for ranking; these are the R² themselves, as the leaderboard shows them.
 */
export function regressionScores(metrics: Pick<EvaluationMetrics, 'fitness' | 'validationR2' | 'testR2'>): { validation: string; test: string | null } {
  return {
    validation: (metrics.validationR2 ?? metrics.fitness).toFixed(3),
    test: typeof metrics.testR2 === 'number' ? metrics.testR2.toFixed(3) : null,
  };
}

/** Returns the score a task is judged by: accuracy in percent, or R² for regression, clipped at 0 below. */
export function scoreOf(metrics: SplitMetrics, kind: TaskKind): number | null {
  if (kind === 'classification') return metrics.accuracy === null ? null : Math.round(metrics.accuracy * 10_000) / 100;
  if (metrics.r2 === null || !Number.isFinite(metrics.r2)) return null;
  return Math.max(0, metrics.r2);
}

/** Chart rows of one metric; values that are not finite become gaps (null). */
export function curveRows(epochs: readonly EpochRecord[], metric: CurveMetric, kind: TaskKind): CurveRow[] {
  const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
  return epochs.map((record) => ({
    epoch: record.epoch,
    train: finite(metric === 'loss' ? record.train.loss : scoreOf(record.train, kind)),
    validation: finite(metric === 'loss' ? record.validation.loss : scoreOf(record.validation, kind)),
  }));
}
