/**
 * Repair: turns any layer graph (an assembled network, a crossover child, a loaded file)
 * into a genome that `analyzeGenome` accepts, changing as little as it can.
 *
 * It first normalises the wiring: one input, one output head, known kinds, valid
 * parameters, no cycles, the right number of inputs per node, and nothing off the path
 * from input to output. Then it fixes shape and size issues one at a time in topological
 * order, upstream first, because an upstream fix changes every shape below it. When
 * nothing else helps it falls back towards the network input → output head.
 */

import {
  DEFAULT_LIMITS,
  INPUT_ID,
  OUTPUT_ID,
  analyzeGenome,
  type Genome,
  type GenomeAnalysis,
  type GraphIssue,
  type LayerGene,
  type SizeLimits,
} from './genome';
import { LAYERS, checkParam, isLayerKind, isMergeKind, type LayerParams, type Shape, type ShapeContext } from './layers';
import { bypassNode, pruneOffPath } from './graph';

/** Returns the smallest network, input → output head, which is valid whenever the input fits the limits. */
export function minimalGenome(): Genome {
  return {
    nodes: [
      { id: INPUT_ID, kind: 'input', params: {}, inputs: [] },
      { id: OUTPUT_ID, kind: 'output', params: {}, inputs: [INPUT_ID] },
    ],
  };
}

/**
 * Makes a graph valid for `context` and `limits`. A valid genome comes back unchanged,
 * and otherwise the result keeps as much of the graph as it can:
 * - spatial layers on inputs that are not rank 3 are dropped;
 * - windows too large for their input switch to "same" padding;
 * - merges keep only inputs of compatible shape, and a merge left with one input is removed;
 * - recurrent layers on inputs that are not sequences are dropped;
 * - layers that make the network too large are dropped, the largest first.
 */
export function repairGenome(genome: Genome, context: ShapeContext, limits: SizeLimits = DEFAULT_LIMITS): Genome {
  if (analyzeGenome(genome, context, limits).valid) return genome;

  let current = normaliseGenome(genome);
  // Each fix removes a node or switches one padding, so this bounds the loop.
  const maxSteps = 2 * genome.nodes.length + 4;
  for (let step = 0; current && step < maxSteps; step++) {
    const analysis = analyzeGenome(current, context, limits);
    if (analysis.valid) return current;
    const fixed = fixFirstIssue(current, analysis);
    current = fixed && normaliseGenome(fixed);
  }
  return minimalGenome();
}

/**
 * Fixes the wiring of a graph without looking at shapes. Returns null when no path
 * leads from an input node to an output head.
 */
export function normaliseGenome(genome: Genome): Genome | null {
  const input = genome.nodes.find((node) => node.kind === 'input');
  const output = genome.nodes.find((node) => node.kind === 'output');
  if (!input || !output) return null;

  const seen = new Set<string>();
  let nodes: LayerGene[] = [];
  for (const node of genome.nodes) {
    if (seen.has(node.id) || !isLayerKind(node.kind)) continue;
    if ((node.kind === 'input' && node !== input) || (node.kind === 'output' && node !== output)) continue;
    seen.add(node.id);
    nodes.push({ ...node, params: validParams(node) });
  }

  nodes = nodes.map((node) => {
    const sources = node.kind === 'input' ? [] : [...new Set(node.inputs)].filter((id) => seen.has(id));
    return { ...node, inputs: sources.slice(0, LAYERS[node.kind].arity.max) };
  });
  nodes = removeCycles(nodes);

  // Pruning can leave a merge with one input, and bypassing it can leave new dead ends.
  for (let changed = true; changed; ) {
    const pruned = pruneOffPath(nodes, input.id, output.id);
    changed = pruned.length !== nodes.length;
    nodes = pruned;
    const lonelyMerge = nodes.find((node) => isMergeKind(node.kind) && node.inputs.length < 2);
    if (lonelyMerge) {
      nodes = limitArity(bypassNode(nodes, lonelyMerge.id));
      changed = true;
    }
  }
  return nodes.some((node) => node.id === output.id) ? { nodes } : null;
}

/** Keeps each parameter the registry accepts, and gives every other its default. */
function validParams(node: LayerGene): LayerParams {
  const params: LayerParams = {};
  for (const [name, spec] of Object.entries(LAYERS[node.kind].params)) {
    const value = node.params[name];
    params[name] = value !== undefined && checkParam(node.kind, name, value) === null ? value : spec.default;
  }
  return params;
}

function limitArity(nodes: LayerGene[]): LayerGene[] {
  return nodes.map((node) => {
    const max = LAYERS[node.kind].arity.max;
    return node.inputs.length > max ? { ...node, inputs: node.inputs.slice(0, max) } : node;
  });
}

/** Drops every input that closes a cycle, found by depth-first search in array order. */
function removeCycles(nodes: LayerGene[]): LayerGene[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const state = new Map<string, 'open' | 'done'>();
  const dropped = new Map<string, Set<string>>();

  const visit = (id: string): void => {
    state.set(id, 'open');
    for (const source of byId.get(id)!.inputs) {
      if (state.get(source) === 'open') {
        dropped.set(id, (dropped.get(id) ?? new Set()).add(source));
      } else if (!state.has(source)) {
        visit(source);
      }
    }
    state.set(id, 'done');
  };
  for (const node of nodes) if (!state.has(node.id)) visit(node.id);

  if (dropped.size === 0) return nodes;
  return nodes.map((node) => {
    const cut = dropped.get(node.id);
    return cut ? { ...node, inputs: node.inputs.filter((source) => !cut.has(source)) } : node;
  });
}

/** Returns the graph with the most upstream issue fixed, or null when it cannot be fixed. */
function fixFirstIssue(genome: Genome, analysis: GenomeAnalysis): Genome | null {
  const position = new Map(analysis.order.map((id, index) => [id, index]));
  const rank = (issue: GraphIssue) => (issue.nodeId === undefined ? Infinity : (position.get(issue.nodeId) ?? Infinity));
  const issue = [...analysis.issues].sort((a, b) => rank(a) - rank(b))[0];
  const node = genome.nodes.find((candidate) => candidate.id === issue.nodeId);

  if (issue.code === 'too-large' && !node) return dropLargestLayer(genome, analysis);
  if (!node || node.kind === 'input' || node.kind === 'output') return null;
  if (issue.code === 'shape') return fixShape(genome, node, analysis);
  return { nodes: bypassNode(genome.nodes, node.id) };
}

function fixShape(genome: Genome, node: LayerGene, analysis: GenomeAnalysis): Genome {
  const shapes = node.inputs.map((source) => analysis.nodes.get(source)?.shape ?? []);

  if (isMergeKind(node.kind)) {
    const kept = compatibleInputs(node, shapes);
    return { nodes: genome.nodes.map((gene) => (gene.id === node.id ? { ...gene, inputs: kept } : gene)) };
  }
  // A window larger than a rank-3 input fits once padding keeps the input's size.
  if (node.params.padding === 'valid' && shapes[0]?.length === 3) {
    const params = { ...node.params, padding: 'same' };
    return { nodes: genome.nodes.map((gene) => (gene.id === node.id ? { ...gene, params } : gene)) };
  }
  return { nodes: bypassNode(genome.nodes, node.id) };
}

/**
 * Keeps the largest group of a merge's inputs that the merge accepts together: equal
 * shapes for add, equal leading axes for concatenate. Ties go to the group of the
 * earliest input.
 */
function compatibleInputs(node: LayerGene, shapes: readonly Shape[]): string[] {
  const key = (shape: Shape) => (node.kind === 'add' ? shape.join('x') : `${shape.length}:${shape.slice(0, -1).join('x')}`);
  const groups = new Map<string, string[]>();
  node.inputs.forEach((source, index) => {
    const group = key(shapes[index]);
    groups.set(group, [...(groups.get(group) ?? []), source]);
  });
  let best: string[] = [];
  for (const group of groups.values()) if (group.length > best.length) best = group;
  return best;
}

/**
 * Drops the hidden layer that contributes most parameters, counting for a layer that
 * feeds the output head the head's own weights too, since dropping it changes them.
 */
function dropLargestLayer(genome: Genome, analysis: GenomeAnalysis): Genome | null {
  const head = genome.nodes.find((node) => node.kind === 'output');
  const headParams = head ? (analysis.nodes.get(head.id)?.params ?? 0) : 0;
  let largest: LayerGene | null = null;
  let largestScore = -1;
  for (const node of genome.nodes) {
    if (node.kind === 'input' || node.kind === 'output') continue;
    const own = analysis.nodes.get(node.id)?.params ?? 0;
    const score = own + (head?.inputs.includes(node.id) ? headParams : 0);
    if (score > largestScore) {
      largest = node;
      largestScore = score;
    }
  }
  return largest ? { nodes: bypassNode(genome.nodes, largest.id) } : null;
}
