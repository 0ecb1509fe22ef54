/**
 * Whether a candidate set contains the primitives that Siegelmann and Sontag need for
 * Turing equivalence ("On the computational power of neural nets", Journal of Computer
 * and System Sciences 50(1), 1995): a recurrent network whose state update is an affine map
 * of the previous state and the input followed by the saturated-linear function
 * σ(x) = min(1, max(0, x)), read out by an affine map. Their construction needs rational
 * weights and unbounded precision, so the rule states what the set can express in principle,
 * not what a float32 network trained for a few epochs will learn.
 */

import { LAYERS, defaultParams, type LayerKind } from './layers';
import type { CandidateSet } from './strategy';

export const RECURRENT_KINDS: readonly LayerKind[] = ['simpleRNN', 'gru', 'lstm'];

/** The palette's names of the kinds, as the verdict writes them: "SimpleRNN, GRU or LSTM". */
const label = (kind: LayerKind): string => LAYERS[kind].label;
const RECURRENT_LABELS = `${RECURRENT_KINDS.slice(0, -1).map(label).join(', ')} or ${label(RECURRENT_KINDS.at(-1)!)}`;

/**
 * Activations accepted as the saturating nonlinearity, with why. tfjs' hardSigmoid is
 * clip(0.2x + 0.5, 0, 1), the saturated-linear function after an affine change of variable
 * that the layer's own weights absorb, so it matches the theorem exactly.
 */
export const SATURATING_ACTIVATIONS: Readonly<Record<string, string>> = {
  hardSigmoid: 'the saturated-linear function of the theorem, up to an affine change of variable',
  sigmoid: 'a smooth analogue of the saturated-linear function, which the 1995 proof itself uses',
  tanh: 'a smooth analogue of the saturated-linear function, which the 1995 proof itself uses',
};

export interface TuringVerdict {
  readonly equivalent: boolean;
  /** One or two sentences for the UI: which entries qualify, or what is missing. */
  readonly reason: string;
  /** Primitives to add to the set for equivalence; empty when it is equivalent. */
  readonly missing: readonly string[];
}

/** Explains the rule in a few sentences, for the candidate set editor. */
export const TURING_EXPLANATION =
  'Siegelmann and Sontag (1995) proved that a recurrent network of affine maps and the saturated-linear ' +
  'activation can simulate any Turing machine, given rational weights and unbounded precision. A candidate ' +
  `set contains those primitives when it lists a recurrent layer (${RECURRENT_LABELS}) with a saturating ` +
  'activation (hardSigmoid, or sigmoid and tanh as smooth analogues) and Dense layers for the affine maps. ' +
  'A feed-forward set of fixed depth is not Turing-equivalent, however large: it maps each input through a ' +
  'fixed number of steps, so it cannot run an unbounded computation. Float32 training gives neither ' +
  'unbounded precision nor a guarantee of finding such weights, so the rule states what a set can express, not ' +
  'what a search will learn.';

/** Activations the set lets a recurrent entry take: the listed values, or the registry default. */
function activationsOf(set: CandidateSet, kind: LayerKind): string[] {
  const entry = set.layers.find((layer) => layer.kind === kind);
  if (!entry) return [];
  const listed = entry.params.activation;
  if (listed && listed.length > 0) return listed.map(String);
  return [String(defaultParams(kind).activation)];
}

/**
 * Says whether `set` contains a recurrent layer with a saturating activation plus dense
 * layers for the affine maps, which is what Siegelmann and Sontag's theorem needs.
 */
export function turingEquivalence(set: CandidateSet): TuringVerdict {
  const recurrentListed = RECURRENT_KINDS.filter((kind) => set.layers.some((layer) => layer.kind === kind));
  const qualifying = recurrentListed.flatMap((kind) =>
    activationsOf(set, kind)
      .filter((activation) => activation in SATURATING_ACTIVATIONS)
      .map((activation) => ({ kind, activation })),
  );
  const hasDense = set.layers.some((layer) => layer.kind === 'dense');

  const missing: string[] = [];
  if (recurrentListed.length === 0) {
    missing.push(`a recurrent layer (${RECURRENT_LABELS}) with activation hardSigmoid, sigmoid or tanh`);
  } else if (qualifying.length === 0) {
    const listed = recurrentListed.map((kind) => `${label(kind)} (${activationsOf(set, kind).join(', ')})`).join(', ');
    missing.push(`a saturating activation for its recurrent layers: ${listed} do not saturate; allow hardSigmoid, sigmoid or tanh`);
  }
  if (!hasDense) missing.push('Dense layers for the affine maps');

  if (missing.length > 0) {
    const feedForward = recurrentListed.length === 0 ? ' It is feed-forward only, so it computes in a fixed number of steps whatever its size.' : '';
    return {
      equivalent: false,
      reason: `Not Turing-equivalent by Siegelmann and Sontag (1995): the set lacks ${missing.join(', and ')}.${feedForward}`,
      missing,
    };
  }

  const first = qualifying[0];
  const exact = qualifying.find((entry) => entry.activation === 'hardSigmoid');
  const basis = exact ?? first;
  return {
    equivalent: true,
    reason:
      `Turing-equivalent by Siegelmann and Sontag (1995): ${label(basis.kind)} with ${basis.activation} (${SATURATING_ACTIVATIONS[basis.activation]}) ` +
      'and Dense layers for the affine maps. The theorem assumes rational weights and unbounded precision; float32 training has neither.',
    missing: [],
  };
}
