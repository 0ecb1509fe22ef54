/**
 * The Pareto front of fitness against parameter count: the candidates that no other
 * candidate beats on both at once, for the accuracy-versus-size view.
 */

export interface ParetoPoint {
  readonly fitness: number;
  readonly params: number;
  /** True for failed candidates, which never enter the front. */
  readonly failed?: boolean;
}

/**
 * Returns the candidates on the front, fewest parameters first. A candidate is on it when
 * no other has at least its fitness with fewer parameters, or more fitness with at most its
 * parameters. Of candidates equal in both, the first one listed stands for them all.
 */
export function paretoFront<T extends ParetoPoint>(results: readonly T[]): T[] {
  const healthy = results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => !result.failed && Number.isFinite(result.fitness) && Number.isFinite(result.params));
  healthy.sort((a, b) => a.result.params - b.result.params || b.result.fitness - a.result.fitness || a.index - b.index);

  const front: T[] = [];
  let bestFitness = -Infinity;
  for (const { result } of healthy) {
    // Sorted by parameters, a point joins the front only when it beats every smaller one.
    if (result.fitness > bestFitness) {
      front.push(result);
      bestFitness = result.fitness;
    }
  }
  return front;
}
