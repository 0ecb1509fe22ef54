/**
 * Editor commands as change records: add a layer where the user is working, duplicate,
 * copy and paste, delete and auto-layout. Each returns the change to apply and the ids to
 * select afterwards, and leaves validation to `applyChange` and `analyzeGenome`.
 */

import { analyzeGenome, type GraphIssue, type LayerGene } from '../core/genome';
import { reachableFrom } from '../core/graph';
import { LAYERS, defaultParams, type LayerKind, type ShapeContext } from '../core/layers';
import { AUTO_LAYOUT_LABEL, RELAYOUT_SUFFIX, applyChange, type GraphChange, type PlacedGene } from './graph-changes';
import { EDITOR_NODE_SIZE, EDITOR_SPACING, freshLayerIds, layoutPositions, type GraphModel, type LayoutFrame, type XY } from './graph-model';

export interface Command {
  readonly change: GraphChange;
  /** Nodes to select once the change is applied; without it the selection stays. */
  readonly select?: readonly string[];
  /** The reason the command did less than the user asked for, shown once the change is applied. */
  readonly notice?: string;
}

/** Copied layers with the connections among them; inputs from outside the copy are dropped. */
export interface Clipboard {
  readonly nodes: readonly PlacedGene[];
}

/** Horizontal distance between a layer and the next one in a chain, as the auto-layout spaces them. */
const COLUMN = EDITOR_NODE_SIZE.width + EDITOR_SPACING.rankGap;
const ROW = EDITOR_NODE_SIZE.height + 24;
/** How far a paste or a duplicate lands from its original. */
const PASTE_OFFSET = 40;

function overlaps(a: XY, b: XY): boolean {
  return Math.abs(a.x - b.x) < EDITOR_NODE_SIZE.width && Math.abs(a.y - b.y) < EDITOR_NODE_SIZE.height;
}

/** Returns `preferred`, or the first spot below it where a new node covers no other. */
export function freeSpot(model: GraphModel, preferred: XY, skip: ReadonlySet<string> = new Set()): XY {
  const taken = [...model.positions].filter(([id]) => !skip.has(id)).map(([, position]) => position);
  let spot = preferred;
  for (let row = 0; row < 40 && taken.some((position) => overlaps(position, spot)); row++) {
    spot = { x: preferred.x, y: preferred.y + (row + 1) * ROW };
  }
  return spot;
}

const issueKey = (issue: GraphIssue) => `${issue.code}|${issue.nodeId ?? ''}|${issue.message}`;

/** True when `next` has no issue that `before` did not have. */
function addsNoIssue(before: GraphModel, next: GraphModel, context: ShapeContext): boolean {
  const known = new Set(analyzeGenome(before.genome, context).issues.map(issueKey));
  return analyzeGenome(next.genome, context).issues.every((issue) => known.has(issueKey(issue)));
}

/**
 * Returns the first issue of the layer `id` other than not leading to the output yet and, for
 * a merge, waiting for its second input; undefined when its input fits it.
 */
function inputMisfit(model: GraphModel, id: string, context: ShapeContext): GraphIssue | undefined {
  return analyzeGenome(model.genome, context).issues.find(
    (issue) => issue.nodeId === id && issue.code !== 'dead-end' && issue.code !== 'arity',
  );
}

/**
 * Inserts a new layer after `anchor`: it takes the anchor's output, the anchor's consumers
 * take the new layer's output instead, and the layers downstream in the anchor's row move one
 * column right. Rows further down, as in a wrapped layout, stay where they are.
 */
function insertAfter(model: GraphModel, anchor: string, gene: LayerGene): GraphChange & { type: 'batch' } {
  const anchorAt = model.positions.get(anchor) ?? { x: 0, y: 0 };
  const downstream = reachableFrom(model.genome.nodes, anchor, 'forward');
  downstream.delete(anchor);
  const inRow = (at: XY) => at.x > anchorAt.x && Math.abs(at.y - anchorAt.y) < EDITOR_NODE_SIZE.height;
  const moves = new Map(
    [...downstream].flatMap((id) => {
      const at = model.positions.get(id)!;
      return inRow(at) ? [[id, { x: at.x + COLUMN, y: at.y }] as const] : [];
    }),
  );
  const consumers = model.genome.nodes.filter((node) => node.inputs.includes(anchor));

  return {
    type: 'batch',
    label: `insert ${LAYERS[gene.kind].label} ${gene.id} after ${anchor}`,
    changes: [
      { type: 'move-nodes', positions: moves },
      { type: 'add-nodes', nodes: [{ gene: { ...gene, inputs: [anchor] }, position: { x: anchorAt.x + COLUMN, y: anchorAt.y } }] },
      ...consumers.map((consumer) => ({
        type: 'reconnect' as const,
        edge: { from: anchor, to: consumer.id, slot: consumer.inputs.indexOf(anchor) },
        from: gene.id,
        to: consumer.id,
      })),
    ],
  };
}

export interface AddLayerOptions {
  /** Drop point of the layer on the canvas; without it the layer goes near `anchor` or `centre`. */
  readonly position?: XY;
  /** The selected layer the new one should follow, when that makes a valid graph. */
  readonly anchor?: string;
  /** Centre of the visible canvas, in flow coordinates. */
  readonly centre: XY;
  readonly context: ShapeContext;
  /** The canvas's room, for laying a network out again that was in its automatic layout. */
  readonly frame?: LayoutFrame;
}

/**
 * Returns whether every node sits where an automatic layout puts it, give or take a pixel: the
 * one for `frame`, or the one made before the canvas was measured, as a page's first network is.
 */
function inAutoLayout(model: GraphModel, frame: LayoutFrame): boolean {
  const matches = (layout: ReadonlyMap<string, XY>) =>
    [...layout].every(([id, at]) => {
      const position = model.positions.get(id);
      return position !== undefined && Math.abs(position.x - at.x) <= 1 && Math.abs(position.y - at.y) <= 1;
    });
  return matches(layoutPositions(model.genome, frame)) || matches(layoutPositions(model.genome));
}

/**
 * Follows an inserted layer with a fresh layout of the whole network, when the network was
 * in its automatic layout: one row growing with each layer would otherwise shrink the view
 * until no label can be read. A network the user arranged keeps its places.
 */
function withLayout(model: GraphModel, insert: GraphChange & { type: 'batch' }, options: AddLayerOptions): GraphChange {
  const frame = options.frame;
  if (!frame || !inAutoLayout(model, frame)) return insert;
  const inserted = applyChange(model, insert, options.context);
  if (!inserted.ok) return insert;
  const positions = layoutPositions(inserted.model.genome, frame);
  return { type: 'batch', label: `${insert.label}${RELAYOUT_SUFFIX}`, changes: [insert, { type: 'move-nodes', positions }] };
}

/**
 * Adds a layer of `kind`. Dropped at a position, it stays unconnected. Added next to a
 * selected layer, it is inserted after it when that adds no issue, or else connected after it
 * when its shape fits, or else placed near it unconnected. With no layer selected, or the
 * output head, it is inserted before the output head when that adds no issue, or else placed
 * unconnected at the view's centre, with a notice naming the shape problem where there is one.
 */
export function addLayerCommand(model: GraphModel, kind: LayerKind, options: AddLayerOptions): Command {
  const [id] = freshLayerIds(model.genome, 1);
  const gene: LayerGene = { id, kind, params: defaultParams(kind), inputs: [] };
  const select = [id];

  if (options.position) {
    return { change: { type: 'add-nodes', nodes: [{ gene, position: options.position }] }, select };
  }

  const anchor = model.genome.nodes.find((node) => node.id === options.anchor);
  if (anchor && anchor.kind !== 'output') {
    const insert = insertAfter(model, anchor.id, gene);
    const inserted = applyChange(model, insert, options.context);
    if (inserted.ok && addsNoIssue(model, inserted.model, options.context)) return { change: withLayout(model, insert, options), select };

    const anchorAt = model.positions.get(anchor.id) ?? options.centre;
    const beside = freeSpot(model, { x: anchorAt.x + COLUMN, y: anchorAt.y + ROW });
    const connected: GraphChange = { type: 'add-nodes', nodes: [{ gene: { ...gene, inputs: [anchor.id] }, position: beside }] };
    const result = applyChange(model, connected, options.context);
    const misfit = result.ok ? inputMisfit(result.model, id, options.context) : undefined;
    if (result.ok && !misfit) return { change: connected, select };
    // Past the return, a change that applied has a misfit. Its message names the new layer
    // first, as the notice does already.
    const reason = result.ok ? misfit!.message.replace(`${LAYERS[kind].label} "${id}": `, '') : result.reason;
    return {
      change: { type: 'add-nodes', nodes: [{ gene, position: beside }] },
      select,
      notice: `The new ${LAYERS[kind].label} was placed near ${LAYERS[anchor.kind].label} "${anchor.id}" without a connection: ${reason}`,
    };
  }

  // With nothing or the output head selected, the layer goes at the end of the network, before
  // the output head, as a model builder appends it. Where it does not fit there, it is placed
  // loose in view.
  const head = model.genome.nodes.find((node) => node.kind === 'output');
  const last = head?.inputs.length === 1 ? head.inputs[0] : undefined;
  let notice: string | undefined;
  if (last !== undefined) {
    const append = insertAfter(model, last, gene);
    const appended = applyChange(model, append, options.context);
    if (appended.ok && addsNoIssue(model, appended.model, options.context)) return { change: withLayout(model, append, options), select };
    const misfit = appended.ok ? inputMisfit(appended.model, id, options.context) : undefined;
    const lastKind = model.genome.nodes.find((node) => node.id === last)?.kind;
    if (misfit && lastKind) {
      const reason = misfit.message.replace(`${LAYERS[kind].label} "${id}": `, '');
      notice = `The new ${LAYERS[kind].label} was placed in view without a connection, as it cannot follow ${LAYERS[lastKind].label} "${last}" at the end of the network: ${reason}`;
    }
  }

  const centred = { x: options.centre.x - EDITOR_NODE_SIZE.width / 2, y: options.centre.y - EDITOR_NODE_SIZE.height / 2 };
  return { change: { type: 'add-nodes', nodes: [{ gene, position: freeSpot(model, centred) }] }, select, notice };
}

/** Copies the placeable layers among `ids`, with the connections among them. */
export function copyLayers(model: GraphModel, ids: readonly string[]): Clipboard | null {
  const chosen = new Set(ids);
  const genes = model.genome.nodes.filter((gene) => chosen.has(gene.id) && gene.kind !== 'input' && gene.kind !== 'output');
  if (genes.length === 0) return null;
  const kept = new Set(genes.map((gene) => gene.id));
  return {
    nodes: genes.map((gene) => ({
      gene: { ...gene, inputs: gene.inputs.filter((source) => kept.has(source)) },
      position: model.positions.get(gene.id) ?? { x: 0, y: 0 },
    })),
  };
}

/**
 * Places copies of `nodes` under fresh ids, shifted by `offset`. Inputs among the copies
 * point at the copies; `keepOutside` keeps inputs from layers outside the copy.
 */
function placeCopies(model: GraphModel, nodes: readonly PlacedGene[], offset: XY, keepOutside: boolean): Command {
  const ids = freshLayerIds(model.genome, nodes.length);
  const renamed = new Map(nodes.map((node, index) => [node.gene.id, ids[index]]));
  const existing = new Set(model.genome.nodes.map((gene) => gene.id));

  const copies = nodes.map(({ gene, position }) => ({
    gene: {
      ...gene,
      id: renamed.get(gene.id)!,
      inputs: gene.inputs
        .map((source) => renamed.get(source) ?? (keepOutside && existing.has(source) ? source : null))
        .filter((source): source is string => source !== null),
    },
    position: { x: position.x + offset.x, y: position.y + offset.y },
  }));
  return { change: { type: 'add-nodes', nodes: copies }, select: ids };
}

/** Pastes the clipboard; `count` is how many pastes came before, so repeated pastes fan out. */
export function pasteCommand(model: GraphModel, clipboard: Clipboard, count: number): Command {
  return placeCopies(model, clipboard.nodes, { x: PASTE_OFFSET * (count + 1), y: PASTE_OFFSET * (count + 1) }, false);
}

/** Duplicates the selected layers; the copies take the same outside inputs as the originals. */
export function duplicateCommand(model: GraphModel, ids: readonly string[]): Command | null {
  const chosen = new Set(ids);
  const genes = model.genome.nodes.filter((gene) => chosen.has(gene.id) && gene.kind !== 'input' && gene.kind !== 'output');
  if (genes.length === 0) return null;
  const nodes = genes.map((gene) => ({ gene, position: model.positions.get(gene.id) ?? { x: 0, y: 0 } }));
  // The copies go down together, a row at a time, to the first place where none covers a layer.
  const occupied = [...model.positions.values()];
  let offset: XY = { x: 0, y: ROW };
  for (let rows = 2; rows <= 40 && nodes.some(({ position }) => occupied.some((at) => overlaps(at, { x: position.x, y: position.y + offset.y }))); rows++) {
    offset = { x: 0, y: rows * ROW };
  }
  return placeCopies(model, nodes, offset, true);
}

/** Lays the graph out again with dagre, filling `frame` where given, as one undoable move. */
export function autoLayoutCommand(model: GraphModel, frame?: LayoutFrame): Command {
  return { change: { type: 'batch', label: AUTO_LAYOUT_LABEL, changes: [{ type: 'move-nodes', positions: layoutPositions(model.genome, frame) }] } };
}
