/**
 * What the page knows about the current search run, and the pure function that folds each
 * coordinator event into it. Events of any other run id are dropped.
 */

import type { EarlyStoppingRule } from '../core/early-stopping';
import { countExhaustive, type ExhaustiveCount } from '../core/exhaustive';
import type { Candidate, GenerationSummary, StrategyName } from '../core/strategy';
import type { RunConfig } from '../workers/run-config';
import { shapeContextOf } from './graph-context';
import type { BackendName } from '../train/types';
import type { PausedSpan } from './run-pace';
import { compareCandidates, type EvaluatedCandidate, type RunEvent, type RunStatus } from '../workers/coordinator';

export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished';

export interface CandidateProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
}

export interface WorkerInfo {
  readonly backend: BackendName | null;
  /** Backends tried before the one in use, with the reason each failed. */
  readonly note?: string;
}

/**
 * The settings of a run that its result texts and exports use. The page's settings stay
 * editable once a run ends, so the status, the result line, the chart labels and the exports
 * of the run's networks read these instead.
 */
export interface RunSettings {
  /**
   * The whole configuration the run used, with its starting network as `seedGenome` where the
   * run's source kept one. Exports retrain and describe the run's networks with it.
   */
  readonly config: RunConfig;
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly earlyStopping: EarlyStoppingRule;
  /** The evaluation budget, or 0 for none. */
  readonly maxEvaluations: number;
  /** The chains an exhaustive run's candidate set spans, or null for the other strategies. */
  readonly space: Pick<ExhaustiveCount, 'count' | 'maxDepth'> | null;
}

/** Returns the settings of a run of `config`. For the exhaustive strategy this counts its space, up to about a tenth of a second. */
export function runSettingsOf(config: RunConfig): RunSettings {
  const { search } = config;
  let space: RunSettings['space'] = null;
  if (search.strategy === 'exhaustive') {
    const { count, maxDepth } = countExhaustive(search.candidateSet, shapeContextOf(config));
    space = { count, maxDepth };
  }
  return { config, strategy: search.strategy, seed: search.seed, earlyStopping: search.earlyStopping ?? 'off', maxEvaluations: search.maxEvaluations ?? 0, space };
}

export interface RunState {
  readonly runId: string | null;
  /** The settings of the run shown, or null before any. */
  readonly settings: RunSettings | null;
  readonly phase: RunPhase;
  /** How the last run ended, once it has. */
  readonly outcome: RunStatus | null;
  readonly message: string | null;
  readonly startedAt: number | null;
  readonly elapsedMs: number;
  readonly generation: number;
  readonly totalGenerations: number;
  /** Candidates of the current generation, in batch order. */
  readonly currentBatch: readonly Candidate[];
  readonly evaluations: readonly EvaluatedCandidate[];
  readonly generations: readonly GenerationSummary[];
  readonly best: EvaluatedCandidate | null;
  /** The best candidate retrained on all training rows, once that has finished. */
  readonly final: EvaluatedCandidate | null;
  /** Id of the candidate being retrained at the end of the run, while that runs. */
  readonly finalTraining: string | null;
  readonly inFlight: Readonly<Record<string, CandidateProgress>>;
  readonly workers: readonly WorkerInfo[];
  /** Candidates that trained on another backend than their worker's, with the reason. */
  readonly fallbacks: readonly string[];
  /** The run's pauses on the coordinator's clock, which runs on while paused; the last is open while paused. */
  readonly pauses: readonly PausedSpan[];
}

export const IDLE_RUN: RunState = {
  runId: null,
  settings: null,
  phase: 'idle',
  outcome: null,
  message: null,
  startedAt: null,
  elapsedMs: 0,
  generation: 0,
  totalGenerations: 0,
  currentBatch: [],
  evaluations: [],
  generations: [],
  best: null,
  final: null,
  finalTraining: null,
  inFlight: {},
  workers: [],
  fallbacks: [],
  pauses: [],
};

/**
 * Appends an item, or replaces the one `same` matches. A resumed run shows its saved results
 * at once and the coordinator sends them again, so each must stay listed once.
 */
function upsert<T>(items: readonly T[], item: T, same: (other: T) => boolean): T[] {
  const index = items.findIndex(same);
  if (index < 0) return [...items, item];
  const copy = [...items];
  copy[index] = item;
  return copy;
}

/**
 * Folds one coordinator event into the run state. `now` is the page's clock when the event
 * arrives. With it, a finished run keeps the page's elapsed time where that is longer. The
 * page's clock runs from the press of Start, a moment before the coordinator's, and
 * stepping back to the coordinator's figure at the end looked like the clock running
 * backwards.
 */
/**
 * Returns the generations a run plans: the config's, or for the exhaustive strategy, which
 * ignores it, the batches of a population that its space (and evaluation budget) fills.
 */
export function plannedGenerations(config: RunConfig, settings: RunSettings = runSettingsOf(config)): number {
  const { search } = config;
  if (settings.space === null) return search.generations;
  let chains = settings.space.count;
  if (settings.maxEvaluations > 0) chains = Math.min(chains, settings.maxEvaluations);
  return Math.max(1, Math.ceil(chains / (search.population * search.networksPerBlueprint)));
}

export function applyRunEvent(state: RunState, event: RunEvent, now: number | null = null): RunState {
  if (event.runId !== state.runId) return state;
  switch (event.type) {
    case 'run-started': {
      // The store sets both as the run starts; counting an exhaustive space again would cost the page as much.
      const settings = state.settings ?? runSettingsOf(event.config);
      return { ...state, phase: 'running', settings, totalGenerations: state.totalGenerations > 0 ? state.totalGenerations : plannedGenerations(event.config, settings) };
    }
    case 'generation-started':
      return { ...state, generation: event.generation, currentBatch: event.candidates };
    case 'candidate-progress':
      return {
        ...state,
        inFlight: { ...state.inFlight, [event.candidateId]: { epoch: event.epoch, epochs: event.epochs, loss: event.loss } },
      };
    case 'candidate-evaluated': {
      const { result } = event;
      const inFlight = { ...state.inFlight };
      delete inFlight[result.candidate.id];
      const better = state.best === null || compareCandidates(result, state.best) < 0;
      const fallback = result.metrics?.fallbackReason;
      return {
        ...state,
        inFlight,
        evaluations: upsert(state.evaluations, result, (other) => other.candidate.id === result.candidate.id),
        best: better ? result : state.best,
        elapsedMs: result.finishedAt,
        fallbacks: fallback ? [...state.fallbacks, `${result.candidate.id}: ${fallback}`].slice(-20) : state.fallbacks,
      };
    }
    case 'generation-finished':
      return {
        ...state,
        generations: upsert(state.generations, event.summary, (other) => other.generation === event.summary.generation),
        elapsedMs: event.elapsedMs,
      };
    case 'final-training-started':
      return { ...state, finalTraining: event.candidateId };
    case 'final-evaluated': {
      const inFlight = { ...state.inFlight };
      delete inFlight[event.result.candidate.id];
      return { ...state, final: event.result, finalTraining: null, inFlight };
    }
    case 'run-paused':
      return { ...state, phase: 'paused', pauses: [...state.pauses, { from: event.elapsedMs, to: null }] };
    case 'run-resumed':
      return { ...state, phase: 'running', pauses: state.pauses.map((span) => (span.to === null ? { ...span, to: event.elapsedMs } : span)) };
    case 'run-finished':
      return {
        ...state,
        phase: 'finished',
        outcome: event.status,
        message: event.message ?? null,
        best: event.best ?? state.best,
        final: event.final ?? state.final,
        finalTraining: null,
        elapsedMs: now !== null && state.startedAt !== null ? Math.max(event.elapsedMs, now - state.startedAt) : event.elapsedMs,
        inFlight: {},
      };
  }
}

/** Candidates ranked best first; a reused result is listed once, under its first candidate. */
export function leaderboard(state: RunState, limit = 10): EvaluatedCandidate[] {
  return state.evaluations.filter((e) => !e.reused).sort(compareCandidates).slice(0, limit);
}
