/**
 * The interface every search strategy implements, and the settings they share.
 *
 * A strategy is an ask-and-tell object: `propose` returns a batch of candidates (one
 * generation), the caller evaluates them in any order on any number of workers, and
 * `observe` receives the results in the order of the batch. Because the strategy sees
 * results only in that order and draws every random number from its own seeded `Rng`, the
 * same seed and the same fitness values give the same sequence of candidates whatever the
 * number of workers.
 */

import type { Genome } from './genome';
import type { LayerKind, ParamValue } from './layers';

export const STRATEGY_NAMES = ['coevolution', 'random'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * The primitives a search may use: for each enabled layer kind, the values each of its
 * parameters may take. Parameters not listed keep the registry default.
 */
export interface CandidateSet {
  readonly layers: readonly CandidateLayer[];
}

export interface CandidateLayer {
  readonly kind: LayerKind;
  readonly params: Readonly<Record<string, readonly ParamValue[]>>;
}

/** Where a candidate came from, for the lineage and credit views. */
export type CandidateOrigin =
  | { readonly type: 'seed' }
  | { readonly type: 'random' }
  | {
      readonly type: 'assembled';
      readonly blueprintId: string;
      /** Module id used for each module species the blueprint names. */
      readonly moduleIds: readonly string[];
    };

export interface Candidate {
  /** Unique within a run, for example "g3-7" (generation 3, seventh candidate). */
  readonly id: string;
  readonly generation: number;
  /** A genome that `analyzeGenome` accepts for the run's shape context. */
  readonly genome: Genome;
  /** Canonical hash: equal for architectures that differ only in node ids or order. */
  readonly hash: string;
  readonly origin: CandidateOrigin;
}

/** What a strategy learns about one evaluated candidate. */
export interface CandidateResult {
  readonly candidateId: string;
  /** Higher is better; 0 for a diverged or failed candidate. */
  readonly fitness: number;
  readonly params: number;
  /** True when training diverged or the evaluation failed; such candidates rank last. */
  readonly failed: boolean;
}

export interface SpeciesSummary {
  readonly id: number;
  readonly size: number;
  readonly bestFitness: number;
  readonly meanFitness: number;
}

export interface PopulationSummary {
  /** "networks" for assembled candidates, or the name of an evolving population. */
  readonly name: 'networks' | 'modules' | 'blueprints';
  readonly best: number;
  readonly mean: number;
  readonly worst: number;
  readonly size: number;
  readonly species: readonly SpeciesSummary[];
}

export interface GenerationSummary {
  readonly generation: number;
  readonly populations: readonly PopulationSummary[];
}

export interface SearchStrategy {
  readonly name: StrategyName;
  /** Returns the next batch to evaluate, or null when the search is finished. */
  propose(): Candidate[] | null;
  /**
   * Takes the results of the last batch, one per candidate in batch order, and returns
   * the summary of that generation. Throws if the results do not match the batch.
   */
  observe(results: readonly CandidateResult[]): GenerationSummary;
}
