/**
 * Editing helpers for directed acyclic graphs whose nodes list their inputs by id. Layer
 * genomes, modules and blueprints are all such graphs, so their operators share these.
 * Every helper returns new arrays and never mutates its arguments.
 */

export interface GraphNode {
  readonly id: string;
  readonly inputs: readonly string[];
}

export interface Edge {
  readonly from: string;
  readonly to: string;
}

/** Maps each node id to the ids of the nodes that take it as an input. */
export function consumersOf(nodes: readonly GraphNode[]): Map<string, string[]> {
  const consumers = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const node of nodes) {
    for (const source of node.inputs) consumers.get(source)?.push(node.id);
  }
  return consumers;
}

export function edgesOf(nodes: readonly GraphNode[]): Edge[] {
  return nodes.flatMap((node) => node.inputs.map((from) => ({ from, to: node.id })));
}

/** Ids of every node from which `id` can be reached, `id` excluded. */
export function ancestorsOf(nodes: readonly GraphNode[], id: string): Set<string> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.inputs ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.inputs ?? []));
  }
  return seen;
}

/** Ids reachable from `start` along edges (`forward`) or against them, `start` included. */
export function reachableFrom(nodes: readonly GraphNode[], start: string, direction: 'forward' | 'backward'): Set<string> {
  const next =
    direction === 'forward'
      ? consumersOf(nodes)
      : new Map(nodes.map((node) => [node.id, [...node.inputs]]));
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const id of next.get(stack.pop()!) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  return seen;
}

/**
 * Orders node ids so that each comes after its inputs, breaking ties by array position.
 * Returns null when the graph has a cycle. Inputs naming no node are ignored.
 */
export function topologicalIds(nodes: readonly GraphNode[]): string[] | null {
  const ids = new Set(nodes.map((node) => node.id));
  const indegree = new Map(nodes.map((node) => [node.id, new Set(node.inputs.filter((id) => ids.has(id))).size]));
  const consumers = consumersOf(nodes);
  const position = new Map(nodes.map((node, index) => [node.id, index]));
  const ready = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];

  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const consumer of new Set(consumers.get(id))) {
      const remaining = indegree.get(consumer)! - 1;
      indegree.set(consumer, remaining);
      if (remaining === 0) ready.push(consumer);
    }
  }
  return order.length === ids.size ? order : null;
}

/** Returns `nodes` sorted topologically, or unchanged when they contain a cycle. */
export function sortTopologically<T extends GraphNode>(nodes: readonly T[]): T[] {
  const order = topologicalIds(nodes);
  if (!order) return [...nodes];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return order.map((id) => byId.get(id)!);
}

/** Replaces `source` in a node's inputs by `replacements`, keeping order and dropping repeats. */
export function replaceInput<T extends GraphNode>(node: T, source: string, replacements: readonly string[]): T {
  const inputs: string[] = [];
  for (const id of node.inputs) {
    for (const next of id === source ? replacements : [id]) {
      if (!inputs.includes(next)) inputs.push(next);
    }
  }
  return { ...node, inputs };
}

/** Points every consumer of `id` at `replacement` instead. */
export function redirectConsumers<T extends GraphNode>(nodes: readonly T[], id: string, replacement: string): T[] {
  return nodes.map((node) => (node.inputs.includes(id) ? replaceInput(node, id, [replacement]) : node));
}

/**
 * Removes a node and connects its consumers to the node's own inputs instead, so a chain
 * a → b → c becomes a → c. A consumer may end up with more inputs than its kind accepts,
 * so callers that bypass a merge normalise the result.
 */
export function bypassNode<T extends GraphNode>(nodes: readonly T[], id: string): T[] {
  const removed = nodes.find((node) => node.id === id);
  if (!removed) return [...nodes];
  return nodes
    .filter((node) => node.id !== id)
    .map((node) => (node.inputs.includes(id) ? replaceInput(node, id, removed.inputs) : node));
}

/** Drops nodes that are not on some path from `inputId` to `outputId`. */
export function pruneOffPath<T extends GraphNode>(nodes: readonly T[], inputId: string, outputId: string): T[] {
  const fromInput = reachableFrom(nodes, inputId, 'forward');
  const toOutput = reachableFrom(nodes, outputId, 'backward');
  const kept = nodes.filter((node) => fromInput.has(node.id) && toOutput.has(node.id));
  const keptIds = new Set(kept.map((node) => node.id));
  return kept.map((node) =>
    node.inputs.every((source) => keptIds.has(source))
      ? node
      : { ...node, inputs: node.inputs.filter((source) => keptIds.has(source)) },
  );
}

/** Inserts `node` right after the node it takes as input, so arrays stay readable in order. */
export function insertAfter<T extends GraphNode>(nodes: readonly T[], anchor: string, node: T): T[] {
  const index = nodes.findIndex((candidate) => candidate.id === anchor);
  const copy = [...nodes];
  copy.splice(index < 0 ? copy.length : index + 1, 0, node);
  return copy;
}
