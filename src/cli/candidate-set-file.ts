/**
 * Reads the --candidate-set file. JSON.parse returns whatever the file contains, so its shape
 * is checked entry by entry before the set reaches code that assumes a CandidateSet.
 */

import { readFileSync } from 'node:fs';
import { candidateSetProblems } from '../core/candidate-set';
import { MAX_DEPTH_RANGE } from '../core/exhaustive';
import { isLayerKind, PLACEABLE_KINDS } from '../core/layers';
import type { CandidateSet } from '../core/strategy';
import { UsageError } from './usage-error';

const EXAMPLE_ENTRY = '{"kind": "dense", "params": {"units": [8, 16]}}';

/** Describes a parsed JSON value for a message: its type, and the value itself when short. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value} (${String(value)})`;
}

/** Writes "WHERE is missing." or "WHERE is VALUE." */
function describeAt(where: string, value: unknown): string {
  return value === undefined ? `${where} is missing.` : `${where} is ${describeValue(value)}.`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKey(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !allowed.includes(key));
}

/** Returns what is wrong with the structure of one layer entry, `layers[index]`, or null. */
function entryProblem(entry: unknown, index: number): string | null {
  const where = `layers[${index}]`;
  if (!isObject(entry)) return `${describeAt(where, entry)} It must be an object with a "kind" string and a "params" object.`;
  const extra = unknownKey(entry, ['kind', 'params']);
  if (extra !== undefined) return `${where} has the unknown key "${extra}". An entry takes only "kind" and "params".`;

  const kind = entry.kind;
  if (typeof kind !== 'string') return `${describeAt(`${where}.kind`, kind)} It must be a layer kind: ${PLACEABLE_KINDS.join(', ')}.`;
  if (!isLayerKind(kind) || !PLACEABLE_KINDS.includes(kind)) {
    return `${where}.kind "${kind}" is not a layer kind. Use one of: ${PLACEABLE_KINDS.join(', ')}.`;
  }

  const params = entry.params;
  if (!isObject(params)) {
    return `${describeAt(`${where}.params`, params)} It must be an object of value lists, such as {"units": [8, 16]}, or {} for ${kind}'s defaults.`;
  }
  for (const [name, values] of Object.entries(params)) {
    if (!Array.isArray(values)) return `${describeAt(`${where}.params.${name}`, values)} It must be a list of values, such as [${JSON.stringify(values) ?? 8}].`;
    const bad = values.findIndex((value) => !(typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))));
    if (bad >= 0) return `${describeAt(`${where}.params.${name}[${bad}]`, values[bad])} It must be a number, a string or true or false.`;
  }
  return null;
}

/** Returns what is wrong with the structure of a parsed candidate set file, or null. */
function structureProblem(value: unknown): string | null {
  if (!isObject(value)) {
    return `the file contains ${describeValue(value)}. It must be an object with a "layers" list, such as {"layers": [${EXAMPLE_ENTRY}]}.`;
  }
  const extra = unknownKey(value, ['layers', 'maxDepth']);
  if (extra !== undefined) return `the object has the unknown key "${extra}". The file takes only "layers" and "maxDepth".`;

  const layers = value.layers;
  if (!Array.isArray(layers)) return `${describeAt('"layers"', layers)} It must be a list of layer entries, such as [${EXAMPLE_ENTRY}].`;
  for (const [index, entry] of layers.entries()) {
    const problem = entryProblem(entry, index);
    if (problem) return problem;
  }

  const depth = value.maxDepth;
  if (depth !== undefined && !(Number.isInteger(depth) && (depth as number) >= MAX_DEPTH_RANGE.min && (depth as number) <= MAX_DEPTH_RANGE.max)) {
    return `${describeAt('"maxDepth"', depth)} It must be a whole number from ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max}.`;
  }
  return null;
}

/**
 * Reads a candidate set file and checks its structure and then its layers and parameter
 * values. Throws UsageError naming the file, the entry and what it must be.
 */
export function readCandidateSet(path: string): CandidateSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the candidate set file "${path}": ${error instanceof Error ? error.message : String(error)}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The candidate set file "${path}" is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }

  const problem = structureProblem(value);
  if (problem) throw new UsageError(`Invalid candidate set file "${path}": ${problem}`);
  const set = value as CandidateSet;
  const problems = candidateSetProblems(set);
  if (problems.length === 1) throw new UsageError(`Invalid candidate set file "${path}": ${problems[0]}`);
  if (problems.length > 1) throw new UsageError(`Invalid candidate set file "${path}":\n${problems.map((line) => `  ${line}`).join('\n')}`);
  return set;
}
