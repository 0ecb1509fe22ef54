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
import { kindWeight } from './candidate-set';
import { selectionWeights } from './reproduction';
import { HEAVY_KIND_WEIGHT, hiddenNodes, insertableKinds, sampleInsertion } from './mutation';

/** Draws of a first layer for a starting module before the candidate set is declared unusable. */
const STARTING_LAYER_ATTEMPTS = 24;

export interface StartContext {
  readonly candidateSet: CandidateSet;
  readonly shape: ShapeContext;
  readonly limits: SizeLimits;
  readonly innovations: InnovationCounter;
}

/**
 * Draws `count` one-layer modules (flatten → dense counts as one layer on images). Every
 * kind that fits the input starts in some module before any kind repeats, kinds with
 * weights first, so the first species cover the whole candidate set.
 */
export function startingModules(count: number, rng: Rng, context: StartContext): Genome[] {
  const kinds = insertableKinds(context.candidateSet, context.shape.inputShape);
  const heavy = kinds.filter((kind) => kindWeight(kind) >= HEAVY_KIND_WEIGHT);
  const light = kinds.filter((kind) => kindWeight(kind) < HEAVY_KIND_WEIGHT);
  const firstKinds = [...rng.shuffle(heavy), ...rng.shuffle(light)];
  const modules: Genome[] = [];
  while (modules.length < count) modules.push(startingModule(rng, context, firstKinds.shift()));
  return modules;
}

/** Draws a one-layer module whose layer (of `kind` when given) fits the task input. */
function startingModule(rng: Rng, context: StartContext, kind?: LayerKind): Genome {
  const inputShape = context.shape.inputShape;
  for (let attempt = 0; attempt < STARTING_LAYER_ATTEMPTS; attempt++) {
    const layers = sampleInsertion(context.candidateSet, rng, inputShape, context.shape, attempt === 0 ? kind : undefined);
    if (!layers) continue;
    const nodes: LayerGene[] = [{ id: INPUT_ID, kind: 'input', params: {}, inputs: [] }];
    layers.forEach((layer, index) => {
      nodes.push({ id: context.innovations.peek(index), kind: layer.kind, params: layer.params, inputs: [nodes[index].id] });
    });
    nodes.push({ id: OUTPUT_ID, kind: 'output', params: {}, inputs: [nodes[nodes.length - 1].id] });
    const genome = { nodes };
    if (analyzeGenome(genome, context.shape, context.limits).valid) {
      for (let i = 0; i < layers.length; i++) context.innovations.next();
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
 * Weights module species for blueprint slots: by their `selectionWeights` (mean fitness,
 * the median for species not yet evaluated), divided by one plus the number of
 * blueprints already naming them, so strong species are drawn more but not only them.
 */
export function speciesWeights(
  meanFitness: ReadonlyMap<number, number | undefined>,
  blueprints: readonly Blueprint[],
): { id: number; weight: number }[] {
  const naming = new Map<number, number>();
  for (const blueprint of blueprints) {
    for (const id of namedSpecies(blueprint)) naming.set(id, (naming.get(id) ?? 0) + 1);
  }
  const weights = selectionWeights(meanFitness);
  return weightByNaming([...meanFitness.keys()], naming, (id) => weights.get(id)!);
}

function weightByNaming(
  species: readonly number[],
  naming: ReadonlyMap<number, number>,
  base: (id: number) => number = () => 1,
): { id: number; weight: number }[] {
  return species.map((id) => ({ id, weight: base(id) / (1 + (naming.get(id) ?? 0)) }));
}

/**
 * Weight of a module for the first blueprints: the `kindWeight` of its heaviest layer,
 * so that networks of generation 0 mostly contain a layer that learns.
 */
export function moduleCapacity(module: Genome): number {
  return Math.max(1, ...hiddenNodes(module).map((node) => kindWeight(node.kind)));
}

/**
 * Draws blueprints of one or two slots (at most `maxSlots`) until there are `count`,
 * after the ones given in `first`. The first slot names one of the species of highest
 * weight in `species`, so every starting network has a layer that learns. A second slot
 * names any species, drawn by its weight divided by one plus the number of slots that
 * named it so far.
 */
export function startingBlueprints(
  count: number,
  first: readonly Blueprint[],
  species: readonly { readonly id: number; readonly weight: number }[],
  maxSlots: number,
  rng: Rng,
  innovations: InnovationCounter,
): Blueprint[] {
  const ids = species.map((entry) => entry.id);
  const base = new Map(species.map((entry) => [entry.id, entry.weight]));
  const blueprints = [...first];
  const naming = new Map<number, number>();
  for (const blueprint of first) {
    for (const id of namedSpecies(blueprint)) naming.set(id, (naming.get(id) ?? 0) + 1);
  }
  while (blueprints.length < count) {
    const slots = rng.int(1, Math.min(2, maxSlots));
    const named: number[] = [];
    for (let i = 0; i < slots; i++) {
      const heaviest = Math.max(...species.map((entry) => entry.weight));
      const options = i === 0 ? species.filter((entry) => entry.weight === heaviest).map((entry) => entry.id) : ids;
      const weights = weightByNaming(options, naming, (id) => base.get(id)!);
      const id = weights[rng.weightedIndex(weights.map((option) => option.weight))].id;
      naming.set(id, (naming.get(id) ?? 0) + 1);
      named.push(id);
    }
    blueprints.push(chainBlueprint(named, innovations));
  }
  return blueprints;
}
