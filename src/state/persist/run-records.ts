/**
 * The records a run leaves in IndexedDB, and the reading side of their schema versions.
 * Records carry a `schema` number. A record of an older schema is migrated as it is read.
 * One that is damaged, or written by a newer version of the app, is skipped with a note, so
 * a stored run cannot stop the page from opening.
 */

import { STRATEGY_NAMES, type GenerationSummary, type StrategyName } from '../../core/strategy';
import { TASK_IDS, type TaskId, type TaskKind } from '../../data/types';
import type { EvaluatedCandidate, RunStatus } from '../../workers/coordinator';
import type { RunConfig } from '../../workers/run-config';
import { restoreRunConfig } from '../share/restore-config';
import type { RestoreNote } from '../share/share-state';

/**
 * Schema 1 is the current record shape. Schema 0 names records written before records had a
 * `schema` field, which lacked `name` and `strategy`; reading fills both from the config.
 */
export const RECORD_SCHEMA = 1;

/** `running` while a page runs the search. A `running` record whose run lock no page has was interrupted. */
export type StoredRunStatus = 'running' | RunStatus;

export interface RunRecord {
  readonly schema: typeof RECORD_SCHEMA;
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly status: StoredRunStatus;
  readonly taskId: TaskId;
  readonly strategy: StrategyName;
  readonly bestFitness: number | null;
  /** The task's kind when the run started; a data file's is not known without the file. Absent in older records. */
  readonly kind?: TaskKind;
  readonly evaluations: number;
  readonly elapsedMs: number;
  /** The config the run started with, its hand-built graph in `seedGenome`. */
  readonly config: RunConfig;
  /** Canvas positions of the hand-built graph as `[id, x, y]`. */
  readonly positions?: readonly (readonly [string, number, number])[];
  /**
   * Set when the run came from an imported file, or from replaying a shared link's search,
   * rather than from a search set up on this page.
   */
  readonly source?: 'imported' | 'replay';
  /** The final network, once the final retraining ended: what Export saves. */
  readonly final?: EvaluatedCandidate;
}

export interface CandidateRecord {
  readonly schema: typeof RECORD_SCHEMA;
  readonly runId: string;
  readonly candidateId: string;
  readonly result: EvaluatedCandidate;
}

export interface GenerationRecord {
  readonly schema: typeof RECORD_SCHEMA;
  readonly runId: string;
  readonly generation: number;
  readonly summary: GenerationSummary;
}

export type ReadOutcome<T> = { ok: true; record: T; notes: RestoreNote[] } | { ok: false; note: RestoreNote };

const STATUSES: readonly StoredRunStatus[] = ['running', 'completed', 'stopped', 'time-budget', 'failed'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const finiteOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** Checks the schema number: older ones are read, newer or invalid ones are reported. */
function schemaProblem(raw: Record<string, unknown>, what: string): string | null {
  const schema = raw.schema ?? 0;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 0) return `${what} has an invalid schema version ${String(schema)}; it was skipped.`;
  if (schema > RECORD_SCHEMA) return `${what} was saved by a newer version of the app (record schema ${schema}); it was skipped.`;
  return null;
}

/** Reads a stored run record of any known schema, restoring its config like a link. */
export function readRunRecord(raw: unknown): ReadOutcome<RunRecord> {
  if (!isRecord(raw) || typeof raw.id !== 'string') return { ok: false, note: { field: 'runs', reason: 'A saved run without an id was skipped.' } };
  const field = `runs.${raw.id}`;
  const problem = schemaProblem(raw, `The saved run "${raw.id}"`);
  if (problem) return { ok: false, note: { field, reason: problem } };

  const notes: RestoreNote[] = [];
  const config = restoreRunConfig(raw.config, notes);
  const seedGenome = isRecord(raw.config) ? raw.config.seedGenome : undefined;
  const positions = Array.isArray(raw.positions) ? raw.positions.filter((entry): entry is [string, number, number] => Array.isArray(entry) && typeof entry[0] === 'string' && Number.isFinite(entry[1]) && Number.isFinite(entry[2])) : undefined;
  const record: RunRecord = {
    schema: RECORD_SCHEMA,
    id: raw.id,
    name: typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.slice(0, 120) : `${config.task.id} · ${config.search.strategy}`,
    createdAt: finiteOr(raw.createdAt, 0),
    updatedAt: finiteOr(raw.updatedAt, finiteOr(raw.createdAt, 0)),
    status: STATUSES.includes(raw.status as StoredRunStatus) ? (raw.status as StoredRunStatus) : 'stopped',
    taskId: TASK_IDS.includes(raw.taskId as TaskId) ? (raw.taskId as TaskId) : config.task.id,
    strategy: STRATEGY_NAMES.includes(raw.strategy as StrategyName) ? (raw.strategy as StrategyName) : config.search.strategy,
    bestFitness: typeof raw.bestFitness === 'number' && Number.isFinite(raw.bestFitness) ? raw.bestFitness : null,
    evaluations: finiteOr(raw.evaluations, 0),
    elapsedMs: finiteOr(raw.elapsedMs, 0),
    // The graph is checked against the task when the run is opened, like a link's graph.
    config: seedGenome === undefined ? config : ({ ...config, seedGenome } as RunConfig),
    positions,
    source: raw.source === 'imported' || raw.source === 'replay' ? raw.source : undefined,
    final: readFinal(raw.final, notes),
  };
  return { ok: true, record, notes: notes.map((note) => ({ field: `${field}.${note.field}`, reason: note.reason })) };
}

/** Reads a run record's final network; a damaged one is left out with a note. */
function readFinal(raw: unknown, notes: RestoreNote[]): EvaluatedCandidate | undefined {
  if (raw === undefined) return undefined;
  if (isEvaluatedCandidate(raw)) return raw;
  notes.push({ field: 'final', reason: 'The saved final network is damaged; it was skipped, so Export saves the search\'s best candidate instead.' });
  return undefined;
}

function isEvaluatedCandidate(value: unknown): value is EvaluatedCandidate {
  if (!isRecord(value) || !isRecord(value.candidate)) return false;
  const candidate = value.candidate;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.hash === 'string' &&
    typeof candidate.generation === 'number' &&
    isRecord(candidate.genome) &&
    Array.isArray(candidate.genome.nodes) &&
    typeof value.fitness === 'number' &&
    typeof value.evaluation === 'number' &&
    (value.metrics === null || isRecord(value.metrics))
  );
}

export function readCandidateRecord(raw: unknown): ReadOutcome<CandidateRecord> {
  if (!isRecord(raw)) return { ok: false, note: { field: 'candidates', reason: 'A saved candidate that is not a record was skipped.' } };
  const problem = schemaProblem(raw, `The saved candidate "${String(raw.candidateId)}"`);
  if (problem) return { ok: false, note: { field: 'candidates', reason: problem } };
  if (typeof raw.runId !== 'string' || typeof raw.candidateId !== 'string' || !isEvaluatedCandidate(raw.result)) {
    return { ok: false, note: { field: 'candidates', reason: `The saved candidate "${String(raw.candidateId)}" is damaged; it was skipped and will be trained again if the run resumes.` } };
  }
  return { ok: true, record: { schema: RECORD_SCHEMA, runId: raw.runId, candidateId: raw.candidateId, result: raw.result }, notes: [] };
}

export function readGenerationRecord(raw: unknown): ReadOutcome<GenerationRecord> {
  if (!isRecord(raw)) return { ok: false, note: { field: 'generations', reason: 'A saved generation that is not a record was skipped.' } };
  const problem = schemaProblem(raw, `The saved generation ${String(raw.generation)}`);
  if (problem) return { ok: false, note: { field: 'generations', reason: problem } };
  const summary = raw.summary;
  if (typeof raw.runId !== 'string' || typeof raw.generation !== 'number' || !isRecord(summary) || !Array.isArray(summary.populations)) {
    return { ok: false, note: { field: 'generations', reason: `The saved generation ${String(raw.generation)} is damaged; it was skipped.` } };
  }
  return { ok: true, record: { schema: RECORD_SCHEMA, runId: raw.runId, generation: raw.generation, summary: summary as unknown as GenerationSummary }, notes: [] };
}
