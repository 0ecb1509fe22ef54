/**
 * Runs a strategy to the end against a fitness function of the genome, in one thread and
 * without training, with the evaluation budget and the reuse of results for architectures
 * met before counted as the coordinator counts them. Tests and benchmarks use it to study
 * strategies on synthetic fitness landscapes where the optimum is known.
 */

import type { Candidate, CandidateResult, GenerationSummary, SearchStrategy } from './strategy';

export interface DrivenResult {
  readonly candidate: Candidate;
  readonly fitness: number;
  readonly failed: boolean;
  readonly params: number;
  readonly reused: boolean;
}

export interface DriveOutcome {
  /** Every candidate evaluated, in batch order, generation after generation. */
  readonly results: readonly DrivenResult[];
  readonly summaries: readonly GenerationSummary[];
  /** Distinct architectures evaluated. */
  readonly evaluations: number;
  /** True when the run ended on the budget rather than when the strategy finished. */
  readonly budgetReached: boolean;
}

export type SyntheticFitness = (candidate: Candidate) => { readonly fitness: number; readonly params?: number; readonly failed?: boolean };

/**
 * Proposes, scores and observes batches until the strategy returns null or `maxEvaluations`
 * distinct architectures were scored (0: no limit). A batch cut short by the budget is not
 * observed, as in the coordinator.
 */
export function driveStrategy(strategy: SearchStrategy, score: SyntheticFitness, maxEvaluations = 0): DriveOutcome {
  const known = new Map<string, Omit<DrivenResult, 'candidate' | 'reused'>>();
  const results: DrivenResult[] = [];
  const summaries: GenerationSummary[] = [];

  for (let batch = strategy.propose(); batch !== null; batch = strategy.propose()) {
    const scored: CandidateResult[] = [];
    for (const candidate of batch) {
      const earlier = known.get(candidate.hash);
      if (!earlier && maxEvaluations > 0 && known.size >= maxEvaluations) {
        return { results, summaries, evaluations: known.size, budgetReached: true };
      }
      const outcome = earlier ?? toOutcome(score(candidate));
      known.set(candidate.hash, outcome);
      results.push({ candidate, ...outcome, reused: earlier !== undefined });
      scored.push({ candidateId: candidate.id, ...outcome });
    }
    summaries.push(strategy.observe(scored));
  }
  return { results, summaries, evaluations: known.size, budgetReached: false };
}

function toOutcome(value: ReturnType<SyntheticFitness>) {
  const failed = value.failed ?? false;
  return { fitness: failed ? 0 : value.fitness, failed, params: value.params ?? 0 };
}
