/**
 * Edits of a candidate set as pure functions, for the candidate set editor: switch a layer
 * kind on or off, set the values one of its parameters may take, set the maximum chain
 * length. Each returns a new set and leaves the one given unchanged.
 */

import { defaultCandidateSet } from '../core/candidate-set';
import { MAX_DEPTH_RANGE } from '../core/exhaustive';
import { LAYERS, PLACEABLE_KINDS, type LayerKind, type ParamSpec, type ParamValue, type Shape } from '../core/layers';
import type { CandidateLayer, CandidateSet } from '../core/strategy';

/** Kinds the editor lists, in palette order. */
export const CANDIDATE_KINDS: readonly LayerKind[] = PLACEABLE_KINDS;

/**
 * Returns the entry a kind gets when switched on. The task's default candidate set lists
 * values for many kinds, and any other kind gets the registry default of each parameter.
 */
export function defaultEntry(kind: LayerKind, inputShape: Shape): CandidateLayer {
  const listed = defaultCandidateSet(inputShape).layers.find((entry) => entry.kind === kind);
  if (listed) return listed;
  const params = Object.fromEntries(Object.entries(LAYERS[kind].params).map(([name, spec]) => [name, [spec.default]]));
  return { kind, params };
}

/** Switches `kind` on (with `defaultEntry`) or off; the set keeps palette order. */
export function toggleKind(set: CandidateSet, kind: LayerKind, enabled: boolean, inputShape: Shape): CandidateSet {
  const others = set.layers.filter((entry) => entry.kind !== kind);
  if (!enabled) return { ...set, layers: others };
  if (set.layers.some((entry) => entry.kind === kind)) return set;
  const order = (entry: CandidateLayer) => CANDIDATE_KINDS.indexOf(entry.kind);
  const layers = [...others, defaultEntry(kind, inputShape)].sort((a, b) => order(a) - order(b));
  return { ...set, layers };
}

/**
 * Sets the values `kind.param` may take. An empty list removes the parameter, so it keeps
 * its registry default.
 */
export function setParamValues(set: CandidateSet, kind: LayerKind, param: string, values: readonly ParamValue[]): CandidateSet {
  return {
    ...set,
    layers: set.layers.map((entry) => {
      if (entry.kind !== kind) return entry;
      const params = { ...entry.params };
      if (values.length === 0) delete params[param];
      else params[param] = [...values];
      return { ...entry, params };
    }),
  };
}

/** Sets the maximum chain length of the exhaustive strategy, clamped to its range. */
export function setMaxDepth(set: CandidateSet, depth: number): CandidateSet {
  if (!Number.isFinite(depth)) return set;
  const clamped = Math.min(MAX_DEPTH_RANGE.max, Math.max(MAX_DEPTH_RANGE.min, Math.round(depth)));
  return { ...set, maxDepth: clamped };
}

/** Returns every value an enum or boolean parameter can take, for a row of toggles, or null for numbers. */
export function choicesOf(spec: ParamSpec): readonly ParamValue[] | null {
  if (spec.type === 'enum') return spec.values;
  if (spec.type === 'bool') return [false, true];
  return null;
}

export type ParsedValues = { ok: true; values: number[] } | { ok: false; error: string };

/**
 * Reads a list of numbers typed as "8, 16, 32" for a numeric parameter. Blank text gives an
 * empty list, which means the registry default. A value out of range or not a number gives
 * an error naming it and the range.
 */
export function parseValueList(text: string, spec: ParamSpec): ParsedValues {
  if (spec.type !== 'int' && spec.type !== 'float') return { ok: false, error: `${spec.label} takes a choice, not a list of numbers.` };
  const parts = text.split(/[,;\s]+/).filter((part) => part !== '');
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    const whole = spec.type === 'int';
    if (!Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
      const kind = whole ? 'whole numbers' : 'numbers';
      return { ok: false, error: `${spec.label}: "${part}" is not allowed; list ${kind} from ${spec.min} to ${spec.max}, separated by commas.` };
    }
    if (!values.includes(value)) values.push(value);
  }
  return { ok: true, values };
}

/** Writes a list of values as the editor shows it, e.g. "8, 16, 32". */
export function formatValueList(values: readonly ParamValue[] | undefined): string {
  return (values ?? []).map(String).join(', ');
}

/** Returns the number of parameter combinations of one entry: the product of its list lengths. */
export function variantCount(entry: CandidateLayer): number {
  return Object.values(entry.params).reduce((count, values) => count * Math.max(1, values.length), 1);
}
