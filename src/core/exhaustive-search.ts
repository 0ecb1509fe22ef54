/**
 * The exhaustive strategy: proposes every chain of the candidate set's space (see
 * exhaustive.ts) once, in enumeration order, in batches of population × networksPerBlueprint.
 * It draws no random numbers, so every seed gives the same sequence, and it ignores
 * `generations` and the seed network: the run ends when the space is exhausted or the
 * evaluation budget is spent.
 */

import { DEFAULT_LIMITS, type Genome } from './genome';
import type { ShapeContext } from './layers';
import type { Candidate, CandidateResult, GenerationSummary, SearchStrategy } from './strategy';
import type { SearchSettings, StrategyOptions } from './search';
import { canonicalHash } from './canonical';
import { countExhaustive, enumerateChains, exhaustiveLimitMessage } from './exhaustive';
import { checkNoPendingBatch, checkResults, networkGenerationSummary } from './generation';

export class ExhaustiveStrategy implements SearchStrategy {
  readonly name = 'exhaustive' as const;

  private generation = 0;
  private offset = 0;
  private pending: Candidate[] | null = null;
  private readonly genomes: readonly Genome[];

  constructor(
    private readonly settings: SearchSettings,
    context: ShapeContext,
    options: StrategyOptions = {},
  ) {
    const limits = options.limits ?? DEFAULT_LIMITS;
    const count = countExhaustive(settings.candidateSet, context, { limits });
    if (!count.withinLimit) throw new Error(exhaustiveLimitMessage(settings.candidateSet, context, count));
    this.genomes = [...enumerateChains(settings.candidateSet, context, { limits })];
    if (this.genomes.length === 0) {
      throw new Error(
        `No chain of 1 to ${count.maxDepth} layers from this candidate set fits an input of shape [${context.inputShape.join(', ')}]. ` +
          'Enable a layer kind that accepts this input (dense accepts any), or raise maxDepth.',
      );
    }
  }

  /** Number of chains the run proposes in all. */
  get size(): number {
    return this.genomes.length;
  }

  propose(): Candidate[] | null {
    checkNoPendingBatch(this.pending, this.generation);
    if (this.offset >= this.genomes.length) return null;
    const batchSize = this.settings.population * this.settings.networksPerBlueprint;
    const genomes = this.genomes.slice(this.offset, this.offset + batchSize);
    this.pending = genomes.map((genome, position) => ({
      id: `g${this.generation}-${position}`,
      generation: this.generation,
      genome,
      hash: canonicalHash(genome),
      origin: { type: 'enumerated', index: this.offset + position },
    }));
    return this.pending;
  }

  observe(results: readonly CandidateResult[]): GenerationSummary {
    checkResults(this.pending, results, this.generation);
    const summary = networkGenerationSummary(this.generation, results);
    this.offset += this.pending!.length;
    this.pending = null;
    this.generation += 1;
    return summary;
  }
}
