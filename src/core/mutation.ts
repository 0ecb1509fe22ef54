/**
 * Mutation operators on layer graphs: whole genomes and CoDeepNEAT modules, which are
 * genomes whose input node is the module's entry and whose output head marks its exit.
 *
 * Every operator draws from the candidate set, takes new node ids from the strategy's
 * innovation counter, and returns either a genome that `analyzeGenome` accepts or null
 * when it found no valid way to apply itself after a few tries. No operator removes or
 * changes a fixed layer, or inserts a layer between two fixed ones (see template.ts).
 */

import { analyzeGenome, type Genome, type GenomeAnalysis, type LayerGene, type SizeLimits } from './genome';
import type { InnovationCounter } from './innovation';
import type { Rng } from './rng';
import type { CandidateSet } from './strategy';
import {
  LAYERS,
  ShapeError,
  isMergeKind,
  product,
  type LayerKind,
  type Shape,
  type ShapeContext,
} from './layers';
import { candidateLayer, kindWeight, mergeKinds, placeableKinds, sampleKind, sampleParams, type SampledLayer } from './candidate-set';
import { ancestorsOf, bypassNode, edgesOf, insertAfter, redirectConsumers, type Edge } from './graph';
import { canonicalParams } from './canonical';
import { normaliseGenome, repairGenome } from './repair';
import { isFixedGene, isFrozenEdge, keepsFixedGenes } from './template';

export interface LayerGraphContext {
  readonly candidateSet: CandidateSet;
  readonly shape: ShapeContext;
  readonly limits: SizeLimits;
  /** Maximum single-input layers (merges not counted) a graph may contain after a mutation. */
  readonly maxLayers: number;
  readonly innovations: InnovationCounter;
  /** Ids of further nodes the operators treat as fixed, such as a template's layers. */
  readonly frozen?: ReadonlySet<string>;
}

export const LAYER_MUTATIONS = ['insert-layer', 'remove-layer', 'change-param', 'add-branch', 'add-skip'] as const;
export type LayerMutation = (typeof LAYER_MUTATIONS)[number];

export interface LayerMutationResult {
  readonly genome: Genome;
  /** The operator that changed the genome, or null when none could be applied. */
  readonly mutation: LayerMutation | null;
}

/** How many random draws an operator makes before it reports that it does not apply. */
const ATTEMPTS = 6;

/** Relative chance of each operator; growth outweighs removal so that graphs complexify. */
const MUTATION_WEIGHTS: Record<LayerMutation, number> = {
  'insert-layer': 3,
  'remove-layer': 1,
  'change-param': 3,
  'add-branch': 1,
  'add-skip': 1,
};

type Operator = (genome: Genome, rng: Rng, context: LayerGraphContext) => Genome | null;

const OPERATORS: Record<LayerMutation, Operator> = {
  'insert-layer': insertLayer,
  'remove-layer': removeLayer,
  'change-param': changeParam,
  'add-branch': addBranch,
  'add-skip': addSkip,
};

/**
 * Applies one mutation chosen by weight, trying the other operators when it does not
 * apply. An invalid input genome is repaired first.
 */
export function mutateLayerGraph(genome: Genome, rng: Rng, context: LayerGraphContext): LayerMutationResult {
  const start = analyze(genome, context).valid ? genome : repairGenome(genome, context.shape, context.limits);
  const hasMerges = mergeKinds(context.candidateSet).length > 0;
  const remaining = LAYER_MUTATIONS.filter((name) => hasMerges || (name !== 'add-branch' && name !== 'add-skip'));

  while (remaining.length > 0) {
    const index = rng.weightedIndex(remaining.map((name) => MUTATION_WEIGHTS[name]));
    const [name] = remaining.splice(index, 1);
    const mutated = OPERATORS[name](start, rng, context);
    // Removing a merge prunes the branches it drops, which may hold fixed layers.
    if (mutated && keepsFixedGenes(start, mutated, context.frozen)) return { genome: mutated, mutation: name };
  }
  return { genome: start, mutation: null };
}

/** Kinds that are pointless twice in a row: the second adds nothing the first did not. */
const NO_REPEAT_KINDS: ReadonlySet<LayerKind> = new Set(['batchNormalization', 'dropout', 'activation', 'flatten', 'globalAveragePooling2d']);

/** Smallest map side on which an inserted conv2d may come with max pooling. */
const POOLED_BLOCK_MIN_SIZE = 8;

/** `kindWeight` of the kinds with weights (dense, convolutions, recurrent layers). */
export const HEAVY_KIND_WEIGHT = 3;

/** Inserts a new layer on a random edge. */
export function insertLayer(genome: Genome, rng: Rng, context: LayerGraphContext): Genome | null {
  if (layerCount(genome) >= context.maxLayers) return null;
  const byId = new Map(genome.nodes.map((node) => [node.id, node]));
  const edges = edgesOf(genome.nodes).filter((edge) => !isFrozenEdge(byId.get(edge.from)!, byId.get(edge.to)!, context.frozen));
  if (edges.length === 0) return null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const inserted = insertLayerOnEdge(genome, rng.pick(edges), rng, context);
    if (inserted) return inserted;
  }
  return null;
}

/**
 * Inserts a new layer, drawn to fit the shape on the edge, between `edge.from` and
 * `edge.to` (a dense layer on a feature map comes with a flatten, see `sampleInsertion`).
 * Returns null when the draw repeats a neighbour's kind that is pointless twice in a row,
 * breaks a shape further down, or exceeds `maxLayers`.
 */
export function insertLayerOnEdge(genome: Genome, edge: Edge, rng: Rng, context: LayerGraphContext): Genome | null {
  const analysis = analyze(genome, context);
  const shape = analysis.nodes.get(edge.from)?.shape;
  if (!shape) return null;
  const layers = sampleInsertion(context.candidateSet, rng, shape, context.shape);
  if (!layers) return null;
  const neighbours = genome.nodes.filter((node) => node.id === edge.from || node.id === edge.to).map((node) => node.kind);
  const repeats = [layers[0].kind, layers[layers.length - 1].kind].some((kind) => NO_REPEAT_KINDS.has(kind) && neighbours.includes(kind));
  if (repeats) return null;

  const genes: LayerGene[] = [];
  let previous = edge.from;
  layers.forEach((layer, index) => {
    genes.push({ id: context.innovations.peek(index), kind: layer.kind, params: layer.params, inputs: [previous] });
    previous = genes[index].id;
  });
  let nodes = genome.nodes.map((node) =>
    node.id === edge.to ? { ...node, inputs: node.inputs.map((id) => (id === edge.from ? previous : id)) } : node,
  );
  let anchor = edge.from;
  for (const gene of genes) {
    nodes = insertAfter(nodes, anchor, gene);
    anchor = gene.id;
  }
  if (layerCount({ nodes }) > context.maxLayers) return null;
  return keepIfValid({ nodes }, context, genes.length);
}

/**
 * Removes a hidden node and reconnects its consumers to its inputs. Removing a merge
 * drops all its branches but the first. The last single-input layer is never removed.
 */
export function removeLayer(genome: Genome, rng: Rng, context: LayerGraphContext): Genome | null {
  const layers = layerCount(genome);
  const removable = mutableNodes(genome, context).filter((node) => isMergeKind(node.kind) || layers > 1);
  for (const node of rng.shuffle(removable).slice(0, ATTEMPTS)) {
    const removed = normaliseGenome({ nodes: bypassNode(genome.nodes, node.id) });
    if (removed && layerCount(removed) >= Math.min(1, layers)) {
      const valid = keepIfValid(removed, context);
      if (valid) return valid;
    }
  }
  return null;
}

/** Changes one parameter of one layer to another value the candidate set lists. */
export function changeParam(genome: Genome, rng: Rng, context: LayerGraphContext): Genome | null {
  const options = mutableNodes(genome, context).flatMap((node) => {
    const entry = candidateLayer(context.candidateSet, node.kind);
    if (!entry) return [];
    return Object.entries(entry.params)
      .filter(([name, values]) => values.some((value) => value !== node.params[name]))
      .map(([name, values]) => ({ node, name, values: values.filter((value) => value !== node.params[name]) }));
  });
  if (options.length === 0) return null;

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { node, name, values } = rng.pick(options);
    const params = { ...node.params, [name]: rng.pick(values) };
    const changed = { nodes: genome.nodes.map((gene) => (gene.id === node.id ? { ...gene, params } : gene)) };
    const valid = keepIfValid(changed, context);
    if (valid) return valid;
  }
  return null;
}

/**
 * Adds a new layer parallel to an existing one, fed by the same input, and joins the two
 * with an add or concatenate that takes over the existing layer's consumers.
 */
export function addBranch(genome: Genome, rng: Rng, context: LayerGraphContext): Genome | null {
  const merges = mergeKinds(context.candidateSet);
  // A branch beside a layer with weights (as in Inception blocks) can learn something of
  // its own; one beside an activation rarely does.
  const layers = mutableNodes(genome, context).filter((node) => !isMergeKind(node.kind));
  const heavy = layers.filter((node) => kindWeight(node.kind) >= HEAVY_KIND_WEIGHT);
  const targets = heavy.length > 0 ? heavy : layers;
  if (merges.length === 0 || targets.length === 0 || layerCount(genome) >= context.maxLayers) return null;
  const analysis = analyze(genome, context);

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const target = rng.pick(targets);
    const source = target.inputs[0];
    const sourceShape = analysis.nodes.get(source)?.shape;
    const targetShape = analysis.nodes.get(target.id)?.shape;
    if (!sourceShape || !targetShape) continue;

    // A variant of the target's own kind often ends in the same shape, which add needs.
    const sibling =
      candidateLayer(context.candidateSet, target.kind) && rng.chance(0.5)
        ? fittingLayer(target.kind, sampleParams(target.kind, context.candidateSet, rng), sourceShape, context.shape)
        : sampleFittingLayer(context.candidateSet, rng, sourceShape, context.shape);
    // A twin of the target (batchNormalization next to batchNormalization) adds nothing.
    if (!sibling || (sibling.kind === target.kind && canonicalParams(sibling.params) === canonicalParams(target.params))) continue;
    const siblingShape = LAYERS[sibling.kind].outputShape([sourceShape], sibling.params, context.shape);
    const merge = pickMerge(merges, targetShape, siblingShape, rng);
    if (!merge) continue;

    const branch: LayerGene = { id: context.innovations.peek(0), kind: sibling.kind, params: sibling.params, inputs: [source] };
    const join: LayerGene = { id: context.innovations.peek(1), kind: merge, params: {}, inputs: [target.id, branch.id] };
    const nodes = insertAfter(insertAfter(redirectConsumers(genome.nodes, target.id, join.id), target.id, branch), branch.id, join);
    const kept = keepIfValid({ nodes }, context, 2);
    if (kept) return kept;
  }
  return null;
}

/**
 * Adds a skip connection from a node to a later one: a new merge joins the later node's
 * output with the earlier node's, or the later node, when it is a merge, takes one more input.
 */
export function addSkip(genome: Genome, rng: Rng, context: LayerGraphContext): Genome | null {
  const merges = mergeKinds(context.candidateSet);
  if (merges.length === 0 || hiddenNodes(genome).length >= 2 * context.maxLayers) return null;
  const analysis = analyze(genome, context);
  const pairs = skipPairs(genome, analysis, merges, mutableNodes(genome, context));

  for (const { from, to, merge } of rng.shuffle(pairs).slice(0, ATTEMPTS)) {
    const target = genome.nodes.find((node) => node.id === to)!;
    const extendsTarget = isMergeKind(target.kind) && merge === target.kind;
    let nodes: LayerGene[];
    if (extendsTarget) {
      nodes = genome.nodes.map((node) => (node.id === to ? { ...node, inputs: [...node.inputs, from] } : node));
    } else {
      const join: LayerGene = { id: context.innovations.peek(), kind: merge, params: {}, inputs: [to, from] };
      nodes = insertAfter(redirectConsumers(genome.nodes, to, join.id), to, join);
    }
    const kept = keepIfValid({ nodes }, context, extendsTarget ? 0 : 1);
    if (kept) return kept;
  }
  return null;
}

interface SkipPair {
  readonly from: string;
  readonly to: string;
  readonly merge: LayerKind;
}

/** Lists (earlier, later) node pairs that a merge of a listed kind accepts together. */
function skipPairs(genome: Genome, analysis: GenomeAnalysis, merges: readonly LayerKind[], targets: readonly LayerGene[]): SkipPair[] {
  const pairs: SkipPair[] = [];
  for (const target of targets) {
    const targetShape = analysis.nodes.get(target.id)?.shape;
    if (!targetShape) continue;
    for (const from of ancestorsOf(genome.nodes, target.id)) {
      const fromShape = analysis.nodes.get(from)?.shape;
      if (!fromShape) continue;
      for (const merge of merges) {
        const extendsTarget = isMergeKind(target.kind) && merge === target.kind;
        if (extendsTarget && target.inputs.includes(from)) continue;
        if (mergeAccepts(merge, [targetShape, fromShape])) pairs.push({ from, to: target.id, merge });
      }
    }
  }
  return pairs;
}

function pickMerge(merges: readonly LayerKind[], a: Shape, b: Shape, rng: Rng): LayerKind | null {
  const usable = merges.filter((merge) => mergeAccepts(merge, [a, b]));
  return usable.length > 0 ? rng.pick(usable) : null;
}

function mergeAccepts(merge: LayerKind, shapes: readonly Shape[]): boolean {
  return fittingShape(merge, {}, shapes, { inputShape: [], outputUnits: 1 }) !== null;
}

/**
 * Draws a layer from the set (of `kind` when given) whose shape rule accepts `input`, or
 * null after a few draws. Kinds that cannot take the input at all (conv2d on a vector)
 * are skipped up front.
 */
export function sampleFittingLayer(
  set: CandidateSet,
  rng: Rng,
  input: Shape,
  context: ShapeContext,
  kind?: LayerKind,
): SampledLayer | null {
  const kinds = kind ? [kind] : fittingKinds(set, input);
  if (kinds.length === 0) return null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const drawn = sampleKind(kinds, rng);
    const layer = fittingLayer(drawn, sampleParams(drawn, set, rng), input, context);
    if (layer) return layer;
  }
  return null;
}

/**
 * Draws the layers one insertion places on an edge of shape `input`: one layer that fits
 * it (of `kind` when given), or one of two blocks. A dense layer on a feature map comes
 * after a flatten (or global average pooling when only that is listed), so it sees the
 * whole map. A conv2d on a map of at least 8×8 is followed half of the time by max
 * pooling when the set lists it, the usual convolution block, which cuts the cost of
 * every layer after it. Returns null when no draw fits.
 */
export function sampleInsertion(set: CandidateSet, rng: Rng, input: Shape, context: ShapeContext, kind?: LayerKind): SampledLayer[] | null {
  const adapter = vectorisingKind(set, input);
  const kinds = kind ? [kind] : insertableKinds(set, input);
  if (kinds.length === 0) return null;

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const drawn = sampleKind(kinds, rng);
    if (drawn === 'dense' && adapter) {
      const vectoriser = fittingLayer(adapter, sampleParams(adapter, set, rng), input, context);
      const vector = vectoriser && LAYERS[adapter].outputShape([input], vectoriser.params, context);
      const dense = vector && fittingLayer('dense', sampleParams('dense', set, rng), vector, context);
      if (vectoriser && dense) return [vectoriser, dense];
      continue;
    }
    const layer = fittingLayer(drawn, sampleParams(drawn, set, rng), input, context);
    if (!layer) continue;
    const pooled = layer.kind === 'conv2d' && placeableKinds(set).includes('maxPooling2d') && Math.min(input[0], input[1]) >= POOLED_BLOCK_MIN_SIZE;
    if (pooled && rng.chance(0.5)) {
      const map = LAYERS.conv2d.outputShape([input], layer.params, context);
      const pool = fittingLayer('maxPooling2d', sampleParams('maxPooling2d', set, rng), map, context);
      if (pool) return [layer, pool];
    }
    return [layer];
  }
  return null;
}

/** Kinds an insertion may draw on `input`: the fitting kinds, plus dense on a feature map when the set can vectorise it. */
export function insertableKinds(set: CandidateSet, input: Shape): LayerKind[] {
  const kinds = fittingKinds(set, input);
  const denseListed = placeableKinds(set).includes('dense');
  return vectorisingKind(set, input) && denseListed && !kinds.includes('dense') ? [...kinds, 'dense'] : kinds;
}

/** The listed kind that turns a feature map into a vector (flatten first), or null for other inputs. */
function vectorisingKind(set: CandidateSet, input: Shape): LayerKind | null {
  if (input.length !== 3) return null;
  const kinds = placeableKinds(set);
  if (kinds.includes('flatten')) return 'flatten';
  return kinds.includes('globalAveragePooling2d') ? 'globalAveragePooling2d' : null;
}

/**
 * Single-input kinds of the set worth placing on `input`: those whose rank rule accepts
 * it (conv2d needs rank 3, and so on). On a feature map, dense is left out when the set
 * can make a vector first (flatten or global pooling): dense there acts on each pixel's
 * channels alone, costs as much as a 1×1 convolution, and is rarely what was meant.
 */
export function fittingKinds(set: CandidateSet, input: Shape): LayerKind[] {
  const kinds = placeableKinds(set).filter((kind) => rankFits(kind, input));
  const canVectorise = kinds.includes('flatten') || kinds.includes('globalAveragePooling2d');
  return input.length === 3 && canVectorise ? kinds.filter((kind) => kind !== 'dense') : kinds;
}

function rankFits(kind: LayerKind, input: Shape): boolean {
  const group = LAYERS[kind].group;
  if (group === 'convolution' || group === 'pooling') return input.length === 3;
  if (group === 'recurrent') return input.length === 2;
  // Flattening a vector changes nothing, so it is not worth a layer.
  if (kind === 'flatten') return input.length > 1;
  return true;
}

function fittingLayer(kind: LayerKind, params: SampledLayer['params'], input: Shape, context: ShapeContext): SampledLayer | null {
  return fittingShape(kind, params, [input], context) ? { kind, params } : null;
}

function fittingShape(kind: LayerKind, params: SampledLayer['params'], inputs: readonly Shape[], context: ShapeContext): Shape | null {
  try {
    const shape = LAYERS[kind].outputShape(inputs, params, context);
    return shape.every((d) => Number.isInteger(d) && d >= 1) && product(shape) > 0 ? shape : null;
  } catch (error) {
    if (error instanceof ShapeError) return null;
    throw error;
  }
}

export function hiddenNodes(genome: Genome): LayerGene[] {
  return genome.nodes.filter((node) => node.kind !== 'input' && node.kind !== 'output');
}

/** Hidden nodes that operators may change or remove: all but fixed and frozen ones. */
function mutableNodes(genome: Genome, context: LayerGraphContext): LayerGene[] {
  return hiddenNodes(genome).filter((node) => !isFixedGene(node) && !(context.frozen?.has(node.id) ?? false));
}

/** Number of single-input layers, the measure that `maxLayers` caps. */
export function layerCount(genome: Genome): number {
  return hiddenNodes(genome).filter((node) => !isMergeKind(node.kind)).length;
}

function analyze(genome: Genome, context: LayerGraphContext): GenomeAnalysis {
  return analyzeGenome(genome, context.shape, context.limits);
}

/** Returns the genome when valid, taking the `newIds` ids it peeked from the counter; null otherwise. */
function keepIfValid(genome: Genome, context: LayerGraphContext, newIds = 0): Genome | null {
  if (!analyze(genome, context).valid) return null;
  for (let i = 0; i < newIds; i++) context.innovations.next();
  return genome;
}
