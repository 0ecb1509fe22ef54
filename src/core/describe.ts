/**
 * One-line summaries of genomes for tables and leaderboards, such as
 * `conv2d(16, 3×3) → maxPooling2d(2) → dense(64, relu) → output`.
 *
 * Parallel branches read `[a → b | c] → add`: the part in brackets runs from the nearest
 * node that every path to the merge passes through (its immediate dominator), and an
 * empty branch (a skip connection) reads `skip`.
 */

import type { Genome, LayerGene } from './genome';
import { isLayerKind, isMergeKind } from './layers';
import { sortTopologically } from './graph';

/** Describes one layer with its defining parameters. */
export function describeLayer(gene: LayerGene): string {
  const p = gene.params;
  switch (gene.kind) {
    case 'dense':
      return `dense(${p.units}, ${p.activation})`;
    case 'conv2d': {
      const extras = [
        p.strides !== 1 ? `stride ${p.strides}` : null,
        p.padding === 'valid' ? 'valid' : null,
        p.activation !== 'relu' ? String(p.activation) : null,
      ].filter((extra) => extra !== null);
      return `conv2d(${[`${p.filters}`, `${p.kernelSize}×${p.kernelSize}`, ...extras].join(', ')})`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return `${gene.kind}(${p.poolSize})`;
    case 'dropout':
      return `dropout(${p.rate})`;
    case 'activation':
      return `activation(${p.activation})`;
    case 'simpleRNN':
    case 'gru':
    case 'lstm':
      return `${gene.kind}(${p.units}${p.returnSequences ? ', sequences' : ''})`;
    default:
      return isLayerKind(gene.kind) ? gene.kind : `unknown(${String(gene.kind)})`;
  }
}

/** Describes a genome on one line, input excluded, ending in `output`. */
export function describeGenome(genome: Genome): string {
  const nodes = sortTopologically(genome.nodes);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const input = nodes.find((node) => node.kind === 'input');
  const output = nodes.find((node) => node.kind === 'output');
  if (!input || !output) return 'incomplete network';
  const dominators = immediateDominators(nodes, input.id);

  // Labels of the nodes after `stop` up to and including `id`.
  const describe = (id: string, stop: string): string[] => {
    if (id === stop) return [];
    const node = byId.get(id);
    if (!node || node.inputs.length === 0) return [];
    if (!isMergeKind(node.kind) || node.inputs.length < 2) {
      return [...describe(node.inputs[0], stop), describeLayer(node)];
    }
    const split = dominators.get(id) ?? stop;
    const branches = node.inputs.map((source) => describe(source, split).join(' → ') || 'skip');
    return [...describe(split, stop), `[${branches.join(' | ')}]`, describeLayer(node)];
  };
  return describe(output.id, input.id).join(' → ');
}

/**
 * Immediate dominator of each node reachable from `entry`: the last node that every path
 * from the entry to it passes through. Nodes must be in topological order.
 */
function immediateDominators(nodes: readonly LayerGene[], entry: string): Map<string, string> {
  const position = new Map(nodes.map((node, index) => [node.id, index]));
  const dominators = new Map<string, Set<string>>([[entry, new Set([entry])]]);
  for (const node of nodes) {
    if (node.id === entry) continue;
    const sets = node.inputs.map((source) => dominators.get(source)).filter((set): set is Set<string> => set !== undefined);
    if (sets.length === 0) continue;
    const common = new Set([...sets[0]].filter((id) => sets.every((set) => set.has(id))));
    common.add(node.id);
    dominators.set(node.id, common);
  }

  const immediate = new Map<string, string>();
  for (const [id, set] of dominators) {
    let nearest: string | null = null;
    for (const candidate of set) {
      if (candidate === id) continue;
      if (nearest === null || position.get(candidate)! > position.get(nearest)!) nearest = candidate;
    }
    if (nearest !== null) immediate.set(id, nearest);
  }
  return immediate;
}
