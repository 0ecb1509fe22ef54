/**
 * A finished comparison as text, so that the page can keep it over a reload of its tab. The
 * text comes back from storage that other code, or another version of the app, may have
 * written, so reading checks every field the comparison views use and gives null for
 * anything else.
 */

import type { CurvePoint } from '../../core/curves';
import type { Genome } from '../../core/genome';
import type { ComparisonPlan, ComparisonSeries } from '../comparison-plan';
import type { ComparisonBest, ComparisonRunRecord, ComparisonState, TrainedArchitecture } from '../comparison-state';
import { parseRunConfig } from '../config';
import { shapeContextOf } from '../graph-context';
import { parseJsonSafely } from '../share/safe-json';
import { restoreGenome } from '../share/restore-share';
import type { RunConfig } from '../../workers/run-config';

/** Changes whenever the record's shape does; a record of another version is dropped. */
const RECORD_VERSION = 1;

const RUN_STATUSES: readonly ComparisonRunRecord['status'][] = ['queued', 'running', 'completed', 'stopped', 'time-budget', 'failed'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 10_000;

/** Writes a finished comparison as text; null for one that has not finished or ran nothing. */
export function comparisonRecordText(state: ComparisonState): string | null {
  // A plan rejected before it ran finishes with no runs; it does not replace the comparison kept before.
  if (state.phase !== 'finished' || state.plan === null || state.runs.length === 0) return null;
  // The runs' evaluated candidates only feed the live views, and the state clears them at each run's end.
  const runs = state.runs.map((run) => ({ ...run, evaluated: [] }));
  return JSON.stringify({ version: RECORD_VERSION, state: { ...state, runs } });
}

/** Reads a comparison written by `comparisonRecordText`, or returns null when any part of it is invalid. */
export function readComparisonRecord(text: string): ComparisonState | null {
  const parsed = parseJsonSafely(text);
  if (!parsed.ok || !isRecord(parsed.value) || parsed.value.version !== RECORD_VERSION) return null;
  const state = parsed.value.state;
  if (!isRecord(state) || state.phase !== 'finished' || !Array.isArray(state.runs)) return null;

  const plan = readPlan(state.plan);
  if (plan === null) return null;
  const configs = new Map(plan.series.map((series) => [series.id, series.config]));
  const runs: ComparisonRunRecord[] = [];
  for (const value of state.runs) {
    const run = readRun(value, configs);
    if (run === null) return null;
    runs.push(run);
  }
  return {
    id: isText(state.id) ? state.id : null,
    phase: 'finished',
    plan,
    runs,
    current: -1,
    startedAt: isFiniteNumber(state.startedAt) ? state.startedAt : null,
    message: isText(state.message) ? state.message : null,
  };
}

function readPlan(value: unknown): ComparisonPlan | null {
  if (!isRecord(value) || !isText(value.title) || !Array.isArray(value.series) || !Array.isArray(value.seeds)) return null;
  if (!isFiniteNumber(value.budget) || typeof value.acrossTasks !== 'boolean' || !value.seeds.every(isFiniteNumber)) return null;
  const series: ComparisonSeries[] = [];
  for (const entry of value.series) {
    if (!isRecord(entry) || !isText(entry.id) || !isText(entry.label) || typeof entry.optimum !== 'boolean') return null;
    const parsed = parseRunConfig(entry.config);
    if (!parsed.ok) return null;
    series.push({ id: entry.id, label: entry.label, config: parsed.config, optimum: entry.optimum });
  }
  return {
    title: value.title,
    presetId: isText(value.presetId) ? value.presetId : undefined,
    series,
    seeds: value.seeds as number[],
    budget: value.budget,
    acrossTasks: value.acrossTasks,
  };
}

function readRun(value: unknown, configs: ReadonlyMap<string, RunConfig>): ComparisonRunRecord | null {
  if (!isRecord(value) || !isText(value.seriesId) || !isFiniteNumber(value.seed)) return null;
  const config = configs.get(value.seriesId);
  if (config === undefined || !RUN_STATUSES.includes(value.status as ComparisonRunRecord['status'])) return null;
  if (!Array.isArray(value.curve) || !Array.isArray(value.architectures)) return null;
  if (!isFiniteNumber(value.trained) || !isFiniteNumber(value.reused) || !isFiniteNumber(value.elapsedMs)) return null;

  const curve = value.curve.map(readCurvePoint);
  const architectures = value.architectures.map(readArchitecture);
  if (curve.includes(null) || architectures.includes(null)) return null;
  const best = value.best === null ? null : readBest(value.best, config);
  if (best === undefined) return null;
  return {
    seriesId: value.seriesId,
    seed: value.seed,
    status: value.status as ComparisonRunRecord['status'],
    curve: curve as CurvePoint[],
    trained: value.trained,
    reused: value.reused,
    best,
    architectures: architectures as TrainedArchitecture[],
    elapsedMs: value.elapsedMs,
    message: isText(value.message) ? value.message : null,
    evaluated: [],
  };
}

function readCurvePoint(value: unknown): CurvePoint | null {
  return isRecord(value) && isFiniteNumber(value.evaluations) && isFiniteNumber(value.best) ? { evaluations: value.evaluations, best: value.best } : null;
}

function readArchitecture(value: unknown): TrainedArchitecture | null {
  if (!isRecord(value) || !isText(value.hash) || !isText(value.description) || typeof value.failed !== 'boolean') return null;
  if (!isFiniteNumber(value.fitness) || !isFiniteNumber(value.params)) return null;
  return { hash: value.hash, description: value.description, fitness: value.fitness, params: value.params, failed: value.failed };
}

/** Reads a run's best network, checked against its series' task; undefined when invalid. */
function readBest(value: unknown, config: RunConfig): ComparisonBest | undefined {
  if (!isRecord(value) || !isText(value.candidateId) || !isText(value.description)) return undefined;
  if (!isFiniteNumber(value.fitness) || !isFiniteNumber(value.params)) return undefined;
  const genome: Genome | null = restoreGenome(value.genome, shapeContextOf(config), 'best', []);
  if (genome === null) return undefined;
  return { candidateId: value.candidateId, fitness: value.fitness, params: value.params, description: value.description, genome };
}
