/**
 * Turns a genome into React Flow nodes and edges. Each node carries its kind, key
 * parameters, output shape, parameter count and the issues `analyzeGenome` found. Each edge
 * carries the shape of the tensor it passes. Positions come from a dagre layout.
 */

import type { Edge, Node, Position } from '@xyflow/react';
import { analyzeGenome, type Genome, type GenomeAnalysis } from '../../core/genome';
import { LAYERS, type LayerKind, type ShapeContext } from '../../core/layers';
import { formatParams, formatShapeCompact } from '../format';
import { summarizeGene } from './gene-summary';
import { DEFAULT_SPACING, fitByWrapping, layoutDag, wrapRows, type LayoutDirection, type LayoutFrame, type LayoutSpacing } from './layout';

export const LAYER_NODE_TYPE = 'layer';

export type LayerNodeData = {
  readonly kind: LayerKind;
  readonly title: string;
  readonly summary: string;
  /** Output shape without the batch axis, or null when it could not be inferred. */
  readonly shape: string | null;
  readonly params: number | null;
  /** Issues attached to this node, each with its fix. */
  readonly issues: readonly string[];
  readonly compact: boolean;
  /** The layer's activation function, which a compact node shows beside its kind; null for layers without one. */
  readonly activation: string | null;
};

export type LayerNode = Node<LayerNodeData, typeof LAYER_NODE_TYPE>;

export interface GenomeFlow {
  readonly nodes: LayerNode[];
  readonly edges: Edge[];
  readonly analysis: GenomeAnalysis;
}

export interface GenomeFlowOptions {
  /** Smaller nodes without the parameter summary, laid out top to bottom, for thumbnail views. */
  readonly compact?: boolean;
  /**
   * The compact view's size on screen. A network too tall for it folds into columns side by
   * side, as many as show it largest there.
   */
  readonly frame?: LayoutFrame;
}

export const NODE_SIZE = { width: 176, height: 78 } as const;
export const COMPACT_NODE_SIZE = { width: 150, height: 36 } as const;
// Thumbnails leave edge labels out (each node shows its output shape), so ranks sit closer.
const COMPACT_SPACING: LayoutSpacing = { nodeGap: 16, rankGap: 14 };
/** Gap between the columns of a folded compact layout, where the connection from one column's foot to the next one's head turns. */
const COMPACT_COLUMN_GAP = 28;
/** Share of the compact view a fitted graph fills: the view's fit leaves padding of 8% on each side. */
const COMPACT_FILL = 0.84;

// Handle sides for each direction, as React Flow's `Position` string values.
const HANDLES: Record<LayoutDirection, { target: Position; source: Position }> = {
  LR: { target: 'left' as Position, source: 'right' as Position },
  TB: { target: 'top' as Position, source: 'bottom' as Position },
};

function describeNode(id: string, title: string, info: { shape: readonly number[]; params: number } | undefined): string {
  if (!info) return `${title} "${id}", shape unknown`;
  return `${title} "${id}", output ${formatShapeCompact(info.shape)}, ${formatParams(info.params)}`;
}

export function genomeToFlow(genome: Genome, context: ShapeContext, options: GenomeFlowOptions = {}): GenomeFlow {
  const compact = options.compact ?? false;
  const size = compact ? COMPACT_NODE_SIZE : NODE_SIZE;
  // A thumbnail box is narrow, and a chain drawn downwards keeps its text larger there.
  const direction: LayoutDirection = compact ? 'TB' : 'LR';
  const analysis = analyzeGenome(genome, context);

  const issuesByNode = new Map<string, string[]>();
  const brokenEdges = new Set<string>();
  for (const issue of analysis.issues) {
    if (issue.nodeId) issuesByNode.set(issue.nodeId, [...(issuesByNode.get(issue.nodeId) ?? []), `${issue.message} ${issue.fix}`]);
    if (issue.edge) brokenEdges.add(`${issue.edge.from}->${issue.edge.to}`);
  }

  const links = genome.nodes.flatMap((gene) => gene.inputs.map((source) => ({ source, target: gene.id })));
  const boxes = genome.nodes.map((gene) => ({ id: gene.id, ...size }));
  let positions = layoutDag(boxes, links, direction, compact ? COMPACT_SPACING : DEFAULT_SPACING);
  const frame = options.frame;
  if (compact && frame && frame.width > 0 && frame.height > 0) {
    const ranks = new Set([...positions.values()].map((position) => Math.round(position.y))).size;
    const fill = { width: frame.width * COMPACT_FILL, height: frame.height * COMPACT_FILL };
    const unfolded = positions;
    positions = fitByWrapping(ranks, (perColumn) => wrapRows(unfolded, boxes, perColumn, COMPACT_COLUMN_GAP), boxes, fill);
  }

  const nodes: LayerNode[] = genome.nodes.map((gene) => {
    const info = analysis.nodes.get(gene.id);
    const known = gene.kind in LAYERS;
    return {
      id: gene.id,
      type: LAYER_NODE_TYPE,
      position: positions.get(gene.id) ?? { x: 0, y: 0 },
      width: size.width,
      height: size.height,
      targetPosition: HANDLES[direction].target,
      sourcePosition: HANDLES[direction].source,
      ariaLabel: describeNode(gene.id, known ? LAYERS[gene.kind].label : String(gene.kind), info),
      data: {
        kind: gene.kind,
        title: known ? LAYERS[gene.kind].label : String(gene.kind),
        summary: known ? summarizeGene(gene.kind, gene.params, context.outputUnits) : '',
        shape: info ? formatShapeCompact(info.shape) : null,
        params: info ? info.params : null,
        issues: issuesByNode.get(gene.id) ?? [],
        compact,
        activation: typeof gene.params.activation === 'string' ? gene.params.activation : null,
      },
    };
  });

  const edges: Edge[] = genome.nodes.flatMap((gene) =>
    gene.inputs.map((source, index) => {
      const shape = analysis.nodes.get(source)?.shape;
      const shapeText = shape ? formatShapeCompact(shape) : '?';
      const broken = brokenEdges.has(`${source}->${gene.id}`);
      // In a folded layout, a connection from a column's foot climbs to the next column's head:
      // it turns at right angles through the gap between the columns rather than curving across layers.
      const climbs = (positions.get(gene.id)?.y ?? 0) < (positions.get(source)?.y ?? 0);
      return {
        id: `${source}->${gene.id}#${index}`,
        source,
        target: gene.id,
        type: climbs ? 'smoothstep' : undefined,
        label: compact ? undefined : shapeText,
        className: broken ? 'edge-invalid' : undefined,
        ariaLabel: `${source} to ${gene.id}, shape ${shape ? shapeText : 'unknown'}`,
      } satisfies Edge;
    }),
  );

  return { nodes, edges, analysis };
}
