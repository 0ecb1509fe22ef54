/**
 * Early stopping of hopeless candidates, as pure rules that the coordinator applies:
 *
 * - `median`: the median stopping rule of Google Vizier (Golovin et al., KDD 2017, as the
 *   Vertex AI and NNI documentation state it). A candidate stops after epoch e when the
 *   best validation fitness it reached by then is strictly below the median, over the
 *   candidates that completed training, of their mean fitness over epochs 1 to e.
 * - `halving`: successive halving. A batch trains for a few epochs, the best third goes on
 *   for three times as many, and so on until the last survivors train for the full budget.
 *
 * A stopped candidate keeps the validation fitness of its last epoch and is marked
 * `stoppedEarly`.
 */

export const EARLY_STOPPING_RULES = ['off', 'median', 'halving'] as const;
export type EarlyStoppingRule = (typeof EARLY_STOPPING_RULES)[number];

/** Completed candidates needed before the median rule stops any. */
export const MEDIAN_MIN_COMPLETED = 3;
/** Fraction of the epochs every candidate trains before the median rule may stop it. */
export const MEDIAN_GRACE_FRACTION = 0.25;
/** Successive halving keeps 1 in `HALVING_ETA` candidates per rung and multiplies their epochs by it. */
export const HALVING_ETA = 3;
/** Most rungs of successive halving, the full-budget rung included. */
export const HALVING_MAX_RUNGS = 3;

/**
 * Returns the median rule's threshold for each epoch 1 to `epochs` (index 0 is epoch 1):
 * the median over `completed` of each curve's mean up to that epoch. `completed` contains the
 * per-epoch validation fitness of each candidate that trained all its epochs. An entry is
 * null where the rule stops nothing: before the grace epochs, at the last epoch (stopping
 * there saves nothing), and while fewer than `MEDIAN_MIN_COMPLETED` candidates completed.
 */
export function medianThresholds(completed: readonly (readonly number[])[], epochs: number): (number | null)[] {
  const grace = Math.max(1, Math.ceil(epochs * MEDIAN_GRACE_FRACTION));
  const curves = completed.filter((curve) => curve.length >= epochs - 1 && curve.every(Number.isFinite));
  return Array.from({ length: epochs }, (_, index) => {
    const epoch = index + 1;
    if (epoch < grace || epoch >= epochs || curves.length < MEDIAN_MIN_COMPLETED) return null;
    return median(curves.map((curve) => mean(curve.slice(0, epoch))));
  });
}

/**
 * Returns the first epoch (from 1) after which the best value of `curve` so far is below
 * that epoch's threshold, or null when it never is.
 */
export function medianStopEpoch(curve: readonly number[], thresholds: readonly (number | null)[]): number | null {
  let best = -Infinity;
  for (let index = 0; index < curve.length; index++) {
    best = Math.max(best, curve[index]);
    const threshold = thresholds[index];
    if (threshold !== null && threshold !== undefined && best < threshold) return index + 1;
  }
  return null;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One rung of successive halving: how many candidates train, and for how many epochs. */
export interface HalvingRung {
  readonly epochs: number;
  readonly candidates: number;
}

/**
 * Plans successive halving for `candidates` candidates and a budget of `epochs` each. The
 * rungs train for round(epochs / η^(R-1-k)) epochs, k = 0 … R-1, leaving out any of under
 * one epoch or of no more epochs than the rung before, so the last rung trains for the full
 * budget. The first rung trains every candidate and each later one a 1/η share,
 * ceil(n / η^j) for the j-th. A rung that keeps as many candidates as the next one is
 * dropped, since the next trains the same candidates longer. With one candidate or one
 * epoch there is a single rung.
 */
export function halvingSchedule(epochs: number, candidates: number): HalvingRung[] {
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`halvingSchedule needs at least 1 epoch, got ${epochs}.`);
  if (!Number.isInteger(candidates) || candidates < 1) return [];
  const rungEpochs: number[] = [];
  for (let k = 0; k < HALVING_MAX_RUNGS; k++) {
    const value = Math.round(epochs / HALVING_ETA ** (HALVING_MAX_RUNGS - 1 - k));
    if (value >= 1 && value > (rungEpochs.at(-1) ?? 0)) rungEpochs.push(value);
  }
  const rungs: HalvingRung[] = [];
  rungEpochs.forEach((value, j) => {
    const rung = { epochs: value, candidates: Math.ceil(candidates / HALVING_ETA ** j) };
    if (rungs.at(-1)?.candidates === rung.candidates) rungs.pop();
    rungs.push(rung);
  });
  return rungs;
}

/** A candidate's score on one rung. */
export interface RungScore {
  /** Position of the candidate in its batch. */
  readonly index: number;
  readonly fitness: number;
  readonly failed: boolean;
}

/**
 * Returns the batch positions of the `keep` best scores: failed ones last, then higher
 * fitness, then earlier positions, so the choice does not depend on finishing order.
 */
export function promote(scores: readonly RungScore[], keep: number): number[] {
  return [...scores]
    .sort((a, b) => Number(a.failed) - Number(b.failed) || b.fitness - a.fitness || a.index - b.index)
    .slice(0, Math.max(0, keep))
    .map((score) => score.index);
}
