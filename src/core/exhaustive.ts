/**
 * Exhaustive enumeration of chain architectures, the exact search that gives the optimum
 * over a small space as ground truth for the other strategies.
 *
 * A chain of length d is input → p1 → … → pd → output head. Each primitive p is a
 * single-input kind the candidate set lists, with one combination of the parameter values
 * the set allows, and parameters the set does not list keep the registry default. The space
 * contains every chain of length 1 to `maxDepth` that `analyzeGenome` accepts: chains are counted and
 * enumerated up to the depth, not only at it, so that a short network that fits the target
 * best is found too. Merge kinds (add, concatenate) take no part, since a chain has no
 * branches.
 */

import { DEFAULT_LIMITS, analyzeGenome, chainGenome, type Genome, type SizeLimits } from './genome';
import { LAYERS, ShapeError, defaultParams, product, type LayerKind, type LayerParams, type Shape, type ShapeContext } from './layers';
import type { CandidateSet } from './strategy';
import { candidateLayer, placeableKinds } from './candidate-set';

export const DEFAULT_MAX_DEPTH = 2;
export const MAX_DEPTH_RANGE = { min: 1, max: 8 } as const;
/** Largest space `createStrategy` accepts for the exhaustive strategy. */
export const EXHAUSTIVE_LIMIT = 2_000;
/** Spaces up to this many shape-valid chains are enumerated to count them exactly. */
const EXACT_COUNT_LIMIT = 20_000;

/** One primitive: a kind with one combination of its allowed parameter values. */
export interface Primitive {
  readonly kind: LayerKind;
  readonly params: LayerParams;
}

/** Returns the maximum chain length of a set: its `maxDepth`, or `DEFAULT_MAX_DEPTH`. */
export function maxDepthOf(set: CandidateSet): number {
  return set.maxDepth ?? DEFAULT_MAX_DEPTH;
}

/** Lists what is wrong with a set's `maxDepth`, if anything. */
export function maxDepthProblems(set: CandidateSet): string[] {
  const depth = set.maxDepth;
  if (depth === undefined) return [];
  if (!Number.isInteger(depth) || depth < MAX_DEPTH_RANGE.min || depth > MAX_DEPTH_RANGE.max) {
    return [`The candidate set's maxDepth must be a whole number from ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max}, got ${String(depth)}.`];
  }
  return [];
}

/**
 * Lists every parameter combination of one kind: the product of the values the set lists
 * for each parameter, in the listed order, the first parameter varying slowest.
 */
export function layerVariants(set: CandidateSet, kind: LayerKind): LayerParams[] {
  const entry = candidateLayer(set, kind);
  let variants: LayerParams[] = [defaultParams(kind)];
  if (!entry) return variants;
  for (const name of Object.keys(LAYERS[kind].params)) {
    const values = entry.params[name];
    if (!values || values.length === 0) continue;
    variants = variants.flatMap((params) => values.map((value) => ({ ...params, [name]: value })));
  }
  return variants;
}

/** Lists every primitive of the set: each single-input kind in set order with each of its variants. */
export function primitivesOf(set: CandidateSet): Primitive[] {
  return placeableKinds(set).flatMap((kind) => layerVariants(set, kind).map((params) => ({ kind, params })));
}

/**
 * Returns the output shape of `primitive` on `input`, or null when its shape rule rejects
 * the input, the shape is empty, or one example's activation exceeds the size limit.
 */
function stepShape(primitive: Primitive, input: Shape, context: ShapeContext, limits: SizeLimits): Shape | null {
  let shape: Shape;
  try {
    shape = LAYERS[primitive.kind].outputShape([input], primitive.params, context);
  } catch (error) {
    if (error instanceof ShapeError) return null;
    throw error;
  }
  if (shape.some((d) => !Number.isInteger(d) || d < 1)) return null;
  return product(shape) <= limits.maxActivation ? shape : null;
}

export interface EnumerationOptions {
  /** Maximum chain length; defaults to the set's `maxDepth`. */
  readonly maxDepth?: number;
  readonly limits?: SizeLimits;
}

/**
 * Yields every valid chain, shortest first, and within one length in lexicographic order of
 * `primitivesOf(set)`. A prefix whose shapes already fail is not extended, because no layer
 * after it can make it valid again.
 */
export function* enumerateChains(set: CandidateSet, context: ShapeContext, options: EnumerationOptions = {}): Generator<Genome> {
  const maxDepth = options.maxDepth ?? maxDepthOf(set);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const primitives = primitivesOf(set);

  for (let depth = 1; depth <= maxDepth; depth++) {
    const chain: Primitive[] = [];
    const shapes: Shape[] = [context.inputShape];
    // Iterative depth-first walk: `next[level]` is the next primitive index to try at that level.
    const next = [0];
    while (next.length > 0) {
      const level = next.length - 1;
      if (next[level] >= primitives.length) {
        next.pop();
        chain.pop();
        shapes.pop();
        continue;
      }
      const primitive = primitives[next[level]++];
      const shape = stepShape(primitive, shapes[level], context, limits);
      if (!shape) continue;
      if (level + 1 === depth) {
        const genome = chainGenome([...chain, primitive]);
        if (analyzeGenome(genome, context, limits).valid) yield genome;
        continue;
      }
      chain.push(primitive);
      shapes.push(shape);
      next.push(0);
    }
  }
}

/**
 * Counts chains of each length 1 to `maxDepth` whose shapes are valid, by dynamic
 * programming over the shape after each prefix. It ignores the limit on the total parameter
 * count, which depends on the whole chain, so it is an upper bound of what
 * `enumerateChains` yields.
 */
export function countShapeValidChains(set: CandidateSet, context: ShapeContext, maxDepth: number, limits: SizeLimits = DEFAULT_LIMITS): number[] {
  const primitives = primitivesOf(set);
  let states = new Map<string, { shape: Shape; count: number }>([[String(context.inputShape), { shape: context.inputShape, count: 1 }]]);
  const byDepth: number[] = [];
  for (let depth = 1; depth <= maxDepth; depth++) {
    const nextStates = new Map<string, { shape: Shape; count: number }>();
    for (const { shape, count } of states.values()) {
      for (const primitive of primitives) {
        const out = stepShape(primitive, shape, context, limits);
        if (!out) continue;
        const key = String(out);
        const state = nextStates.get(key) ?? { shape: out, count: 0 };
        state.count += count;
        nextStates.set(key, state);
      }
    }
    byDepth.push([...nextStates.values()].reduce((sum, state) => sum + state.count, 0));
    states = nextStates;
  }
  return byDepth;
}

export interface ExhaustiveCount {
  /** Valid chains of length 1 to `maxDepth`. */
  readonly count: number;
  /** Chains of each length, index 0 holding length 1. */
  readonly byDepth: readonly number[];
  /** False when the space was too large to enumerate, so `count` is an upper bound. */
  readonly exact: boolean;
  readonly maxDepth: number;
  /** Number of primitives (kinds times parameter combinations). */
  readonly primitives: number;
  /** True when `count` is within `EXHAUSTIVE_LIMIT`, so `createStrategy` accepts the space. */
  readonly withinLimit: boolean;
  /** Estimated wall time in milliseconds, from the time per candidate and the worker count given; null when no time was given. */
  readonly estimatedMs: number | null;
}

export interface CountOptions {
  readonly limits?: SizeLimits;
  /** Measured or expected training time of one candidate. */
  readonly msPerCandidate?: number;
  /** Workers training in parallel; 1 when absent. */
  readonly workers?: number;
}

/**
 * Counts the exhaustive space of a candidate set before running it, with an estimate of
 * the time it takes. Small spaces are enumerated and counted exactly; larger ones get the
 * shape-valid upper bound.
 */
export function countExhaustive(set: CandidateSet, context: ShapeContext, options: CountOptions = {}): ExhaustiveCount {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxDepth = maxDepthOf(set);
  let byDepth = countShapeValidChains(set, context, maxDepth, limits);
  let count = byDepth.reduce((sum, value) => sum + value, 0);
  const exact = count <= EXACT_COUNT_LIMIT;
  if (exact) {
    const counts = new Array<number>(maxDepth).fill(0);
    for (const genome of enumerateChains(set, context, { maxDepth, limits })) counts[genome.nodes.length - 3]++;
    byDepth = counts;
    count = counts.reduce((sum, value) => sum + value, 0);
  }
  const workers = Math.max(1, options.workers ?? 1);
  return {
    count,
    byDepth,
    exact,
    maxDepth,
    primitives: primitivesOf(set).length,
    withinLimit: count <= EXHAUSTIVE_LIMIT,
    estimatedMs: options.msPerCandidate === undefined ? null : (count * options.msPerCandidate) / workers,
  };
}

/**
 * Explains why a space is too large and how to shrink it, naming the set's largest
 * parameter lists and the count one step shorter would give.
 */
export function exhaustiveLimitMessage(set: CandidateSet, context: ShapeContext, count: ExhaustiveCount): string {
  const kinds = placeableKinds(set);
  const widest = kinds
    .flatMap((kind) =>
      Object.entries(candidateLayer(set, kind)?.params ?? {}).map(([name, values]) => ({
        // Named as the candidate set dialog labels them: "Dense units".
        name: `${LAYERS[kind].label} ${(LAYERS[kind].params[name]?.label ?? name).toLowerCase()}`,
        values: values.length,
      })),
    )
    .filter((entry) => entry.values > 1)
    .sort((a, b) => b.values - a.values)
    .slice(0, 3)
    .map((entry) => `${entry.name}: ${entry.values} values`);
  const hints = [`enable fewer layer kinds (${kinds.length} now: ${kinds.map((kind) => LAYERS[kind].label).join(', ')})`];
  if (widest.length > 0) hints.push(`list fewer values per parameter (${widest.join(', ')})`);
  if (count.maxDepth > 1) {
    const shorter = countShapeValidChains(set, context, count.maxDepth - 1).reduce((sum, value) => sum + value, 0);
    hints.push(`lower the maximum depth from ${count.maxDepth} to ${count.maxDepth - 1} (about ${shorter.toLocaleString('en-US')} chains)`);
  }
  const size = `${count.exact ? '' : 'up to '}${count.count.toLocaleString('en-US')}`;
  return (
    `The exhaustive space has ${size} chains of 1 to ${count.maxDepth} layers from ${count.primitives} primitives, ` +
    `above the limit of ${EXHAUSTIVE_LIMIT.toLocaleString('en-US')}. Shrink it: ${hints.join('; ')}.`
  );
}
