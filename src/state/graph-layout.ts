/**
 * Automatic layout of a directed acyclic graph with dagre (layered, Sugiyama-style). The
 * graph model places new graphs with it, and the read-only views lay out genomes with it.
 */

import dagre from '@dagrejs/dagre';

export interface LayoutBox {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutLink {
  readonly source: string;
  readonly target: string;
}

export type LayoutDirection = 'LR' | 'TB';

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface LayoutSpacing {
  /** Gap between boxes of the same rank. */
  readonly nodeGap: number;
  /** Gap between ranks, where edges and their labels run. */
  readonly rankGap: number;
}

export const DEFAULT_SPACING: LayoutSpacing = { nodeGap: 28, rankGap: 56 };

/**
 * Places each box so that links point along `direction`, and returns the top-left corner of
 * each box (dagre computes centres; React Flow positions nodes by their top-left corner).
 */
export function layoutDag(
  boxes: readonly LayoutBox[],
  links: readonly LayoutLink[],
  direction: LayoutDirection = 'LR',
  spacing: LayoutSpacing = DEFAULT_SPACING,
): Map<string, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: direction, nodesep: spacing.nodeGap, ranksep: spacing.rankGap, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));

  for (const box of boxes) graph.setNode(box.id, { width: box.width, height: box.height });
  const ids = new Set(boxes.map((box) => box.id));
  for (const link of links) {
    if (ids.has(link.source) && ids.has(link.target)) graph.setEdge(link.source, link.target);
  }

  dagre.layout(graph);

  const positions = new Map<string, Position>();
  for (const box of boxes) {
    const centre = graph.node(box.id);
    positions.set(box.id, { x: centre.x! - box.width / 2, y: centre.y! - box.height / 2 });
  }
  return positions;
}
