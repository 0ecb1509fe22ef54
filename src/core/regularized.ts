/**
 * Regularized (aging) evolution, after Real et al., "Regularized Evolution for Image
 * Classifier Architecture Search" (AAAI 2019). The population is a queue: each child comes
 * from a tournament, a uniform sample of S members whose best is mutated, and when a child
 * joins the queue the oldest member leaves, however fit it is.
 *
 * The paper runs it asynchronously, one child at a time. Here children come in batches of
 * population × networksPerBlueprint, so that a batch fits the ask-and-tell interface, and
 * all children of a batch are bred from the queue as it stood before the batch. The queue
 * contains two batches (`LIFETIME_GENERATIONS`): with one, every batch would replace the whole
 * queue and aging would reduce to generational selection without survivors. Every random
 * choice comes from the seed and the generation number, and results arrive in batch order,
 * so the run is the same whatever the number of workers.
 *
 * With a template seed (a network with module slots) the random networks fill its slots
 * with random modules, and mutation treats every template layer as fixed, so children
 * differ from their parents only inside the slots.
 */

import type { Genome } from './genome';
import type { ShapeContext } from './layers';
import type { Rng } from './rng';
import type { Candidate, CandidateResult, GenerationSummary, SearchStrategy } from './strategy';
import type { SearchSettings, StrategyOptions } from './search';
import { canonicalHash } from './canonical';
import { checkNoPendingBatch, checkResults, networkGenerationSummary } from './generation';
import { layerCount, mutateLayerGraph, type LayerGraphContext } from './mutation';
import { DISTINCT_ATTEMPTS, drawDistinctNetwork, networkSearchSetup, type NetworkSearchSetup } from './random-search';
import { isModuleSlot, moduleSlotIds } from './template';

/** Generations a member stays in the queue after it was evaluated. */
export const LIFETIME_GENERATIONS = 2;

/** A member of the aging population: an evaluated candidate with its result. */
export interface AgingMember {
  readonly candidate: Candidate;
  readonly fitness: number;
  readonly failed: boolean;
  readonly params: number;
}

/** Returns the default tournament size: a quarter of the queue, at least 2. */
export function defaultSampleSize(capacity: number): number {
  return Math.max(2, Math.round(capacity / 4));
}

/**
 * Returns the tournament winner: the fittest member that did not fail, fewer parameters
 * on a tie, then the one sampled first.
 */
export function tournamentWinner(sample: readonly AgingMember[]): AgingMember {
  let best = sample[0];
  for (const member of sample.slice(1)) {
    const better =
      (best.failed && !member.failed) ||
      (best.failed === member.failed && (member.fitness > best.fitness || (member.fitness === best.fitness && member.params < best.params)));
    if (better) best = member;
  }
  return best;
}

export class RegularizedEvolutionStrategy implements SearchStrategy {
  readonly name = 'regularized' as const;

  private generation = 0;
  private pending: Candidate[] | null = null;
  /** The aging population, oldest first. */
  private queue: AgingMember[] = [];
  private readonly seen = new Set<string>();
  private readonly setup: NetworkSearchSetup;
  /** Context of mutations, in which a template's own layers are frozen. */
  private readonly mutationContext: LayerGraphContext;

  constructor(
    private readonly settings: SearchSettings,
    context: ShapeContext,
    options: StrategyOptions = {},
  ) {
    this.setup = networkSearchSetup(settings, context, options);
    const { networkContext, templateFill } = this.setup;
    this.mutationContext = templateFill ? templateMutationContext(networkContext, templateFill.template, settings.maxModuleLayers) : networkContext;
  }

  /** Children per generation. */
  get batchSize(): number {
    return this.settings.population * this.settings.networksPerBlueprint;
  }

  /** Capacity of the queue: the members it contains once full. */
  get capacity(): number {
    return LIFETIME_GENERATIONS * this.batchSize;
  }

  /** Members sampled per tournament. */
  get sampleSize(): number {
    const chosen = this.settings.sampleSize ?? 0;
    return chosen > 0 ? chosen : defaultSampleSize(this.capacity);
  }

  /** The aging population, oldest first, for inspection and tests. */
  get population(): readonly AgingMember[] {
    return this.queue;
  }

  propose(): Candidate[] | null {
    checkNoPendingBatch(this.pending, this.generation);
    if (this.generation >= this.settings.generations) return null;
    const { seedGenome, templateFill, networkContext } = this.setup;
    const rng = this.setup.rng.fork('generation', this.generation);
    const batch: Candidate[] = [];
    const add = (genome: Genome, origin: Candidate['origin'], lineage: Candidate['lineage']) => {
      const hash = canonicalHash(genome);
      this.seen.add(hash);
      batch.push({ id: `g${this.generation}-${batch.length}`, generation: this.generation, genome, hash, origin, lineage });
    };

    // The first batch, and any batch after one that failed entirely, starts from random networks.
    const parents = this.queue.filter((member) => !member.failed);
    // A template cannot be trained itself; its candidates fill its slots.
    if (this.generation === 0 && seedGenome && !templateFill) add(seedGenome, { type: 'seed' }, { parents: [], operations: ['seed'] });
    while (batch.length < this.batchSize) {
      if (parents.length === 0) {
        add(drawDistinctNetwork(rng, this.seen, templateFill, networkContext), { type: 'random' }, { parents: [], operations: ['random'] });
        continue;
      }
      const parent = tournamentWinner(this.sample(rng));
      const { genome, mutation } = this.mutateDistinct(parent.candidate.genome, rng);
      add(genome, { type: 'mutated', parentId: parent.candidate.id }, { parents: [parent.candidate.id], operations: [`mutate:${mutation ?? 'none'}`] });
    }
    this.pending = batch;
    return batch;
  }

  observe(results: readonly CandidateResult[]): GenerationSummary {
    checkResults(this.pending, results, this.generation);
    this.pending!.forEach((candidate, index) => {
      const result = results[index];
      this.queue.push({ candidate, fitness: result.failed ? 0 : result.fitness, failed: result.failed, params: result.params });
    });
    // Aging: the oldest members leave, whatever their fitness.
    if (this.queue.length > this.capacity) this.queue = this.queue.slice(this.queue.length - this.capacity);

    const summary = networkGenerationSummary(this.generation, results);
    this.pending = null;
    this.generation += 1;
    return summary;
  }

  /** Draws the tournament: `sampleSize` distinct members, or the whole queue when it is smaller. */
  private sample(rng: Rng): AgingMember[] {
    const indices = rng.shuffle(this.queue.map((_, index) => index));
    return indices.slice(0, Math.min(this.sampleSize, this.queue.length)).map((index) => this.queue[index]);
  }

  private mutateDistinct(parent: Genome, rng: Rng) {
    let mutated = mutateLayerGraph(parent, rng, this.mutationContext);
    for (let attempt = 1; attempt < DISTINCT_ATTEMPTS && this.seen.has(canonicalHash(mutated.genome)); attempt++) {
      mutated = mutateLayerGraph(parent, rng, this.mutationContext);
    }
    return mutated;
  }
}

/**
 * Returns the mutation context for networks filled from a template: every template layer is frozen,
 * and the layer cap is the template's own layers plus maxModuleLayers per slot.
 */
function templateMutationContext(context: LayerGraphContext, template: Genome, maxModuleLayers: number): LayerGraphContext {
  const frozen = new Set(template.nodes.filter((gene) => !isModuleSlot(gene)).map((gene) => gene.id));
  const slots = moduleSlotIds(template).length;
  const templateLayers = layerCount(template) - slots;
  return { ...context, frozen, maxLayers: templateLayers + slots * maxModuleLayers };
}
