/**
 * Best-so-far curves: the best fitness a search has found against the number of distinct
 * architectures it has trained, the axis on which strategies are compared at equal budget.
 */

/** The fields of an evaluated candidate that a curve reads. */
export interface CurveInput {
  readonly fitness: number;
  /** True for a diverged or failed candidate, which counts as an evaluation with no fitness. */
  readonly failed?: boolean;
  /** True when the result was reused from an identical architecture, which costs no evaluation. */
  readonly reused?: boolean;
}

export interface CurvePoint {
  /** Distinct architectures trained so far, from 1. */
  readonly evaluations: number;
  /** Best fitness among them; 0 while every one failed. */
  readonly best: number;
}

/**
 * Returns one point per distinct architecture trained, in the order given, with the best
 * fitness so far. Reused results add no point, because they cost nothing and cannot
 * improve on the result they reuse.
 */
export function bestSoFar(results: readonly CurveInput[]): CurvePoint[] {
  const points: CurvePoint[] = [];
  let best = 0;
  for (const result of results) {
    if (result.reused) continue;
    if (!result.failed && Number.isFinite(result.fitness)) best = Math.max(best, result.fitness);
    points.push({ evaluations: points.length + 1, best });
  }
  return points;
}

/**
 * Returns the evaluations a curve needed to reach `target`, or null when it never did. With
 * `tolerance` 0.01 a fitness within 1% of the target counts (fitness ≥ target - 0.01 × |target|),
 * which also holds for a negative target such as an R² below 0.
 */
export function evaluationsToReach(curve: readonly CurvePoint[], target: number, tolerance = 0): number | null {
  const threshold = target - tolerance * Math.abs(target);
  return curve.find((point) => point.best >= threshold)?.evaluations ?? null;
}

/** Returns the best fitness of a curve after `evaluations` evaluations (its last point when shorter). */
export function bestAt(curve: readonly CurvePoint[], evaluations: number): number {
  if (curve.length === 0 || evaluations < 1) return 0;
  return curve[Math.min(curve.length, evaluations) - 1].best;
}

/** Averages several curves point by point, over the evaluations all of them reach. */
export function meanCurve(curves: readonly (readonly CurvePoint[])[]): CurvePoint[] {
  if (curves.length === 0) return [];
  const length = Math.min(...curves.map((curve) => curve.length));
  return Array.from({ length }, (_, index) => ({
    evaluations: index + 1,
    best: curves.reduce((sum, curve) => sum + curve[index].best, 0) / curves.length,
  }));
}
