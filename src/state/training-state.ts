/**
 * The page's state of training the editor's network alone, and the pure function that
 * folds each training event into it. Events of any other run id are dropped.
 */

import type { Split, TaskId, TaskKind } from '../data/types';
import type { EpochRecord } from '../train/live';
import type { ProbeSpec } from '../train/probe';
import type { BackendName, EvaluationMetrics, TrainingSettings } from '../train/types';

export type TrainingPhase = 'idle' | 'starting' | 'training' | 'stopping' | 'finished';
export type TrainingOutcome = 'completed' | 'diverged' | 'stopped' | 'failed';

/** The data drawn under the network's predictions: training points and the probe they span. */
export interface TrainingPlot {
  readonly kind: TaskKind;
  readonly probe: ProbeSpec;
  /** Training rows drawn as points: inputs in `x`, a class index or target values per row in `y`. */
  readonly points: Split;
  /** Number of classes, or number of regression targets. */
  readonly outputUnits: number;
  readonly classNames: readonly string[];
  /**
   * The standardisations of what the plot draws, per input feature and for a regression
   * file's target, so that the axes read in the data's own units. Absent where values are raw.
   */
  readonly units?: { readonly inputs?: readonly Standardisation[]; readonly target?: Standardisation };
}

/** A value's standardisation: raw value minus `mean`, over `std`. */
export interface Standardisation {
  readonly mean: number;
  readonly std: number;
}

/** The latest predictions on the plot's probe. */
export interface ProbePrediction {
  readonly epoch: number;
  /** `probeRows(probe) × outputUnits` values, row-major. */
  readonly values: Float32Array;
}

export interface TrainingState {
  readonly runId: string | null;
  readonly phase: TrainingPhase;
  /** The way the last training ended, once it has. */
  readonly outcome: TrainingOutcome | null;
  /** The divergence or failure reason, or where training was stopped. */
  readonly message: string | null;
  readonly task: TaskId | null;
  readonly kind: TaskKind | null;
  readonly settings: TrainingSettings | null;
  /** Parameter count of the network in training, known before it starts. */
  readonly params: number | null;
  readonly startedAt: number | null;
  readonly backend: BackendName | null;
  /** Backends tried before the one in use, with the reason each failed. */
  readonly backendNote: string | null;
  /** Metrics of every completed epoch, in order. */
  readonly epochs: readonly EpochRecord[];
  /** Null for tasks that have no plot (inputs other than 2D classification or 1D regression). */
  readonly plot: TrainingPlot | null;
  readonly prediction: ProbePrediction | null;
  /** Final metrics once training completed or diverged. */
  readonly metrics: EvaluationMetrics | null;
  /** When training ended (completed, diverged, failed or stopped), in epoch milliseconds. */
  readonly endedAt: number | null;
  /** The epoch under way and the share of its batches done, while one is; null between epochs. */
  readonly partial: { readonly epoch: number; readonly fraction: number } | null;
}

export type TrainingEvent =
  | { readonly type: 'data-ready'; readonly runId: string; readonly plot: TrainingPlot | null }
  | { readonly type: 'backend-ready'; readonly runId: string; readonly backend: BackendName; readonly note: string | null }
  | { readonly type: 'epoch'; readonly runId: string; readonly record: EpochRecord; readonly prediction?: Float32Array }
  | { readonly type: 'batches'; readonly runId: string; readonly epoch: number; readonly fraction: number }
  | { readonly type: 'finished'; readonly runId: string; readonly metrics: EvaluationMetrics }
  | { readonly type: 'failed'; readonly runId: string; readonly message: string }
  | { readonly type: 'stopped'; readonly runId: string };

export const IDLE_TRAINING: TrainingState = {
  runId: null,
  phase: 'idle',
  outcome: null,
  message: null,
  task: null,
  kind: null,
  settings: null,
  params: null,
  startedAt: null,
  backend: null,
  backendNote: null,
  epochs: [],
  plot: null,
  prediction: null,
  metrics: null,
  endedAt: null,
  partial: null,
};

/** Returns the state of a training run that is starting, with nothing of the previous one. */
export function beginTraining(
  runId: string,
  start: {
    readonly task: TaskId;
    readonly kind: TaskKind;
    readonly settings: TrainingSettings;
    readonly params: number;
    readonly startedAt: number;
  },
): TrainingState {
  return { ...IDLE_TRAINING, runId, phase: 'starting', ...start };
}

/** True while training is starting, running or stopping. */
export function isTrainingActive(state: TrainingState): boolean {
  return state.phase === 'starting' || state.phase === 'training' || state.phase === 'stopping';
}

/** Folds one training event into the state; `now` dates the end of training. */
export function applyTrainingEvent(state: TrainingState, event: TrainingEvent, now = Date.now()): TrainingState {
  if (event.runId !== state.runId || state.phase === 'finished') return state;
  switch (event.type) {
    case 'data-ready':
      return { ...state, plot: event.plot };
    case 'backend-ready':
      return { ...state, phase: state.phase === 'starting' ? 'training' : state.phase, backend: event.backend, backendNote: event.note };
    case 'epoch': {
      const prediction = event.prediction ? { epoch: event.record.epoch, values: event.prediction } : state.prediction;
      return { ...state, epochs: [...state.epochs, event.record], prediction, partial: null };
    }
    case 'batches':
      // The last batch of an epoch comes before the epoch's own event, which ends the partial one.
      if (event.epoch <= state.epochs.length || event.fraction >= 1) return state;
      return { ...state, partial: { epoch: event.epoch, fraction: event.fraction } };
    case 'finished': {
      const diverged = event.metrics.diverged !== undefined;
      return {
        ...state,
        phase: 'finished',
        endedAt: now,
        partial: null,
        outcome: diverged ? 'diverged' : 'completed',
        message: event.metrics.diverged ?? null,
        metrics: event.metrics,
        backend: event.metrics.backend,
      };
    }
    case 'failed':
      return { ...state, phase: 'finished', endedAt: now, partial: null, outcome: 'failed', message: event.message };
    case 'stopped': {
      const done = state.epochs.length;
      const message = done === 0 ? 'Stopped before the first epoch ended.' : `Stopped after epoch ${done}.`;
      return { ...state, phase: 'finished', endedAt: now, partial: null, outcome: 'stopped', message };
    }
  }
}
