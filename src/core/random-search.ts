/**
 * Random search, the baseline every other strategy should beat. Each generation samples
 * population × networksPerBlueprint random valid networks from the candidate set, the
 * same number coevolution evaluates. Networks are as deep as coevolution could assemble,
 * up to maxModuleLayers × maxBlueprintSlots layers, with branches and skip connections
 * when the set lists a merge. With a template seed (a network with module slots) every
 * candidate is the template with a random module of up to maxModuleLayers layers in each slot.
 */

import { DEFAULT_LIMITS, OUTPUT_ID, type Genome, type SizeLimits } from './genome';
import type { Shape, ShapeContext } from './layers';
import { Rng } from './rng';
import type { Candidate, CandidateResult, GenerationSummary, SearchStrategy } from './strategy';
import type { SearchSettings, StrategyOptions } from './search';
import { canonicalHash } from './canonical';
import { mergeKinds } from './candidate-set';
import { checkNoPendingBatch, checkResults, checkSeedGenome, networkGenerationSummary } from './generation';
import { InnovationCounter } from './innovation';
import { addBranch, addSkip, hiddenNodes, insertLayerOnEdge, type LayerGraphContext } from './mutation';
import { minimalGenome } from './repair';
import type { Module } from './assembly';
import { hasModuleSlots, slotInputShapes } from './template';
import { assembleTemplate, type TemplateAssembly } from './template-assembly';

/** Draws (random or mutated) per new network before one already proposed in this run is accepted again. */
export const DISTINCT_ATTEMPTS = 4;
/** Chance, after each layer, of also adding a branch or a skip connection. */
const BRANCH_CHANCE = 0.2;

/**
 * Builds a random valid network: a chain of 1 to `context.maxLayers` layers, each drawn
 * to fit the shape before it, with an occasional branch or skip connection.
 */
export function randomGenome(rng: Rng, context: LayerGraphContext): Genome {
  const depth = rng.int(1, Math.max(1, context.maxLayers));
  const branches = mergeKinds(context.candidateSet).length > 0;
  let genome = minimalGenome();
  for (let layer = 0; layer < depth; layer++) {
    const head = genome.nodes.find((node) => node.kind === 'output')!;
    genome = insertLayerOnEdge(genome, { from: head.inputs[0], to: OUTPUT_ID }, rng, context) ?? genome;
    if (branches && rng.chance(BRANCH_CHANCE)) {
      genome = (rng.chance(0.5) ? addBranch : addSkip)(genome, rng, context) ?? genome;
    }
  }
  return genome;
}

/** A template with what filling its slots at random needs. */
export interface TemplateFill {
  readonly template: Genome;
  /** Shape entering each slot, in template order. */
  readonly slotShapes: ReadonlyMap<string, Shape>;
  /** Context of the modules drawn for the slots; its shape is the task's. */
  readonly moduleContext: LayerGraphContext;
}

/** Returns the template fill for a seed network with module slots, or null for any other seed. */
export function templateFillFor(seed: Genome | undefined, moduleContext: LayerGraphContext): TemplateFill | null {
  if (!seed || !hasModuleSlots(seed)) return null;
  return { template: seed, slotShapes: slotInputShapes(seed, moduleContext.shape, moduleContext.limits), moduleContext };
}

/**
 * Fills each slot of a template with a random module, drawn as `randomGenome` draws a
 * network but on the shape entering the slot, and assembles the network.
 */
export function randomTemplateNetwork(fill: TemplateFill, rng: Rng): TemplateAssembly {
  const { template, slotShapes, moduleContext } = fill;
  const fills = new Map<string, Module>();
  for (const [slot, inputShape] of slotShapes) {
    const genome = randomGenome(rng, { ...moduleContext, shape: { ...moduleContext.shape, inputShape } });
    if (hiddenNodes(genome).length > 0) fills.set(slot, { id: slot, genome });
  }
  return assembleTemplate(template, fills, moduleContext.shape, moduleContext.limits);
}

/**
 * Returns the context random networks are drawn in: layers from the candidate set, up to
 * maxModuleLayers × maxBlueprintSlots of them, as many as coevolution could assemble.
 */
export function networkLayerContext(settings: SearchSettings, shape: ShapeContext, limits: SizeLimits): LayerGraphContext {
  return {
    candidateSet: settings.candidateSet,
    shape,
    limits,
    maxLayers: settings.maxModuleLayers * settings.maxBlueprintSlots,
    innovations: new InnovationCounter('n'),
  };
}

/**
 * Draws a random network, or the template with random modules in its slots when `fill` is
 * given, and draws again, up to DISTINCT_ATTEMPTS in all, while its hash is in `seen`.
 */
export function drawDistinctNetwork(rng: Rng, seen: ReadonlySet<string>, fill: TemplateFill | null, context: LayerGraphContext): Genome {
  const draw = () => (fill ? randomTemplateNetwork(fill, rng).genome : randomGenome(rng, context));
  let genome = draw();
  for (let attempt = 1; attempt < DISTINCT_ATTEMPTS && seen.has(canonicalHash(genome)); attempt++) genome = draw();
  return genome;
}

/** State that random search and regularized evolution derive from their settings and options. */
export interface NetworkSearchSetup {
  readonly rng: Rng;
  /** Context of whole random networks, from `networkLayerContext`. */
  readonly networkContext: LayerGraphContext;
  readonly seedGenome: Genome | undefined;
  /** The template to fill, when the seed network has module slots. */
  readonly templateFill: TemplateFill | null;
}

/** Checks the seed network against the task, throwing an Error when it does not fit, and builds the setup. */
export function networkSearchSetup(settings: SearchSettings, context: ShapeContext, options: StrategyOptions): NetworkSearchSetup {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const networkContext = networkLayerContext(settings, context, limits);
  if (options.seedGenome) checkSeedGenome(options.seedGenome, context, limits);
  return {
    rng: new Rng(settings.seed),
    networkContext,
    seedGenome: options.seedGenome,
    templateFill: templateFillFor(options.seedGenome, { ...networkContext, maxLayers: settings.maxModuleLayers }),
  };
}

export class RandomSearchStrategy implements SearchStrategy {
  readonly name = 'random' as const;

  private generation = 0;
  private pending: Candidate[] | null = null;
  private readonly seen = new Set<string>();
  private readonly setup: NetworkSearchSetup;

  constructor(
    private readonly settings: SearchSettings,
    context: ShapeContext,
    options: StrategyOptions = {},
  ) {
    this.setup = networkSearchSetup(settings, context, options);
  }

  propose(): Candidate[] | null {
    checkNoPendingBatch(this.pending, this.generation);
    if (this.generation >= this.settings.generations) return null;

    const { seedGenome, templateFill, networkContext } = this.setup;
    const rng = this.setup.rng.fork('generation', this.generation);
    const batch: Candidate[] = [];
    const add = (genome: Genome, origin: Candidate['origin']) => {
      const hash = canonicalHash(genome);
      this.seen.add(hash);
      batch.push({ id: `g${this.generation}-${batch.length}`, generation: this.generation, genome, hash, origin });
    };

    // A template cannot be trained itself; its candidates fill its slots.
    if (this.generation === 0 && seedGenome && !templateFill) add(seedGenome, { type: 'seed' });
    while (batch.length < this.settings.population * this.settings.networksPerBlueprint) {
      add(drawDistinctNetwork(rng, this.seen, templateFill, networkContext), { type: 'random' });
    }
    this.pending = batch;
    return batch;
  }

  observe(results: readonly CandidateResult[]): GenerationSummary {
    checkResults(this.pending, results, this.generation);
    const summary = networkGenerationSummary(this.generation, results);
    this.pending = null;
    this.generation += 1;
    return summary;
  }
}
