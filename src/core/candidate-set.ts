/**
 * Candidate sets: the primitives a search may place and the values each parameter may
 * take, with defaults per input rank, validation, and seeded sampling.
 */

import type { Rng } from './rng';
import type { CandidateLayer, CandidateSet } from './strategy';
import {
  LAYERS,
  checkParam,
  defaultParams,
  isLayerKind,
  isMergeKind,
  type LayerKind,
  type LayerParams,
  type ParamValue,
  type Shape,
} from './layers';

const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'elu', 'selu', 'sigmoid'];
const DROPOUT_RATES = [0.1, 0.25, 0.5];

/** A layer drawn from a candidate set. */
export interface SampledLayer {
  readonly kind: LayerKind;
  readonly params: LayerParams;
}

const layer = (kind: LayerKind, params: Record<string, readonly ParamValue[]> = {}): CandidateLayer => ({ kind, params });

const MERGES: readonly CandidateLayer[] = [layer('add'), layer('concatenate')];

const REGULARISERS: readonly CandidateLayer[] = [
  layer('dropout', { rate: DROPOUT_RATES }),
  layer('batchNormalization'),
  layer('activation', { activation: HIDDEN_ACTIVATIONS }),
];

/**
 * Returns the candidate set a search starts from for inputs of this shape: convolutions
 * and pooling for images [height, width, channels], recurrent layers for sequences
 * [timesteps, features], and dense layers with regularisers for every input.
 */
export function defaultCandidateSet(inputShape: Shape): CandidateSet {
  if (inputShape.length === 3) {
    return {
      layers: [
        layer('conv2d', { filters: [8, 16, 32], kernelSize: [3, 5], padding: ['same'], activation: ['relu', 'elu'] }),
        layer('maxPooling2d', { poolSize: [2], padding: ['same'] }),
        layer('flatten'),
        layer('dense', { units: [16, 32, 64, 128, 256], activation: HIDDEN_ACTIVATIONS }),
        ...REGULARISERS,
        ...MERGES,
      ],
    };
  }
  if (inputShape.length === 2) {
    const recurrent = { units: [8, 16, 32], returnSequences: [true, false], activation: ['tanh'] };
    return {
      layers: [
        layer('lstm', recurrent),
        layer('gru', recurrent),
        layer('simpleRNN', recurrent),
        layer('dense', { units: [8, 16, 32, 64], activation: HIDDEN_ACTIVATIONS }),
        layer('flatten'),
        ...REGULARISERS,
        ...MERGES,
      ],
    };
  }
  return {
    layers: [
      layer('dense', { units: [8, 16, 32, 64, 128], activation: HIDDEN_ACTIVATIONS }),
      ...REGULARISERS,
      ...MERGES,
    ],
  };
}

/** Lists what is wrong with a candidate set, naming each kind, parameter and value. */
export function candidateSetProblems(set: CandidateSet): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();

  for (const entry of set.layers) {
    const kind: unknown = entry.kind;
    if (!isLayerKind(kind) || kind === 'input' || kind === 'output') {
      problems.push(`The candidate set names unknown layer kind "${String(kind)}"; use one of the palette's layers.`);
      continue;
    }
    if (kind === 'moduleSlot') {
      problems.push('The candidate set lists moduleSlot, a placeholder that a search fills; remove it from the set.');
      continue;
    }
    if (seen.has(kind)) problems.push(`The candidate set lists ${kind} twice; merge its parameter values into one entry.`);
    seen.add(kind);

    for (const [param, values] of Object.entries(entry.params)) {
      if (!(param in LAYERS[kind].params)) {
        const known = Object.keys(LAYERS[kind].params);
        problems.push(`The candidate set gives ${kind} an unknown parameter "${param}"; it accepts ${known.length ? known.join(', ') : 'none'}.`);
        continue;
      }
      if (values.length === 0) problems.push(`The candidate set gives ${kind}.${param} no values; list at least one.`);
      for (const value of values) {
        const problem = checkParam(kind, param, value);
        if (problem) problems.push(`In the candidate set, ${problem}`);
      }
    }
  }

  if (set.layers.length === 0) {
    problems.push('The candidate set is empty: enable at least one layer kind.');
  } else if (seen.size > 0 && placeableKinds(set).length === 0) {
    problems.push('The candidate set contains only merge layers: enable at least one layer that is not add or concatenate.');
  }
  return problems;
}

/** Throws an Error listing every problem when the candidate set is invalid. */
export function validateCandidateSet(set: CandidateSet): void {
  const problems = candidateSetProblems(set);
  if (problems.length > 0) throw new Error(`Invalid candidate set:\n- ${problems.join('\n- ')}`);
}

/** Kinds of the set that take one input, which mutations insert as layers. */
export function placeableKinds(set: CandidateSet): LayerKind[] {
  return set.layers.map((entry) => entry.kind).filter((kind) => isLayerKind(kind) && !isMergeKind(kind));
}

/** Merge kinds (add, concatenate) that structural mutations may use to join branches. */
export function mergeKinds(set: CandidateSet): LayerKind[] {
  return set.layers.map((entry) => entry.kind).filter((kind) => isLayerKind(kind) && isMergeKind(kind));
}

export function candidateLayer(set: CandidateSet, kind: LayerKind): CandidateLayer | undefined {
  return set.layers.find((entry) => entry.kind === kind);
}

/**
 * Draws parameters for one layer: listed parameters take one of their values uniformly,
 * and the rest keep the registry default.
 */
export function sampleParams(kind: LayerKind, set: CandidateSet, rng: Rng): LayerParams {
  const entry = candidateLayer(set, kind);
  if (!entry) {
    throw new Error(`Cannot sample ${kind}: the candidate set does not list it. Add it to the candidate set or pick another kind.`);
  }
  const params = defaultParams(kind);
  for (const name of Object.keys(params)) {
    const values = entry.params[name];
    if (values && values.length > 0) params[name] = rng.pick(values);
  }
  return params;
}

/**
 * Relative chance of each kind being drawn. Layers with weights come three times as often
 * as the rest, so that one-layer starting modules mostly learn something.
 */
export function kindWeight(kind: LayerKind): number {
  const group = LAYERS[kind].group;
  if (group === 'core' && kind === 'dense') return 3;
  if (group === 'convolution' || group === 'recurrent') return 3;
  if (group === 'pooling' || kind === 'flatten') return 1.5;
  return 1;
}

/** Draws a kind from `kinds` by `kindWeight`. */
export function sampleKind(kinds: readonly LayerKind[], rng: Rng): LayerKind {
  return kinds[rng.weightedIndex(kinds.map(kindWeight))];
}

/** Draws one single-input layer from the set: a weighted kind, then its parameters. */
export function sampleLayer(set: CandidateSet, rng: Rng): SampledLayer {
  const kinds = placeableKinds(set);
  if (kinds.length === 0) {
    throw new Error('Cannot sample a layer: the candidate set contains no layer besides add and concatenate.');
  }
  const kind = sampleKind(kinds, rng);
  return { kind, params: sampleParams(kind, set, rng) };
}
