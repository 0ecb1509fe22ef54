/**
 * Turns the graph model and the validator's analysis into React Flow nodes and edges for
 * the editor. Each builder takes the objects it built last time and returns the same object
 * for every node or edge whose content did not change, so React Flow re-renders only what
 * an edit or a drag touched.
 */

import type { Edge, Node } from '@xyflow/react';
import type { Genome, GenomeAnalysis } from '../../core/genome';
import { LAYERS, isLayerKind, type ShapeContext } from '../../core/layers';
import { isFixedGene } from '../../core/template';
import { editorEdges, type XY } from '../../state/graph-model';
import { formatShapeCompact } from '../format';
import { summarizeGene } from '../graph/gene-summary';

export const EDITOR_NODE_TYPE = 'editorLayer';
export const SHAPE_EDGE_TYPE = 'shape';
/**
 * Margins in screen pixels around a fitted network. The sides are wide enough to keep the zoom
 * buttons in the canvas's bottom-left corner off the layers.
 */
export const FIT_MARGIN = { x: 64, y: 24 } as const;

/** View-fitting options of the editor: the margins above, and no zoom past 110%. */
export const EDITOR_FIT = {
  padding: { top: `${FIT_MARGIN.y}px`, bottom: `${FIT_MARGIN.y}px`, left: `${FIT_MARGIN.x}px`, right: `${FIT_MARGIN.x}px` },
  maxZoom: 1.1,
} as const;

export type EditorNodeData = {
  readonly kind: string;
  /** Accessible name, e.g. "Dense layer l2". */
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  /** Output shape without the batch axis, or null when it could not be inferred. */
  readonly shape: string | null;
  readonly params: number | null;
  /** Issues on this node, each with its fix. */
  readonly issues: readonly string[];
  /** True for a layer that searches keep as built. */
  readonly fixed: boolean;
};

export type ShapeEdgeData = {
  /** Shape of the tensor the connection carries, or null when it is unknown. */
  readonly shape: string | null;
  readonly issues: readonly string[];
  readonly slot: number;
};

export type EditorFlowNode = Node<EditorNodeData, typeof EDITOR_NODE_TYPE>;
export type EditorFlowEdge = Edge<ShapeEdgeData, typeof SHAPE_EDGE_TYPE>;

/** Names a node for screen readers and tests: "Input node", "Output head" or "Dense layer l2". */
export function layerName(kind: string, id: string): string {
  if (kind === 'input') return 'Input node';
  if (kind === 'output') return 'Output head';
  if (kind === 'moduleSlot') return `Module slot ${id}`;
  return `${isLayerKind(kind) ? LAYERS[kind].label : kind} layer ${id}`;
}

const linkKey = (from: string, to: string) => `${from}->${to}`;

/** Sorts the analysis's issues by the node and the connection each one marks. */
export function issuesByPlace(analysis: GenomeAnalysis): { nodes: Map<string, string[]>; links: Map<string, string[]> } {
  const nodes = new Map<string, string[]>();
  const links = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, text: string) => map.set(key, [...(map.get(key) ?? []), text]);

  for (const issue of analysis.issues) {
    const text = `${issue.message} ${issue.fix}`;
    const ids = new Set([...(issue.nodeId ? [issue.nodeId] : []), ...(issue.nodeIds ?? [])]);
    for (const id of ids) add(nodes, id, text);
    if (issue.edge) add(links, linkKey(issue.edge.from, issue.edge.to), text);
  }
  return { nodes, links };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

function sameData(a: EditorNodeData, b: EditorNodeData): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.title === b.title &&
    a.summary === b.summary &&
    a.shape === b.shape &&
    a.params === b.params &&
    a.fixed === b.fixed &&
    sameList(a.issues, b.issues)
  );
}

/** Builds each node's label data, reusing last time's object wherever nothing changed. */
export function buildNodeData(
  genome: Genome,
  analysis: GenomeAnalysis,
  context: ShapeContext,
  previous: ReadonlyMap<string, EditorNodeData>,
  regression = false,
): Map<string, EditorNodeData> {
  const { nodes: issues } = issuesByPlace(analysis);
  const data = new Map<string, EditorNodeData>();
  for (const gene of genome.nodes) {
    const info = analysis.nodes.get(gene.id);
    const known = isLayerKind(gene.kind);
    const next: EditorNodeData = {
      kind: gene.kind,
      name: layerName(gene.kind, gene.id),
      title: known ? LAYERS[gene.kind].label : String(gene.kind),
      summary: known ? summarizeGene(gene.kind, gene.params, context.outputUnits, regression) : '',
      shape: info ? formatShapeCompact(info.shape) : null,
      params: info ? info.params : null,
      issues: issues.get(gene.id) ?? [],
      fixed: isFixedGene(gene),
    };
    const old = previous.get(gene.id);
    data.set(gene.id, old && sameData(old, next) ? old : next);
  }
  return data;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The view state the canvas keeps beside the model. */
export interface CanvasViewState {
  /** Positions of nodes being dragged, ahead of the model. */
  readonly moving: ReadonlyMap<string, XY> | null;
  /** Sizes React Flow measured; handing them back keeps it from measuring a moved node again. */
  readonly measured: ReadonlyMap<string, Size>;
  readonly selection: ReadonlySet<string>;
}

/** Builds the canvas nodes from the model's genome and positions and the canvas's view state. */
export function buildFlowNodes(
  genome: Genome,
  positions: ReadonlyMap<string, XY>,
  data: ReadonlyMap<string, EditorNodeData>,
  view: CanvasViewState,
  previous: ReadonlyMap<string, EditorFlowNode>,
): EditorFlowNode[] {
  return genome.nodes.map((gene) => {
    const position = view.moving?.get(gene.id) ?? positions.get(gene.id) ?? { x: 0, y: 0 };
    const nodeData = data.get(gene.id)!;
    const selected = view.selection.has(gene.id);
    const measured = view.measured.get(gene.id);
    const old = previous.get(gene.id);
    const unchanged =
      old &&
      old.data === nodeData &&
      old.selected === selected &&
      old.measured === measured &&
      old.position.x === position.x &&
      old.position.y === position.y;
    if (unchanged) return old;

    const io = gene.kind === 'input' || gene.kind === 'output';
    return {
      id: gene.id,
      type: EDITOR_NODE_TYPE,
      position,
      data: nodeData,
      selected,
      measured,
      deletable: !io,
      ariaLabel: nodeData.name,
    };
  });
}

/** Builds the canvas edges, each labelled with the shape it carries and marked when an issue names it. */
export function buildFlowEdges(
  genome: Genome,
  analysis: GenomeAnalysis,
  selectedEdges: ReadonlySet<string>,
  previous: ReadonlyMap<string, EditorFlowEdge>,
): EditorFlowEdge[] {
  const { links } = issuesByPlace(analysis);
  return editorEdges(genome).map((edge) => {
    const info = analysis.nodes.get(edge.source);
    const shape = info ? formatShapeCompact(info.shape) : null;
    const issues = links.get(linkKey(edge.source, edge.target)) ?? [];
    const selected = selectedEdges.has(edge.id);
    const old = previous.get(edge.id);
    if (old && old.data && old.data.shape === shape && sameList(old.data.issues, issues) && old.selected === selected) return old;
    return {
      id: edge.id,
      type: SHAPE_EDGE_TYPE,
      source: edge.source,
      target: edge.target,
      selected,
      data: { shape, issues, slot: edge.slot },
      ariaLabel: `Connection from ${edge.source} to ${edge.target}, shape ${shape ?? 'unknown'}${issues.length ? ', invalid' : ''}`,
    };
  });
}
