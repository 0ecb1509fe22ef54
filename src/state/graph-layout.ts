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

/**
 * Folds a left-to-right layout wider than `maxColumns` ranks into rows stacked top to bottom,
 * so that a long chain stays legible on a wide, low canvas. A rank is a column of boxes that
 * share a left edge, as `layoutDag` places them. The ranks are shared evenly among the fewest
 * rows that fit, and each row starts at the left edge of the first rank.
 */
export function wrapColumns(
  positions: ReadonlyMap<string, Position>,
  boxes: readonly LayoutBox[],
  maxColumns: number,
  rowGap: number,
): Map<string, Position> {
  const columns = [...new Set([...positions.values()].map((position) => Math.round(position.x)))].sort((a, b) => a - b);
  if (columns.length <= maxColumns) return new Map(positions);

  const rows = Math.ceil(columns.length / maxColumns);
  const perRow = Math.ceil(columns.length / rows);
  const columnIndex = new Map(columns.map((x, index) => [x, index]));
  const rowOf = (x: number) => Math.floor(columnIndex.get(Math.round(x))! / perRow);
  const heights = new Map(boxes.map((box) => [box.id, box.height]));

  // Each row's vertical extent before the fold, to stack the rows without overlap.
  const extents = Array.from({ length: rows }, () => ({ top: Infinity, bottom: -Infinity }));
  for (const [id, position] of positions) {
    const extent = extents[rowOf(position.x)];
    extent.top = Math.min(extent.top, position.y);
    extent.bottom = Math.max(extent.bottom, position.y + (heights.get(id) ?? 0));
  }
  const shifts: number[] = [];
  let nextTop = extents[0].top;
  for (const extent of extents) {
    shifts.push(nextTop - extent.top);
    nextTop += extent.bottom - extent.top + rowGap;
  }

  const wrapped = new Map<string, Position>();
  for (const [id, position] of positions) {
    const row = rowOf(position.x);
    wrapped.set(id, { x: position.x - (columns[row * perRow] - columns[0]), y: position.y + shifts[row] });
  }
  return wrapped;
}

/**
 * Folds a top-to-bottom layout taller than `maxRows` ranks into columns side by side, left to
 * right: `wrapColumns` turned a quarter. A rank is a row of boxes that share a top edge.
 */
export function wrapRows(
  positions: ReadonlyMap<string, Position>,
  boxes: readonly LayoutBox[],
  maxRows: number,
  columnGap: number,
): Map<string, Position> {
  const turn = (position: Position): Position => ({ x: position.y, y: position.x });
  const turned = new Map([...positions].map(([id, position]) => [id, turn(position)]));
  const turnedBoxes = boxes.map((box) => ({ id: box.id, width: box.height, height: box.width }));
  const wrapped = wrapColumns(turned, turnedBoxes, maxRows, columnGap);
  return new Map([...wrapped].map(([id, position]) => [id, turn(position)]));
}

/** How much larger a layout folded more often must show the graph to be chosen over a less folded one. */
export const WRAP_GAIN = 1.3;

/** The room for a graph on screen, in pixels, which a wrapped layout tries to fill. */
export interface LayoutFrame {
  readonly width: number;
  readonly height: number;
}

/**
 * Returns the fold of a layout that shows it largest in `frame`, at zoom 1 at most. `wrap(n)`
 * folds it to at most n ranks per row or column, for n from `ranks` (no fold) down to 1. A
 * layout with more folds must show the graph WRAP_GAIN times larger to be chosen, because an
 * unfolded graph is easier to follow, and the frame may change size a moment later.
 */
export function fitByWrapping(
  ranks: number,
  wrap: (ranksPerFold: number) => Map<string, Position>,
  boxes: readonly LayoutBox[],
  frame: LayoutFrame,
): Map<string, Position> {
  const sizes = new Map(boxes.map((box) => [box.id, box]));
  const zoomOf = (layout: ReadonlyMap<string, Position>) => {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const [id, position] of layout) {
      const box = sizes.get(id);
      left = Math.min(left, position.x);
      top = Math.min(top, position.y);
      right = Math.max(right, position.x + (box?.width ?? 0));
      bottom = Math.max(bottom, position.y + (box?.height ?? 0));
    }
    return Math.min(1, frame.width / Math.max(1, right - left), frame.height / Math.max(1, bottom - top));
  };

  let best = { zoom: 0, layout: wrap(ranks) };
  for (let perFold = ranks; perFold >= 1; perFold--) {
    const layout = wrap(perFold);
    const zoom = zoomOf(layout);
    if (zoom > best.zoom * WRAP_GAIN) best = { zoom, layout };
  }
  return best.layout;
}
