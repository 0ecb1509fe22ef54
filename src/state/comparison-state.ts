/**
 * The page's record of a comparison: its plan, and for every run (one series with one seed)
 * its status, best-so-far curve, best network and the architectures it trained. Pure
 * functions fold the controller's reports into it.
 */

import type { CurvePoint } from '../core/curves';
import { describeGenome } from '../core/describe';
import type { Genome } from '../core/genome';
import { curveOf } from '../workers/comparison';
import { compareCandidates, type EvaluatedCandidate, type RunResult, type RunStatus } from '../workers/coordinator';
import { planRuns, type ComparisonPlan } from './comparison-plan';

export type ComparisonPhase = 'idle' | 'running' | 'stopping' | 'finished';

/** One architecture a run trained, for tables across series. */
export interface TrainedArchitecture {
  readonly hash: string;
  readonly description: string;
  readonly fitness: number;
  readonly params: number;
  readonly failed: boolean;
}

export interface ComparisonBest {
  readonly candidateId: string;
  readonly fitness: number;
  readonly params: number;
  readonly description: string;
  readonly genome: Genome;
}

export interface ComparisonRunRecord {
  readonly seriesId: string;
  readonly seed: number;
  readonly status: 'queued' | 'running' | RunStatus;
  /** Best fitness against distinct architectures trained, in proposal order once the run ends. */
  readonly curve: readonly CurvePoint[];
  /** Distinct architectures trained so far. */
  readonly trained: number;
  /** Results reused from an architecture met before in the same run. */
  readonly reused: number;
  readonly best: ComparisonBest | null;
  readonly architectures: readonly TrainedArchitecture[];
  readonly elapsedMs: number;
  readonly message: string | null;
  /** Evaluated candidates of the run while it runs; cleared at its end to keep the state small. */
  readonly evaluated: readonly EvaluatedCandidate[];
}

export interface ComparisonState {
  readonly id: string | null;
  readonly phase: ComparisonPhase;
  readonly plan: ComparisonPlan | null;
  readonly runs: readonly ComparisonRunRecord[];
  /** Index of the run in progress, or -1. */
  readonly current: number;
  readonly startedAt: number | null;
  /** Reason the comparison stopped or failed, once it has. */
  readonly message: string | null;
}

export const IDLE_COMPARISON: ComparisonState = {
  id: null,
  phase: 'idle',
  plan: null,
  runs: [],
  current: -1,
  startedAt: null,
  message: null,
};

export const isComparisonActive = (state: ComparisonState): boolean => state.phase === 'running' || state.phase === 'stopping';

const isFailed = (evaluated: EvaluatedCandidate): boolean => evaluated.metrics === null || evaluated.metrics.diverged !== undefined;

/** Returns the state of a comparison that is starting, with every run of the plan queued. */
export function beginComparison(id: string, plan: ComparisonPlan, startedAt: number): ComparisonState {
  const runs = planRuns(plan).map(
    (spec): ComparisonRunRecord => ({
      seriesId: spec.seriesId,
      seed: spec.seed,
      status: 'queued',
      curve: [],
      trained: 0,
      reused: 0,
      best: null,
      architectures: [],
      elapsedMs: 0,
      message: null,
      evaluated: [],
    }),
  );
  return { id, phase: 'running', plan, runs, current: -1, startedAt, message: null };
}

function updateRun(state: ComparisonState, index: number, change: (run: ComparisonRunRecord) => ComparisonRunRecord): ComparisonState {
  if (index < 0 || index >= state.runs.length) return state;
  const runs = [...state.runs];
  runs[index] = change(runs[index]);
  return { ...state, runs };
}

export function runStarted(state: ComparisonState, index: number): ComparisonState {
  return { ...updateRun(state, index, (run) => ({ ...run, status: 'running' })), current: index };
}

function bestOf(candidates: readonly EvaluatedCandidate[]): ComparisonBest | null {
  const best = [...candidates].sort(compareCandidates)[0];
  if (!best || isFailed(best)) return null;
  return {
    candidateId: best.candidate.id,
    fitness: best.fitness,
    params: best.metrics?.params ?? 0,
    description: describeGenome(best.candidate.genome),
    genome: best.candidate.genome,
  };
}

function summarise(run: ComparisonRunRecord, candidates: readonly EvaluatedCandidate[]): ComparisonRunRecord {
  const trained = candidates.filter((evaluated) => !evaluated.reused);
  return {
    ...run,
    curve: curveOf(candidates),
    trained: trained.length,
    reused: candidates.length - trained.length,
    best: bestOf(candidates),
    architectures: trained.map((evaluated) => ({
      hash: evaluated.candidate.hash,
      description: describeGenome(evaluated.candidate.genome),
      fitness: isFailed(evaluated) ? 0 : evaluated.fitness,
      params: evaluated.metrics?.params ?? 0,
      failed: isFailed(evaluated),
    })),
  };
}

/** Adds one evaluated candidate to the run in progress. */
export function candidateEvaluated(state: ComparisonState, index: number, evaluated: EvaluatedCandidate): ComparisonState {
  return updateRun(state, index, (run) => {
    const candidates = [...run.evaluated, evaluated];
    return { ...summarise(run, candidates), evaluated: candidates, elapsedMs: evaluated.finishedAt };
  });
}

/** Records a run's end from its result, whose candidates are complete and in proposal order. */
export function runFinished(state: ComparisonState, index: number, result: RunResult): ComparisonState {
  return updateRun(state, index, (run) => ({
    ...summarise(run, result.candidates),
    evaluated: [],
    status: result.status,
    elapsedMs: result.elapsedMs,
    message: result.message ?? null,
  }));
}

/** Ends the comparison. Runs that never started stay queued, so the view can report them as skipped. */
export function comparisonFinished(state: ComparisonState, message: string | null): ComparisonState {
  return { ...state, phase: 'finished', current: -1, message };
}
