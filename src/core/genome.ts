/**
 * Genomes: directed acyclic graphs of layer genes from one input node to one output head,
 * and the one validator and shape inference that the search, the editor and the loaders
 * share.
 */

import {
  LAYERS,
  ShapeError,
  checkParam,
  defaultParams,
  formatShape,
  isLayerKind,
  product,
  type LayerKind,
  type LayerParams,
  type Shape,
  type ShapeContext,
} from './layers';
import { reachableFrom, topologicalIds } from './graph';
import { diagnoseShapeError } from './shape-diagnosis';

export interface LayerGene {
  readonly id: string;
  readonly kind: LayerKind;
  readonly params: LayerParams;
  /** Ids of the nodes feeding this one, in order (order matters for concatenate). */
  readonly inputs: readonly string[];
  /**
   * Set on a layer the user froze: search operators never change or remove it, and assembly
   * drops a module rather than let repair change it (see template.ts). Ignored on the input
   * node, the output head and module slots.
   */
  readonly fixed?: boolean;
}

/** A network architecture. Exactly one node has kind `input` and one has kind `output`. */
export interface Genome {
  readonly nodes: readonly LayerGene[];
}

export const INPUT_ID = 'input';
export const OUTPUT_ID = 'output';

export type IssueCode =
  | 'unknown-kind'
  | 'duplicate-id'
  | 'missing-input'
  | 'missing-output'
  | 'unknown-source'
  | 'cycle'
  | 'unreachable'
  | 'dead-end'
  | 'arity'
  | 'param'
  | 'shape'
  | 'too-large';

/** One thing wrong with a graph, attached to the node (and edge) it belongs to. */
export interface GraphIssue {
  readonly code: IssueCode;
  readonly message: string;
  readonly fix: string;
  readonly nodeId?: string;
  readonly edge?: { readonly from: string; readonly to: string };
  /** Every node the issue involves, where that is more than one (the nodes along a cycle). */
  readonly nodeIds?: readonly string[];
}

/** Limits that keep a candidate trainable in a browser tab. */
export interface SizeLimits {
  readonly maxParams: number;
  /** Maximum elements of any one activation tensor, per example. */
  readonly maxActivation: number;
}

export const DEFAULT_LIMITS: SizeLimits = { maxParams: 5_000_000, maxActivation: 400_000 };

export interface NodeInfo {
  readonly shape: Shape;
  readonly params: number;
  readonly flops: number;
}

export interface GenomeAnalysis {
  /** Shape, parameter count and FLOPs of each node whose inputs were valid. */
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  readonly issues: readonly GraphIssue[];
  readonly valid: boolean;
  readonly totalParams: number;
  /** Forward-pass FLOPs per example; training costs about three times this. */
  readonly totalFlops: number;
  /** Node ids in a topological order (empty when the graph has a cycle). */
  readonly order: readonly string[];
}

/** Names a node as the editor labels it ("Dense \"l3\"", "Output head \"output\""), or by its kind when that is unknown. */
const name = (gene: LayerGene): string => `${isLayerKind(gene.kind) ? LAYERS[gene.kind].label : gene.kind} "${gene.id}"`;

/**
 * Orders nodes so that every node comes after its inputs (Kahn's algorithm, ties broken by
 * array position so the order is stable). Returns null when the graph has a cycle.
 */
export function topologicalOrder(genome: Genome): string[] | null {
  // A repeated id is reported as 'duplicate-id'; only its first node takes part in the
  // order, so that the repeat is not mistaken for a cycle.
  const firstById = new Map<string, LayerGene>();
  for (const node of genome.nodes) if (!firstById.has(node.id)) firstById.set(node.id, node);
  return topologicalIds([...firstById.values()]);
}

/** Checks the wiring of a graph: ids, kinds, parameters, arity, cycles and connectivity. */
function structuralIssues(genome: Genome): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const ids = new Set<string>();

  for (const node of genome.nodes) {
    if (ids.has(node.id)) {
      issues.push({
        code: 'duplicate-id',
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}".`,
        fix: 'Give every node its own id.',
      });
    }
    ids.add(node.id);
    if (!isLayerKind(node.kind)) {
      issues.push({
        code: 'unknown-kind',
        nodeId: node.id,
        message: `Node "${node.id}" has unknown layer kind "${String(node.kind)}".`,
        fix: 'Replace it with a layer from the palette.',
      });
    }
  }

  const inputs = genome.nodes.filter((n) => n.kind === 'input');
  const outputs = genome.nodes.filter((n) => n.kind === 'output');
  if (inputs.length !== 1) {
    issues.push({
      code: 'missing-input',
      message: `A network needs exactly one input node, but this one has ${inputs.length}.`,
      fix: inputs.length === 0 ? 'Add the input node back.' : 'Delete the extra input nodes.',
    });
  }
  if (outputs.length !== 1) {
    issues.push({
      code: 'missing-output',
      message: `A network needs exactly one output head, but this one has ${outputs.length}.`,
      fix: outputs.length === 0 ? 'Add the output head back.' : 'Delete the extra output heads.',
    });
  }

  for (const node of genome.nodes) {
    if (!isLayerKind(node.kind)) continue;
    const spec = LAYERS[node.kind];
    for (const source of node.inputs) {
      if (!ids.has(source)) {
        issues.push({
          code: 'unknown-source',
          nodeId: node.id,
          edge: { from: source, to: node.id },
          message: `${name(node)} takes input from "${source}", which does not exist.`,
          fix: 'Remove the connection or add the missing node.',
        });
      }
    }
    if (new Set(node.inputs).size !== node.inputs.length) {
      issues.push({
        code: 'arity',
        nodeId: node.id,
        message: `${name(node)} is connected to the same source more than once.`,
        fix: 'Remove the repeated connection.',
      });
    }
    const count = node.inputs.length;
    if (count < spec.arity.min || count > spec.arity.max) {
      const expected =
        spec.arity.min === spec.arity.max
          ? `exactly ${spec.arity.min}`
          : `${spec.arity.min} to ${spec.arity.max}`;
      const fix =
        spec.group === 'merge' && count < spec.arity.min
          ? `Connect a second branch into it, or delete it and connect its input straight on.`
          : count === 0
            ? node.kind === 'output'
              ? 'Connect the last layer to it.'
              : 'Connect an input to it, or delete it.'
            : spec.arity.max === 0
              ? 'Remove the connections into it.'
              : 'Join the branches with an add or concatenate layer first.';
      issues.push({
        code: 'arity',
        nodeId: node.id,
        message: `${name(node)} takes ${expected} input${spec.arity.max === 1 ? '' : 's'} but has ${count}.`,
        fix,
      });
    }
    for (const [param, value] of Object.entries(node.params)) {
      const problem = checkParam(node.kind, param, value);
      if (problem) {
        issues.push({ code: 'param', nodeId: node.id, message: problem, fix: 'Set it within the range shown.' });
      }
    }
    for (const param of Object.keys(spec.params)) {
      if (!(param in node.params)) {
        issues.push({
          code: 'param',
          nodeId: node.id,
          message: `${name(node)} is missing its parameter "${param}".`,
          fix: 'Set it in the inspector.',
        });
      }
    }
  }

  if (topologicalOrder(genome) === null) {
    const cyclic = findCycle(genome);
    issues.push({
      code: 'cycle',
      nodeId: cyclic[0],
      nodeIds: cyclic,
      message: `The graph has a cycle through ${cyclic.map((id) => `"${id}"`).join(' → ')}.`,
      fix: 'Remove one of the connections in the loop; a network must flow one way.',
    });
    return issues;
  }

  if (inputs.length === 1 && outputs.length === 1) {
    const fromInput = reachableFrom(genome.nodes, inputs[0].id, 'forward');
    const toOutput = reachableFrom(genome.nodes, outputs[0].id, 'backward');
    const consumed = new Set(genome.nodes.flatMap((node) => node.inputs));
    for (const node of genome.nodes) {
      // A layer with no input at all already has its arity issue, whose fix is to connect one.
      if (!fromInput.has(node.id) && node.inputs.length === 0) continue;
      if (!fromInput.has(node.id)) {
        issues.push({
          code: 'unreachable',
          nodeId: node.id,
          message: `${name(node)} is not connected to the input.`,
          fix: node.kind === 'output' ? 'Connect a layer that comes from the input to it.' : 'Connect it to a layer that comes from the input, or delete it.',
        });
      } else if (!toOutput.has(node.id) && !consumed.has(node.id)) {
        // Only the last layer of a branch that stops short is reported: the layers before it
        // lead nowhere for the same reason, and one connection from it fixes them all.
        issues.push({
          code: 'dead-end',
          nodeId: node.id,
          message: `${name(node)} does not lead to the output head.`,
          // The input node cannot be deleted: every network has exactly one.
          fix: node.kind === 'input' ? 'Connect it to the first layer.' : 'Connect its output onward to the output head, or delete it.',
        });
      }
    }
  }
  return issues;
}

/** Returns the ids along one cycle of a graph known to have one. */
function findCycle(genome: Genome): string[] {
  const byId = new Map(genome.nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    path.push(id);
    for (const source of byId.get(id)?.inputs ?? []) {
      if (state.get(source) === 'open') return path.slice(path.indexOf(source)).reverse();
      if (!state.has(source) && byId.has(source)) {
        const found = visit(source);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const node of genome.nodes) {
    if (!state.has(node.id)) {
      const found = visit(node.id);
      if (found) return found;
    }
  }
  return [];
}

/**
 * Validates a genome and infers every node's output shape, parameter count and FLOPs.
 * The editor, the search and every loader use this one function.
 */
export function analyzeGenome(
  genome: Genome,
  context: ShapeContext,
  limits: SizeLimits = DEFAULT_LIMITS,
): GenomeAnalysis {
  const issues = structuralIssues(genome);
  const order = topologicalOrder(genome) ?? [];
  const byId = new Map(genome.nodes.map((n) => [n.id, n]));
  const nodes = new Map<string, NodeInfo>();
  const broken = new Set(issues.filter((i) => i.code === 'param' || i.code === 'unknown-kind').map((i) => i.nodeId));
  let totalParams = 0;
  let totalFlops = 0;

  for (const id of order) {
    const gene = byId.get(id)!;
    if (!isLayerKind(gene.kind) || broken.has(id)) continue;
    const spec = LAYERS[gene.kind];
    const inputShapes = gene.inputs.map((source) => nodes.get(source)?.shape);
    if (inputShapes.some((s) => s === undefined)) continue;
    if (inputShapes.length < spec.arity.min || inputShapes.length > spec.arity.max) continue;
    const shapes = inputShapes as Shape[];

    let shape: Shape;
    try {
      shape = spec.outputShape(shapes, gene.params, context);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      const diagnosis = diagnoseShapeError(gene, shapes, error, { byId, shapeOf: (source) => nodes.get(source)?.shape });
      issues.push({ code: 'shape', nodeId: id, ...diagnosis });
      continue;
    }

    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      issues.push({
        code: 'shape',
        nodeId: id,
        message: `${name(gene)} would produce the empty shape ${formatShape(shape)}.`,
        fix: 'Use padding "same" or fewer downsampling layers before it.',
      });
      continue;
    }
    if (product(shape) > limits.maxActivation) {
      issues.push({
        code: 'too-large',
        nodeId: id,
        message: `${name(gene)} outputs ${formatShape(shape)}, ${product(shape).toLocaleString('en-US')} values per example, above the limit of ${limits.maxActivation.toLocaleString('en-US')}.`,
        fix: 'Use fewer units or filters, or downsample earlier with pooling or strides.',
      });
      continue;
    }

    const params = spec.paramCount(shapes, gene.params, context);
    const flops = spec.flops(shapes, shape, gene.params);
    nodes.set(id, { shape, params, flops });
    totalParams += params;
    totalFlops += flops;
  }

  if (totalParams > limits.maxParams) {
    issues.push({
      code: 'too-large',
      message: `The network has ${totalParams.toLocaleString('en-US')} parameters, above the limit of ${limits.maxParams.toLocaleString('en-US')}.`,
      fix: 'Use fewer units or filters, or add pooling before the dense layers.',
    });
  }

  return { nodes, issues, valid: issues.length === 0, totalParams, totalFlops, order };
}

/** Throws an Error listing every issue when the genome is invalid. */
export function assertValidGenome(genome: Genome, context: ShapeContext, limits?: SizeLimits): GenomeAnalysis {
  const analysis = analyzeGenome(genome, context, limits);
  if (!analysis.valid) {
    const lines = analysis.issues.map((issue) => `- ${issue.message} ${issue.fix}`);
    throw new Error(`Invalid network:\n${lines.join('\n')}`);
  }
  return analysis;
}

/** Returns the first issue that keeps the genome from being built for `context`, or null when it can be. */
export function genomeMisfit(genome: Genome, context: ShapeContext): string | null {
  return analyzeGenome(genome, context).issues[0]?.message ?? null;
}

/** Builds a chain genome input → layers… → output, with ids `l1`, `l2`, … */
export function chainGenome(layers: readonly { kind: LayerKind; params?: LayerParams }[]): Genome {
  const nodes: LayerGene[] = [{ id: INPUT_ID, kind: 'input', params: {}, inputs: [] }];
  let previous = INPUT_ID;
  layers.forEach((layer, index) => {
    const id = `l${index + 1}`;
    nodes.push({ id, kind: layer.kind, params: { ...defaultParams(layer.kind), ...layer.params }, inputs: [previous] });
    previous = id;
  });
  nodes.push({ id: OUTPUT_ID, kind: 'output', params: {}, inputs: [previous] });
  return { nodes };
}
