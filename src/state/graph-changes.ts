/**
 * Typed change records for the graph model, applied copy-on-write. Applying a change returns
 * a new model that shares every untouched gene and position with the old one, or the reason
 * the change was rejected. Only edits the model cannot hold, or that would close a loop, are
 * rejected. Everything else (a dangling layer, a merge of unequal shapes) is accepted and
 * marked by `analyzeGenome`, so that a user can build a graph step by step.
 */

import { analyzeGenome, topologicalOrder, type Genome, type LayerGene } from '../core/genome';
import { LAYERS, checkParam, isLayerKind, type ParamValue, type ShapeContext } from '../core/layers';
import type { GraphModel, XY } from './graph-model';

/** One connection: `slot` picks the entry of the target's input list when a source feeds it twice. */
export interface EdgeRef {
  readonly from: string;
  readonly to: string;
  readonly slot?: number;
}

export interface PlacedGene {
  readonly gene: LayerGene;
  readonly position: XY;
}

export type GraphChange =
  /** Adds layers, with their inputs; used for a new layer, a paste and a duplicate. */
  | { readonly type: 'add-nodes'; readonly nodes: readonly PlacedGene[] }
  /** Removes layers, every connection to or from them, and the given connections. */
  | { readonly type: 'remove'; readonly nodeIds: readonly string[]; readonly edges: readonly EdgeRef[] }
  | { readonly type: 'move-nodes'; readonly positions: ReadonlyMap<string, XY> }
  /** Appends `from` to the input list of `to`. */
  | { readonly type: 'connect'; readonly from: string; readonly to: string }
  /** Moves one end of an existing connection; it keeps its slot when its target stays. */
  | { readonly type: 'reconnect'; readonly edge: EdgeRef; readonly from: string; readonly to: string }
  | { readonly type: 'set-param'; readonly nodeId: string; readonly param: string; readonly value: ParamValue }
  /** Marks a layer as kept by every search (or clears the mark); see `LayerGene.fixed`. */
  | { readonly type: 'set-fixed'; readonly nodeId: string; readonly fixed: boolean }
  /** Replaces the whole graph, for example with one loaded from a link or the leaderboard. */
  | { readonly type: 'replace-graph'; readonly model: GraphModel }
  /** Several changes applied as one edit: all of them, or none when one is rejected. */
  | { readonly type: 'batch'; readonly label: string; readonly changes: readonly GraphChange[] };

export type ChangeResult = { readonly ok: true; readonly model: GraphModel } | { readonly ok: false; readonly reason: string };

const IO_KINDS = new Set(['input', 'output']);

const reject = (reason: string): ChangeResult => ({ ok: false, reason });

function describeNode(genome: Genome, id: string): string {
  const gene = genome.nodes.find((node) => node.id === id);
  return gene && isLayerKind(gene.kind) ? `${LAYERS[gene.kind].label} "${id}"` : `"${id}"`;
}

/** The history label of an edit that replaced the whole network. */
export const LOAD_NETWORK_LABEL = 'load a network';
/** The undo label of Auto layout, which, like a load, rearranges the whole network. */
export const AUTO_LAYOUT_LABEL = 'auto layout';

/** Ends the label of an edit that also laid the whole network out again, as Auto layout does. */
export const RELAYOUT_SUFFIX = ', then lay out';

/** Returns whether an edit labelled `label` rearranges the whole network, so that the view should fit it again. */
export function rearranges(label: string): boolean {
  return label === LOAD_NETWORK_LABEL || label === AUTO_LAYOUT_LABEL || label.endsWith(RELAYOUT_SUFFIX);
}

/** Returns a short description of a change for the undo and redo buttons, e.g. "add Dense l3". */
export function describeChange(change: GraphChange, genome: Genome): string {
  switch (change.type) {
    case 'add-nodes':
      return change.nodes.length === 1
        ? `add ${LAYERS[change.nodes[0].gene.kind]?.label ?? change.nodes[0].gene.kind} ${change.nodes[0].gene.id}`
        : `add ${change.nodes.length} layers`;
    case 'remove': {
      const count = change.nodeIds.length;
      if (count === 0) return change.edges.length === 1 ? 'remove a connection' : `remove ${change.edges.length} connections`;
      return count === 1 ? `delete ${describeNode(genome, change.nodeIds[0])}` : `delete ${count} layers`;
    }
    case 'move-nodes':
      return change.positions.size === 1 ? `move ${describeNode(genome, [...change.positions.keys()][0])}` : `move ${change.positions.size} layers`;
    case 'connect':
      return `connect ${change.from} → ${change.to}`;
    case 'reconnect':
      return `reconnect to ${change.from} → ${change.to}`;
    case 'set-param':
      return `set ${change.param} of ${change.nodeId}`;
    case 'set-fixed':
      return `${change.fixed ? 'fix' : 'unfix'} ${describeNode(genome, change.nodeId)}`;
    case 'replace-graph':
      return LOAD_NETWORK_LABEL;
    case 'batch':
      return change.label;
  }
}

function addNodes(model: GraphModel, nodes: readonly PlacedGene[]): ChangeResult {
  const ids = new Set(model.genome.nodes.map((gene) => gene.id));
  for (const { gene } of nodes) {
    if (!isLayerKind(gene.kind)) return reject(`"${String(gene.kind)}" is not a layer kind; pick a layer from the palette.`);
    if (IO_KINDS.has(gene.kind)) return reject(`A network has exactly one ${gene.kind === 'input' ? 'input node' : 'output head'}; it cannot take another.`);
    if (ids.has(gene.id)) return reject(`A node with id "${gene.id}" already exists; give the new layer another id.`);
    ids.add(gene.id);
  }
  for (const { gene } of nodes) {
    const missing = gene.inputs.find((source) => !ids.has(source));
    if (missing !== undefined) return reject(`Layer "${gene.id}" takes input from "${missing}", which does not exist.`);
  }

  const positions = new Map(model.positions);
  for (const { gene, position } of nodes) positions.set(gene.id, position);
  return { ok: true, model: { genome: { nodes: [...model.genome.nodes, ...nodes.map((node) => node.gene)] }, positions } };
}

/** Returns the slots of `gene`'s input list that the removal empties. */
function removedSlots(gene: LayerGene, removed: ReadonlySet<string>, edges: readonly EdgeRef[]): Set<number> {
  const slots = new Set<number>();
  gene.inputs.forEach((source, slot) => {
    if (removed.has(source)) slots.add(slot);
  });
  for (const edge of edges) {
    if (edge.to !== gene.id) continue;
    gene.inputs.forEach((source, slot) => {
      if (source === edge.from && (edge.slot === undefined || edge.slot === slot)) slots.add(slot);
    });
  }
  return slots;
}

/**
 * Returns the node that takes a removed node's place as a source: its single input, followed
 * up through removed nodes, or null where a removed node on the way has several inputs or none.
 */
function bridgedSource(id: string, removed: ReadonlySet<string>, byId: ReadonlyMap<string, LayerGene>): string | null {
  let current = id;
  for (let step = 0; removed.has(current); step++) {
    const gene = byId.get(current);
    if (!gene || gene.inputs.length !== 1 || step > byId.size) return null;
    current = gene.inputs[0];
  }
  return current;
}

function remove(model: GraphModel, nodeIds: readonly string[], edges: readonly EdgeRef[]): ChangeResult {
  const removed = new Set(nodeIds);
  const io = model.genome.nodes.find((gene) => removed.has(gene.id) && IO_KINDS.has(gene.kind));
  if (io) return reject(`The ${io.kind === 'input' ? 'input node' : 'output head'} cannot be deleted: every network has exactly one.`);

  const byId = new Map(model.genome.nodes.map((gene) => [gene.id, gene]));
  const nodes = model.genome.nodes
    .filter((gene) => !removed.has(gene.id))
    .map((gene) => {
      const slots = removedSlots(gene, removed, edges);
      if (slots.size === 0) return gene;
      // A deleted layer in a chain hands its own input on, so that deleting the middle of
      // a → b → c leaves a → c, not two loose ends. A removed connection is not bridged.
      const inputs: string[] = [];
      gene.inputs.forEach((source, slot) => {
        if (!slots.has(slot)) inputs.push(source);
        else if (removed.has(source)) {
          const bridge = bridgedSource(source, removed, byId);
          if (bridge !== null && !gene.inputs.includes(bridge) && !inputs.includes(bridge)) inputs.push(bridge);
        }
      });
      return { ...gene, inputs };
    });

  const positions = new Map(model.positions);
  for (const id of removed) positions.delete(id);
  return { ok: true, model: { genome: { nodes }, positions } };
}

function moveNodes(model: GraphModel, moves: ReadonlyMap<string, XY>): ChangeResult {
  const positions = new Map(model.positions);
  for (const [id, position] of moves) {
    if (!model.positions.has(id)) return reject(`Cannot move "${id}": no such node on the canvas.`);
    if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) {
      return reject(`Cannot move "${id}" to (${position.x}, ${position.y}): a position needs finite coordinates.`);
    }
    positions.set(id, position);
  }
  return { ok: true, model: { genome: model.genome, positions } };
}

/** Checks the ends of a new connection, before the validator looks at the graph it makes. */
function connectionProblem(genome: Genome, from: string, to: string): string | null {
  const source = genome.nodes.find((gene) => gene.id === from);
  const target = genome.nodes.find((gene) => gene.id === to);
  if (!source) return `Cannot connect from "${from}": no such node.`;
  if (!target) return `Cannot connect to "${to}": no such node.`;
  if (from === to) return `${describeNode(genome, to)} cannot take its own output as input.`;
  if (source.kind === 'output') return 'The output head ends the network; nothing can follow it.';
  if (target.kind === 'input') return 'The input node carries the task data and takes no inputs.';
  if (target.inputs.includes(from)) return `${describeNode(genome, from)} already feeds ${describeNode(genome, to)}.`;
  return null;
}

function setInputs(genome: Genome, id: string, inputs: (gene: LayerGene) => readonly string[]): Genome {
  return { nodes: genome.nodes.map((gene) => (gene.id === id ? { ...gene, inputs: inputs(gene) } : gene)) };
}

function connect(model: GraphModel, from: string, to: string): ChangeResult {
  const problem = connectionProblem(model.genome, from, to);
  if (problem) return reject(problem);
  return { ok: true, model: { ...model, genome: setInputs(model.genome, to, (gene) => [...gene.inputs, from]) } };
}

function reconnect(model: GraphModel, edge: EdgeRef, from: string, to: string): ChangeResult {
  const target = model.genome.nodes.find((gene) => gene.id === edge.to);
  const slot = edge.slot ?? target?.inputs.indexOf(edge.from) ?? -1;
  if (!target || target.inputs[slot] !== edge.from) return reject(`There is no connection from "${edge.from}" to "${edge.to}" to move.`);

  const without = setInputs(model.genome, edge.to, (gene) => gene.inputs.filter((_source, index) => index !== slot));
  const problem = connectionProblem(without, from, to);
  if (problem) return reject(problem);

  // A connection that keeps its target keeps its slot, so a concatenate keeps its input order.
  const genome =
    to === edge.to
      ? setInputs(model.genome, to, (gene) => gene.inputs.map((source, index) => (index === slot ? from : source)))
      : setInputs(without, to, (gene) => [...gene.inputs, from]);
  return { ok: true, model: { ...model, genome } };
}

function setParam(model: GraphModel, nodeId: string, param: string, value: ParamValue): ChangeResult {
  const gene = model.genome.nodes.find((node) => node.id === nodeId);
  if (!gene) return reject(`Cannot set ${param}: there is no layer "${nodeId}".`);
  if (!isLayerKind(gene.kind)) return reject(`Cannot set ${param} on "${nodeId}": its kind "${String(gene.kind)}" is unknown.`);
  const problem = checkParam(gene.kind, param, value);
  if (problem) return reject(problem);
  if (gene.params[param] === value) return { ok: true, model };

  const nodes = model.genome.nodes.map((node) => (node.id === nodeId ? { ...node, params: { ...node.params, [param]: value } } : node));
  return { ok: true, model: { ...model, genome: { nodes } } };
}

function setFixed(model: GraphModel, nodeId: string, fixed: boolean): ChangeResult {
  const gene = model.genome.nodes.find((node) => node.id === nodeId);
  if (!gene) return reject(`Cannot fix "${nodeId}": there is no such layer.`);
  if (IO_KINDS.has(gene.kind)) return reject(`The ${gene.kind === 'input' ? 'input node' : 'output head'} is part of every network a search builds; it needs no fixing.`);
  if (gene.kind === 'moduleSlot') return reject(`Module slot "${nodeId}" is what a search fills, so it cannot be fixed; fix the layers around it instead.`);
  if (Boolean(gene.fixed) === fixed) return { ok: true, model };

  const nodes = model.genome.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    if (fixed) return { ...node, fixed: true };
    const { fixed: _cleared, ...rest } = node;
    return rest;
  });
  return { ok: true, model: { ...model, genome: { nodes } } };
}

function applyOne(model: GraphModel, change: GraphChange): ChangeResult {
  switch (change.type) {
    case 'add-nodes':
      return addNodes(model, change.nodes);
    case 'remove':
      return remove(model, change.nodeIds, change.edges);
    case 'move-nodes':
      return moveNodes(model, change.positions);
    case 'connect':
      return connect(model, change.from, change.to);
    case 'reconnect':
      return reconnect(model, change.edge, change.from, change.to);
    case 'set-param':
      return setParam(model, change.nodeId, change.param, change.value);
    case 'set-fixed':
      return setFixed(model, change.nodeId, change.fixed);
    case 'replace-graph':
      return { ok: true, model: change.model };
    case 'batch': {
      let next = model;
      for (const part of change.changes) {
        const result = applyOne(next, part);
        if (!result.ok) return result;
        next = result.model;
      }
      return { ok: true, model: next };
    }
  }
}

/**
 * Applies a change and runs the validator on the graph it makes. An edit that would create
 * a cycle is rejected with the loop it closes. A replaced graph is taken as it is, cycles
 * included, so that the canvas can show what is wrong with it.
 */
export function applyChange(model: GraphModel, change: GraphChange, context: ShapeContext): ChangeResult {
  const result = applyOne(model, change);
  if (!result.ok || change.type === 'replace-graph' || result.model.genome === model.genome) return result;

  const hadCycle = topologicalOrder(model.genome) === null;
  if (hadCycle) return result;
  const cycle = analyzeGenome(result.model.genome, context).issues.find((issue) => issue.code === 'cycle');
  if (!cycle) return result;

  const ids = cycle.nodeIds ?? [];
  const loop = [...ids, ids[0]].map((id) => `"${id}"`).join(' → ');
  const what = change.type === 'connect' || change.type === 'reconnect' ? 'This connection' : 'This edit';
  return reject(`${what} would close the loop ${loop}. A network must flow one way, from the input to the output head, so connect to a later layer instead.`);
}
