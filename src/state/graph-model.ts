/**
 * The graph model the editor edits: the genome the search uses plus a canvas position for
 * each node. It converts both ways, without loss, to the editor graph of placed nodes and
 * numbered connections that the canvas draws.
 */

import { topologicalOrder, type Genome, type LayerGene } from '../core/genome';
import type { LayerKind, LayerParams } from '../core/layers';
import { DEFAULT_SPACING, fitByWrapping, layoutDag, wrapColumns, type LayoutFrame } from './graph-layout';

export type { LayoutFrame } from './graph-layout';

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface GraphModel {
  readonly genome: Genome;
  /** Top-left corner of each node on the canvas, in flow coordinates. */
  readonly positions: ReadonlyMap<string, XY>;
}

/** Size of a layer node on the editor canvas, in flow units. */
export const EDITOR_NODE_SIZE = { width: 176, height: 78 } as const;

/** A node as the canvas places it. */
export interface EditorNode {
  readonly id: string;
  readonly kind: LayerKind;
  readonly params: LayerParams;
  readonly position: XY;
  /** True for a layer the search must keep as built (see `LayerGene.fixed`). */
  readonly fixed?: boolean;
}

/**
 * A connection as the canvas draws it. `slot` is its place in the target's input list,
 * which matters for concatenate, and keeps two connections between the same nodes apart.
 */
export interface EditorEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly slot: number;
}

export interface EditorGraph {
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly EditorEdge[];
}

export const edgeId = (source: string, target: string, slot: number): string => `${source}->${target}#${slot}`;

/** Lists a genome's connections, one per entry of each node's input list. */
export function editorEdges(genome: Genome): EditorEdge[] {
  return genome.nodes.flatMap((gene) =>
    gene.inputs.map((source, slot) => ({ id: edgeId(source, gene.id, slot), source, target: gene.id, slot })),
  );
}

/**
 * Maximum ranks per row of the editor's layout when the canvas size is unknown. Five layers
 * and their gaps fill the canvas of a 1366-pixel-wide window at about 75% zoom.
 */
const EDITOR_ROW_RANKS = 5;

/** Gaps of the editor's layout: between ranks, room for a shape label such as "28×28×16" clear of the connection dots. */
export const EDITOR_SPACING = { nodeGap: DEFAULT_SPACING.nodeGap, rankGap: 72 };

/**
 * Lays a genome out left to right with dagre and returns each node's top-left corner. A long
 * graph wraps onto rows, with the number of ranks per row that shows it at the largest zoom
 * in `frame`, or at most `EDITOR_ROW_RANKS` ranks per row without a frame.
 */
export function layoutPositions(genome: Genome, frame?: LayoutFrame): Map<string, XY> {
  const boxes = genome.nodes.map((gene) => ({ id: gene.id, ...EDITOR_NODE_SIZE }));
  const links = genome.nodes.flatMap((gene) => gene.inputs.map((source) => ({ source, target: gene.id })));
  const positions = layoutDag(boxes, links, 'LR', EDITOR_SPACING);
  const wrap = (columns: number) => wrapColumns(positions, boxes, columns, DEFAULT_SPACING.rankGap);
  if (!frame || frame.width <= 0 || frame.height <= 0) return wrap(EDITOR_ROW_RANKS);

  const ranks = new Set([...positions.values()].map((position) => Math.round(position.x))).size;
  return fitByWrapping(ranks, wrap, boxes, frame);
}

/**
 * Builds a model from a genome. Nodes keep the positions given for them. When any node has
 * none, the whole graph is laid out again, so that no node lands on top of another.
 */
export function modelFromGenome(genome: Genome, positions?: ReadonlyMap<string, XY>, frame?: LayoutFrame): GraphModel {
  const complete = positions !== undefined && genome.nodes.every((gene) => positions.has(gene.id));
  if (complete) {
    const kept = new Map(genome.nodes.map((gene) => [gene.id, positions.get(gene.id)!]));
    return { genome, positions: kept };
  }
  return { genome, positions: layoutPositions(genome, frame) };
}

export function editorGraphOf(model: GraphModel): EditorGraph {
  const nodes = model.genome.nodes.map((gene) => ({
    id: gene.id,
    kind: gene.kind,
    params: gene.params,
    position: model.positions.get(gene.id) ?? { x: 0, y: 0 },
    ...(gene.fixed ? { fixed: true } : {}),
  }));
  return { nodes, edges: editorEdges(model.genome) };
}

/**
 * Rebuilds the model from an editor graph. Node order is kept, and each node's inputs are
 * ordered by the slots of the connections into it.
 */
export function modelFromEditorGraph(graph: EditorGraph): GraphModel {
  const incoming = new Map<string, EditorEdge[]>();
  for (const edge of graph.edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);

  const nodes: LayerGene[] = graph.nodes.map((node) => {
    const edges = [...(incoming.get(node.id) ?? [])].sort((a, b) => a.slot - b.slot);
    const gene: LayerGene = { id: node.id, kind: node.kind, params: node.params, inputs: edges.map((edge) => edge.source) };
    return node.fixed ? { ...gene, fixed: true } : gene;
  });
  const positions = new Map(graph.nodes.map((node) => [node.id, node.position]));
  return { genome: { nodes }, positions };
}

/** Returns `count` unused layer ids `l<n>`, numbered after the highest one in use. */
export function freshLayerIds(genome: Genome, count: number): string[] {
  let highest = 0;
  for (const gene of genome.nodes) {
    const match = /^l(\d+)$/.exec(gene.id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const used = new Set(genome.nodes.map((gene) => gene.id));
  const ids: string[] = [];
  for (let n = highest + 1; ids.length < count; n++) {
    if (!used.has(`l${n}`)) ids.push(`l${n}`);
  }
  return ids;
}

/**
 * Renames every layer whose id is not of the editor's form (`l` and a number) to the next
 * free one, in flow order, so that a searched network opens with ids like a built one's
 * (`l3` rather than `n22:n10`). The input node and the output head keep theirs.
 */
export function withEditorIds(genome: Genome): Genome {
  const byId = new Map(genome.nodes.map((gene) => [gene.id, gene]));
  const order = topologicalOrder(genome) ?? genome.nodes.map((gene) => gene.id);
  const renamed = order.filter((id) => {
    const kind = byId.get(id)?.kind;
    return kind !== 'input' && kind !== 'output' && !/^l\d+$/.test(id);
  });
  if (renamed.length === 0) return genome;
  const fresh = freshLayerIds(genome, renamed.length);
  const names = new Map(renamed.map((id, index) => [id, fresh[index]]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return { ...genome, nodes: genome.nodes.map((gene) => ({ ...gene, id: nameOf(gene.id), inputs: gene.inputs.map(nameOf) })) };
}
