/** Points of the accuracy-versus-size view: every trained candidate, with the Pareto front marked. */

import { paretoFront } from '../../core/pareto';
import type { EvaluatedCandidate } from '../../workers/coordinator';

export interface ParetoRow {
  readonly candidateId: string;
  readonly params: number;
  /** Validation fitness in percent. */
  readonly fitness: number;
  readonly onFront: boolean;
}

const percent = (fraction: number): number => Math.round(fraction * 10_000) / 100;

/**
 * Returns one row per trained candidate that did not fail, and the front: the candidates no
 * other beats on both fitness and parameter count, fewest parameters first. Reused results
 * repeat an architecture already listed, so they are left out.
 */
export function paretoRows(evaluations: readonly EvaluatedCandidate[]): { points: ParetoRow[]; front: ParetoRow[] } {
  const trained = evaluations.filter((result) => !result.reused && result.metrics !== null && result.metrics.diverged === undefined);
  const candidates = trained.map((result) => ({ candidateId: result.candidate.id, params: result.metrics!.params, fitness: result.fitness }));
  const onFront = new Set(paretoFront(candidates).map((candidate) => candidate.candidateId));
  const points = candidates.map((candidate) => ({ ...candidate, fitness: percent(candidate.fitness), onFront: onFront.has(candidate.candidateId) }));
  const front = points.filter((point) => point.onFront).sort((a, b) => a.params - b.params);
  return { points, front };
}

/** Steps within a decade for the parameter axis's ticks. */
const STEPS = [1, 2, 5] as const;

/**
 * Returns a domain and ticks for the log-scaled parameter axis: ticks at 1, 2 and 5 times
 * powers of ten, and the domain from the tick at or below the smallest value to the tick at
 * or above the largest. Left to itself, recharts labelled as few as two ticks. Over
 * `maxTicks`, only powers of ten are kept, and then every second or third one.
 */
export function parameterAxis(values: readonly number[], maxTicks = 5): { domain: [number, number]; ticks: number[] } {
  const positive = values.filter((value) => value > 0);
  if (positive.length === 0) return { domain: [1, 10], ticks: [1, 10] };
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const sequence: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++) {
    for (const step of STEPS) sequence.push(step * 10 ** exponent);
  }
  const low = sequence.findLast((tick) => tick <= min) ?? sequence[0];
  const high = sequence.find((tick) => tick >= max && tick > low) ?? sequence.at(-1)!;
  let ticks = sequence.filter((tick) => tick >= low && tick <= high);
  if (ticks.length > maxTicks) {
    const decades = ticks.filter((tick) => Number.isInteger(Math.log10(tick)));
    const stride = Math.ceil(decades.length / maxTicks);
    ticks = decades.filter((_, index) => index % stride === 0);
  }
  return { domain: [low, high], ticks };
}
