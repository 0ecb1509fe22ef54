/**
 * Restoring a run configuration from untrusted input (a link, a run file): start from the
 * task's defaults, take each supplied value that the config schema accepts, clamp numbers
 * into their range, and note every value that was ignored or changed. The result always
 * passes `parseRunConfig`.
 */

import * as v from 'valibot';
import { candidateSetProblems } from '../../core/candidate-set';
import { MAX_DEPTH_RANGE } from '../../core/exhaustive';
import { LAYERS, checkParam, isLayerKind, type LayerKind, type ParamValue } from '../../core/layers';
import type { CandidateLayer, CandidateSet } from '../../core/strategy';
import { TASKS } from '../../data/tasks';
import { MAX_TOY_SAMPLES } from '../../data/toy';
import type { TaskId } from '../../data/types';
import type { RunConfig } from '../../workers/run-config';
import { MAX_FILE_NAME, NUMERIC_FIELDS, defaultRunConfig, fileShapeProblem, parseRunConfig, runConfigSchema, type NumericPath } from '../config';
import { unknownKindName } from './link-format';
import type { RestoreNote } from './share-state';

const PICKLIST_PATHS = ['search.strategy', 'search.earlyStopping', 'training.optimizer', 'backend'] as const;
type PicklistPath = (typeof PICKLIST_PATHS)[number];

/** Every field path the restore reads; other keys of the input are noted as ignored. */
const KNOWN_PATHS = new Set<string>(['task.id', 'task.file', 'task.fileShape', ...Object.keys(NUMERIC_FIELDS), ...PICKLIST_PATHS, 'search.candidateSet', 'seedGenome']);
const KNOWN_GROUPS = new Set(['task', 'search', 'training']);

const MAX_CANDIDATE_VALUES = 32;

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
};

/** Reads the value at a dot path of untrusted input, or undefined where the path does not exist. */
export function readPath(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Returns the schema of one field of `runConfigSchema`, found by its dot path. */
function fieldSchema(path: string): v.GenericSchema {
  let schema = runConfigSchema as unknown as { entries: Record<string, unknown> };
  for (const key of path.split('.')) schema = schema.entries[key] as { entries: Record<string, unknown> };
  // An optional field is restored like a required one: a value that is present must be valid.
  const optional = schema as unknown as { type?: string; wrapped?: unknown };
  return (optional.type === 'optional' ? optional.wrapped : schema) as v.GenericSchema;
}

function setPath(config: RunConfig, path: string, value: unknown): RunConfig {
  const [head, tail] = path.split('.');
  const record = config as unknown as Record<string, Record<string, unknown>>;
  if (tail === undefined) return { ...config, [head]: value };
  return { ...config, [head]: { ...record[head], [tail]: value } } as RunConfig;
}

/** Clamps a supplied number into the field's range (rounding integer fields); null when it is not a finite number. */
function clampNumber(path: NumericPath, value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const field = NUMERIC_FIELDS[path];
  const rounded = field.integer ? Math.round(value) : value;
  return Math.min(field.max, Math.max(field.min, rounded));
}

function restoreNumber(config: RunConfig, input: unknown, path: NumericPath, notes: RestoreNote[]): RunConfig {
  const supplied = readPath(input, path);
  if (supplied === undefined) return config;
  const fallback = readPath(config, path);
  const clamped = clampNumber(path, supplied);
  if (clamped === null || !v.is(fieldSchema(path), clamped)) {
    notes.push({ field: path, reason: `must be a number, got ${describe(supplied)}; the default ${String(fallback)} was used.` });
    return config;
  }
  if (clamped !== supplied) {
    const field = NUMERIC_FIELDS[path];
    notes.push({ field: path, reason: `${describe(supplied)} is outside ${field.min} to ${field.max}${field.integer ? ' or not whole' : ''}; ${clamped} was used.` });
  }
  return setPath(config, path, clamped);
}

function restorePicklist(config: RunConfig, input: unknown, path: PicklistPath, notes: RestoreNote[]): RunConfig {
  const supplied = readPath(input, path);
  if (supplied === undefined) return config;
  if (v.is(fieldSchema(path), supplied)) return setPath(config, path, supplied);
  const options = (fieldSchema(path) as unknown as { options: readonly string[] }).options;
  notes.push({ field: path, reason: `must be one of ${options.join(', ')}, got ${describe(supplied)}; the default ${String(readPath(config, path))} was used.` });
  return config;
}

function restoreCandidateLayer(entry: unknown, index: number, notes: RestoreNote[]): CandidateLayer | null {
  const field = `search.candidateSet[${index}]`;
  const kind = readPath(entry, 'kind');
  if (!isLayerKind(kind) || kind === 'input' || kind === 'output') {
    notes.push({ field, reason: `names the unknown layer kind ${unknownKindName(kind)}; it was dropped.` });
    return null;
  }
  if (kind === 'moduleSlot') {
    notes.push({ field, reason: 'names moduleSlot, a placeholder that a search fills rather than places; it was dropped.' });
    return null;
  }
  const params: Record<string, ParamValue[]> = {};
  const supplied = readPath(entry, 'params');
  const entries = typeof supplied === 'object' && supplied !== null && !Array.isArray(supplied) ? Object.entries(supplied) : [];
  for (const [name, values] of entries) {
    if (!Object.hasOwn(LAYERS[kind].params, name)) {
      notes.push({ field: `${field}.${kind}.${name}`, reason: `is not a parameter of ${kind}; it was ignored.` });
      continue;
    }
    const list = Array.isArray(values) ? values.slice(0, MAX_CANDIDATE_VALUES) : [];
    const valid = [...new Set(list.filter((value) => checkParam(kind, name, value) === null))] as ParamValue[];
    if (valid.length < (Array.isArray(values) ? values.length : 1)) {
      notes.push({ field: `${field}.${kind}.${name}`, reason: 'had values outside the accepted range; they were dropped.' });
    }
    if (valid.length > 0) params[name] = valid;
  }
  return { kind: kind as LayerKind, params };
}

function restoreCandidateSet(config: RunConfig, input: unknown, notes: RestoreNote[]): RunConfig {
  const supplied = readPath(input, 'search.candidateSet');
  if (supplied === undefined) return config;
  const entries = readPath(supplied, 'layers');
  if (!Array.isArray(entries)) {
    notes.push({ field: 'search.candidateSet', reason: 'is not a list of layers; the task default was used.' });
    return config;
  }
  const layers: CandidateLayer[] = [];
  entries.slice(0, 64).forEach((entry, index) => {
    const layer = restoreCandidateLayer(entry, index, notes);
    if (layer === null) return;
    if (layers.some((known) => known.kind === layer.kind)) {
      notes.push({ field: `search.candidateSet[${index}]`, reason: `lists ${layer.kind} a second time; the repeat was dropped.` });
      return;
    }
    layers.push(layer);
  });
  if (entries.length > 64) notes.push({ field: 'search.candidateSet', reason: `lists ${entries.length} layers; only the first 64 were kept.` });

  const set: CandidateSet = { layers, ...restoreMaxDepth(supplied, notes) };
  const problems = candidateSetProblems(set);
  if (problems.length > 0) {
    notes.push({ field: 'search.candidateSet', reason: `${problems.join(' ')} The task default was used.` });
    return config;
  }
  return setPath(config, 'search.candidateSet', set);
}

/** Restores the data-file task's file name; other tasks have none. */
function restoreFileName(config: RunConfig, input: unknown, notes: RestoreNote[]): RunConfig {
  const supplied = readPath(input, 'task.file');
  if (supplied === undefined) return config;
  if (config.task.id !== 'custom') {
    notes.push({ field: 'task.file', reason: `names a data file, but the task is ${config.task.id}; it was ignored.` });
    return config;
  }
  if (typeof supplied !== 'string' || supplied === '' || supplied.length > MAX_FILE_NAME) {
    notes.push({ field: 'task.file', reason: `must be a file name of 1 to ${MAX_FILE_NAME} characters, got ${describe(supplied)}; it was ignored.` });
    return config;
  }
  return { ...config, task: { ...config.task, file: supplied } };
}

/**
 * Restores the shape a data-file setup recorded. Without it, or with an invalid one, the
 * editor shows the networks for a placeholder task until the file is chosen.
 */
function restoreFileShape(config: RunConfig, input: unknown, notes: RestoreNote[]): RunConfig {
  const supplied = readPath(input, 'task.fileShape');
  if (supplied === undefined) return config;
  const field = 'task.fileShape';
  if (config.task.id !== 'custom') {
    notes.push({ field, reason: `describes a data file, but the task is ${config.task.id}; it was ignored.` });
    return config;
  }
  // A shape without its file's name would stand for whatever file is loaded.
  if (config.task.file === undefined) {
    notes.push({ field, reason: 'describes a data file, but no valid file name came with it; it was ignored.' });
    return config;
  }
  if (typeof supplied !== 'object' || supplied === null || Array.isArray(supplied)) {
    notes.push({ field, reason: `must be an object with kind, features and outputs, got ${describe(supplied)}; it was ignored.` });
    return config;
  }
  const shape = { kind: readPath(supplied, 'kind'), features: readPath(supplied, 'features'), outputs: readPath(supplied, 'outputs') };
  const problem = fileShapeProblem(shape);
  if (problem !== null) {
    notes.push({ field, reason: `is invalid: ${problem}. It was ignored, and the networks take the file's shape once it is chosen.` });
    return config;
  }
  return { ...config, task: { ...config.task, fileShape: shape as NonNullable<RunConfig['task']['fileShape']> } };
}

/** Restores the candidate set's `maxDepth`, clamped into its range; absent when not supplied or not a number. */
function restoreMaxDepth(supplied: unknown, notes: RestoreNote[]): { maxDepth?: number } {
  const value = readPath(supplied, 'maxDepth');
  if (value === undefined) return {};
  const field = 'search.candidateSet.maxDepth';
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    notes.push({ field, reason: `must be a number, got ${describe(value)}; the default was used.` });
    return {};
  }
  const clamped = Math.min(MAX_DEPTH_RANGE.max, Math.max(MAX_DEPTH_RANGE.min, Math.round(value)));
  if (clamped !== value) notes.push({ field, reason: `${value} is outside ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max} or not whole; ${clamped} was used.` });
  return { maxDepth: clamped };
}

function noteUnknownKeys(input: unknown, notes: RestoreNote[]): void {
  if (typeof input !== 'object' || input === null) return;
  for (const [key, value] of Object.entries(input)) {
    if (KNOWN_GROUPS.has(key) && typeof value === 'object' && value !== null) {
      for (const inner of Object.keys(value)) {
        if (!KNOWN_PATHS.has(`${key}.${inner}`)) notes.push({ field: `${key}.${inner}`, reason: 'is not a known setting; it was ignored.' });
      }
    } else if (!KNOWN_PATHS.has(key)) {
      notes.push({ field: key, reason: 'is not a known setting; it was ignored.' });
    }
  }
}

/**
 * Restores a run configuration from untrusted input. Missing fields take the task's
 * defaults; invalid ones are noted in `notes` and replaced by the default. The returned
 * configuration has no `seedGenome`: a graph is restored apart, against the task's shapes.
 */
export function restoreRunConfig(input: unknown, notes: RestoreNote[]): RunConfig {
  const suppliedTask = readPath(input, 'task.id');
  let taskId: TaskId = 'spiral';
  if (v.is(fieldSchema('task.id'), suppliedTask)) taskId = suppliedTask as TaskId;
  else notes.push({ field: 'task.id', reason: `${suppliedTask === undefined ? 'is missing' : `names no task (${describe(suppliedTask)})`}; the ${taskId} task was used.` });

  let config = defaultRunConfig(taskId);
  noteUnknownKeys(input, notes);
  for (const path of Object.keys(NUMERIC_FIELDS) as NumericPath[]) config = restoreNumber(config, input, path, notes);
  for (const path of PICKLIST_PATHS) config = restorePicklist(config, input, path, notes);
  config = restoreCandidateSet(config, input, notes);
  config = restoreFileName(config, input, notes);
  config = restoreFileShape(config, input, notes);

  if (TASKS[config.task.id].origin === 'generated' && config.task.samples > MAX_TOY_SAMPLES) {
    notes.push({ field: 'task.samples', reason: `${config.task.samples} is above ${MAX_TOY_SAMPLES}, the limit for generated tasks; ${MAX_TOY_SAMPLES} was used.` });
    config = setPath(config, 'task.samples', MAX_TOY_SAMPLES);
  }

  const parsed = parseRunConfig(config);
  if (!parsed.ok) {
    // NOTE: every field was checked above, so this is reached only if the schema gains a rule the restore does not know.
    for (const error of parsed.errors) notes.push({ field: 'config', reason: `${error} The defaults were used.` });
    return defaultRunConfig(taskId);
  }
  return parsed.config;
}
