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

export const STRATEGY_NAMES = ['coevolution', 'regularized', 'random', 'exhaustive'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * The primitives a search may use: for each enabled layer kind, the values each of its
 * parameters may take. Parameters not listed keep the registry default.
 */
export interface CandidateSet {
  readonly layers: readonly CandidateLayer[];
  /**
   * Maximum chain length the exhaustive strategy enumerates (chains of 1 to `maxDepth`
   * layers before the output head); absent means `DEFAULT_MAX_DEPTH`. The other strategies
   * bound depth with their own settings.
   */
  readonly maxDepth?: number;
}

export interface CandidateLayer {
  readonly kind: LayerKind;
  readonly params: Readonly<Record<string, readonly ParamValue[]>>;
}

/** Where a candidate came from, for the lineage and credit views. */
export type CandidateOrigin =
  | { readonly type: 'seed' }
  | { readonly type: 'random' }
  /** Bred from an earlier candidate by mutation (regularized evolution). */
  | { readonly type: 'mutated'; readonly parentId: string }
  /** The `index`-th chain of an exhaustive enumeration, counting from 0. */
  | { readonly type: 'enumerated'; readonly index: number }
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
  /** Parents and operations behind the genome, for the lineage view; absent where the strategy does not record them. */
  readonly lineage?: CandidateLineage;
}

/**
 * The parents of a candidate and the operations that turned them into it. Parents are
 * candidate ids for strategies that breed networks (regularized evolution), and module and
 * blueprint ids for coevolution, whose networks are assembled rather than bred.
 */
export interface CandidateLineage {
  readonly parents: readonly string[];
  /** Operations in the order applied, for example "mutate:insert-layer" or "assemble". */
  readonly operations: readonly string[];
}

/** What a strategy learns about one evaluated candidate. */
export interface CandidateResult {
  readonly candidateId: string;
  /** Higher is better; 0 for a diverged or failed candidate. */
  readonly fitness: number;
  readonly params: number;
  /** True when training diverged or the evaluation failed; such candidates rank last. */
  readonly failed: boolean;
  /** True when early stopping ended training before the last epoch; fitness is the last validation figure then. */
  readonly stoppedEarly?: boolean;
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

/** Fitness credited to one module or blueprint in one generation (CoDeepNEAT credit). */
export interface CreditEntry {
  readonly id: string;
  readonly population: 'modules' | 'blueprints';
  readonly species: number;
  /** Mean fitness of the networks the member took part in. */
  readonly fitness: number;
  /** Number of networks it took part in this generation. */
  readonly networks: number;
}

/** A module or blueprint that entered the population, with its parents and the operation that bred it. */
export interface MemberBirth {
  readonly id: string;
  readonly population: 'modules' | 'blueprints';
  readonly species: number;
  /** Ids of the members it was bred from, the fitter first; empty for the first generation. */
  readonly parents: readonly string[];
  /** 'initial', 'seed' (the user's network), 'mutation', 'crossover' or 'crossover+mutation'. */
  readonly operation: string;
}

export interface GenerationSummary {
  readonly generation: number;
  readonly populations: readonly PopulationSummary[];
  /** Credited fitness per module and blueprint, for strategies that assign credit (coevolution). */
  readonly credit?: readonly CreditEntry[];
  /**
   * Modules and blueprints new in this generation, for coevolution: with each network's
   * `lineage` (its blueprint and modules) they trace the ancestry of any network.
   */
  readonly births?: readonly MemberBirth[];
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
