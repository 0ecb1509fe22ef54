/**
 * The populations CoDeepNEAT starts from: minimal modules of one layer each, a module
 * made from the user's seed network, and blueprints of one or two slots.
 */

import { INPUT_ID, OUTPUT_ID, analyzeGenome, type Genome, type LayerGene, type SizeLimits } from './genome';
import { formatShape, type LayerKind, type ShapeContext } from './layers';
import type { Rng } from './rng';
import type { CandidateSet } from './strategy';
import { chainBlueprint, namedSpecies, type Blueprint } from './blueprint';
import { checkSeedGenome } from './generation';
import { sortTopologically } from './graph';
import type { InnovationCounter } from './innovation';
import { fittingKinds, sampleFittingLayer } from './mutation';

/** Draws of a first layer for a starting module before the candidate set is declared unusable. */
const STARTING_LAYER_ATTEMPTS = 24;

export interface StartContext {
  readonly candidateSet: CandidateSet;
  readonly shape: ShapeContext;
  readonly limits: SizeLimits;
  readonly innovations: InnovationCounter;
}

/**
 * Draws `count` one-layer modules. Every kind that fits the input starts in some module
 * before any kind repeats, so the first species cover the whole candidate set.
 */
export function startingModules(count: number, rng: Rng, context: StartContext): Genome[] {
  const firstKinds = rng.shuffle(fittingKinds(context.candidateSet, context.shape.inputShape));
  const modules: Genome[] = [];
  while (modules.length < count) modules.push(startingModule(rng, context, firstKinds.shift()));
  return modules;
}

/** Draws a one-layer module whose layer (of `kind` when given) fits the task input. */
function startingModule(rng: Rng, context: StartContext, kind?: LayerKind): Genome {
  const inputShape = context.shape.inputShape;
  for (let attempt = 0; attempt < STARTING_LAYER_ATTEMPTS; attempt++) {
    const layer = sampleFittingLayer(context.candidateSet, rng, inputShape, context.shape, attempt === 0 ? kind : undefined);
    if (!layer) continue;
    const id = context.innovations.peek();
    const genome: Genome = {
      nodes: [
        { id: INPUT_ID, kind: 'input', params: {}, inputs: [] },
        { id, kind: layer.kind, params: layer.params, inputs: [INPUT_ID] },
        { id: OUTPUT_ID, kind: 'output', params: {}, inputs: [id] },
      ],
    };
    if (analyzeGenome(genome, context.shape, context.limits).valid) {
      context.innovations.next();
      return genome;
    }
  }
  throw new Error(
    `No layer of the candidate set accepts the task input ${formatShape(inputShape)} within the size limits; enable a layer that does (dense accepts any input).`,
  );
}

/** Turns a user's network into a module by giving its hidden layers fresh innovation ids. */
export function seedModule(seed: Genome, context: StartContext): Genome {
  checkSeedGenome(seed, context.shape, context.limits);
  const rename = new Map<string, string>();
  const nodes: LayerGene[] = [];
  for (const node of sortTopologically(seed.nodes)) {
    let id = INPUT_ID;
    if (node.kind === 'output') id = OUTPUT_ID;
    else if (node.kind !== 'input') id = context.innovations.next();
    rename.set(node.id, id);
    nodes.push({ ...node, id, inputs: node.inputs.map((source) => rename.get(source)!) });
  }
  return { nodes };
}

/**
 * Weights module species for blueprint slots: species named by fewer blueprints weigh
 * more, so that every species, new ones included, gets tried.
 */
export function speciesWeights(species: readonly number[], blueprints: readonly Blueprint[]): { id: number; weight: number }[] {
  const naming = new Map<number, number>();
  for (const blueprint of blueprints) {
    for (const id of namedSpecies(blueprint)) naming.set(id, (naming.get(id) ?? 0) + 1);
  }
  return weightByNaming(species, naming);
}

function weightByNaming(species: readonly number[], naming: ReadonlyMap<number, number>): { id: number; weight: number }[] {
  return species.map((id) => ({ id, weight: 1 / (1 + (naming.get(id) ?? 0)) }));
}

/**
 * Draws blueprints of one or two slots (at most `maxSlots`) until there are `count`,
 * after the ones given in `first`. Each slot prefers the species named least so far.
 */
export function startingBlueprints(
  count: number,
  first: readonly Blueprint[],
  species: readonly number[],
  maxSlots: number,
  rng: Rng,
  innovations: InnovationCounter,
): Blueprint[] {
  const blueprints = [...first];
  const naming = new Map<number, number>();
  for (const blueprint of first) {
    for (const id of namedSpecies(blueprint)) naming.set(id, (naming.get(id) ?? 0) + 1);
  }
  while (blueprints.length < count) {
    const slots = rng.int(1, Math.min(2, maxSlots));
    const named: number[] = [];
    for (let i = 0; i < slots; i++) {
      const weights = weightByNaming(species, naming);
      const id = weights[rng.weightedIndex(weights.map((option) => option.weight))].id;
      naming.set(id, (naming.get(id) ?? 0) + 1);
      named.push(id);
    }
    blueprints.push(chainBlueprint(named, innovations));
  }
  return blueprints;
}
