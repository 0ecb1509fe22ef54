/**
 * The training paces this browser measured, kept in localStorage by backend and task, so that
 * the estimate before a search rests on this machine's own speed, also after the browser was
 * closed. A pace is a few numbers, so localStorage suits it better than the runs' IndexedDB.
 */

import type { RunConfig } from '../../workers/run-config';
import { MIN_MEASURED_CANDIDATES, type PaceMeasurement } from '../run-pace';

export const PACE_STORAGE_KEY = 'nas-playground:paces';

/** Paces kept at most; the least recently measured go first. */
export const MAX_PACES = 24;

/** Measured paces by `paceKey`, least recently measured first. */
export type PaceTable = Readonly<Record<string, PaceMeasurement>>;

/**
 * Returns the key a pace is kept under: the backend preference and the task. The cost model
 * already accounts for the network, the epochs and the rows, so other settings share a pace.
 */
export function paceKey(config: Pick<RunConfig, 'backend' | 'task'>): string {
  return `${config.backend}:${config.task.id}`;
}

/**
 * Largest wall milliseconds per modelled millisecond kept: a hundred times slower than the
 * cost model, which is fitted to WASM on two cores. A larger figure comes from a broken
 * measurement or an edited entry, and would make every later estimate absurd.
 */
export const MAX_WALL_PER_MODEL_MS = 100;

/** Maximum start-up time accepted from storage, in milliseconds: ten minutes. */
export const MAX_STARTUP_MS = 600_000;

/** Returns whether `value` is a pace that a search could have measured. */
export function isValidPace(value: unknown): value is PaceMeasurement {
  if (typeof value !== 'object' || value === null) return false;
  const { wallPerModelMs, startupMs, candidates } = value as Record<string, unknown>;
  const inRange = (number: unknown, min: number, max: number) => typeof number === 'number' && Number.isFinite(number) && number >= min && number <= max;
  return (
    inRange(wallPerModelMs, Number.MIN_VALUE, MAX_WALL_PER_MODEL_MS) &&
    inRange(startupMs, 0, MAX_STARTUP_MS) &&
    Number.isInteger(candidates) &&
    (candidates as number) >= MIN_MEASURED_CANDIDATES
  );
}

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // A browser that blocks site data throws on access.
    return null;
  }
}

/** Reads the kept paces, dropping any entry that is not a valid pace. */
export function readPaces(storage: Storage | null = localStorageOrNull()): PaceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(PACE_STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter(([, pace]) => isValidPace(pace)));
}

/**
 * Returns `table` with `pace` under `key` as the most recent entry, and writes it to
 * `storage`. An invalid pace (see `isValidPace`) leaves both as they were.
 */
export function storePace(table: PaceTable, key: string, pace: PaceMeasurement, storage: Storage | null = localStorageOrNull()): PaceTable {
  if (!isValidPace(pace)) return table;
  const entries = Object.entries(table).filter(([other]) => other !== key);
  entries.push([key, { wallPerModelMs: pace.wallPerModelMs, startupMs: pace.startupMs, candidates: pace.candidates }]);
  const next = Object.fromEntries(entries.slice(-MAX_PACES));
  try {
    storage?.setItem(PACE_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // A full or blocked storage keeps the pace for this page only.
  }
  return next;
}
