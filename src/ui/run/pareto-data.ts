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
