/**
 * NEAT-style compatibility distance between layer graphs, which speciation thresholds.
 *
 * NEAT measures δ = c1·E/N + c2·D/N + c3·W̄ over genes matched by innovation number, with
 * N = 1 for small genomes (Stanley and Miikkulainen 2002 do so below 20 genes). Modules
 * and blueprints here have a handful of genes, so N = 1 throughout. Here
 * genes are the hidden nodes. They match by id first (shared ancestry), then by kind in
 * topological order, so that two modules built independently with the same structure
 * still count as close. Unmatched nodes are the disjoint genes (excess and disjoint genes
 * are not distinguished), and W̄ is the mean parameter difference of matched pairs.
 */

import type { Genome, LayerGene } from './genome';
import { isMergeKind, type LayerParams } from './layers';
import { sortTopologically } from './graph';

export interface CompatibilityCoefficients {
  /** Weight of each unmatched gene. */
  readonly disjoint: number;
  /** Weight of the mean parameter difference of matched genes. */
  readonly params: number;
}

export const DEFAULT_COMPATIBILITY: CompatibilityCoefficients = { disjoint: 1, params: 0.5 };

export interface Alignment<T> {
  readonly pairs: readonly (readonly [T, T])[];
  /** Genes of either side left without a partner. */
  readonly unmatched: number;
}

/**
 * Pairs genes of two ordered lists: first those with equal ids, then the rest with
 * equal keys in list order.
 */
export function alignGenes<T extends { readonly id: string }>(a: readonly T[], b: readonly T[], key: (gene: T) => string): Alignment<T> {
  const pairs: [T, T][] = [];
  const byId = new Map(b.map((gene) => [gene.id, gene]));
  const usedB = new Set<T>();
  const restA: T[] = [];

  for (const gene of a) {
    const match = byId.get(gene.id);
    if (match && key(match) === key(gene)) {
      pairs.push([gene, match]);
      usedB.add(match);
    } else {
      restA.push(gene);
    }
  }
  const restB = b.filter((gene) => !usedB.has(gene));
  const unmatchedB = new Set(restB);
  let unmatchedA = 0;
  for (const gene of restA) {
    const match = restB.find((candidate) => unmatchedB.has(candidate) && key(candidate) === key(gene));
    if (match) {
      pairs.push([gene, match]);
      unmatchedB.delete(match);
    } else {
      unmatchedA += 1;
    }
  }
  return { pairs, unmatched: unmatchedA + unmatchedB.size };
}

/**
 * Difference of two parameter sets, from 0 (equal) to 1: the mean over parameter names of
 * 1 for differing strings or booleans and |a − b| / max(|a|, |b|) for numbers.
 */
export function paramDifference(a: LayerParams, b: LayerParams): number {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  if (names.size === 0) return 0;
  let total = 0;
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    if (typeof x === 'number' && typeof y === 'number') {
      const scale = Math.max(Math.abs(x), Math.abs(y));
      total += scale === 0 ? 0 : Math.abs(x - y) / scale;
    } else if (x !== y) {
      total += 1;
    }
  }
  return total / names.size;
}

const hidden = (genome: Genome): LayerGene[] =>
  sortTopologically(genome.nodes).filter((node) => node.kind !== 'input' && node.kind !== 'output');

/** Compatibility distance of two layer graphs; 0 for equal structure and parameters. */
export function layerGraphDistance(a: Genome, b: Genome, coefficients = DEFAULT_COMPATIBILITY): number {
  const { pairs, unmatched } = alignGenes(hidden(a), hidden(b), (gene) => gene.kind);

  let difference = 0;
  for (const [x, y] of pairs) {
    difference += paramDifference(x.params, y.params);
    // A merge that joins a different number of branches is a different topology.
    if (isMergeKind(x.kind) && x.inputs.length !== y.inputs.length) difference += 1;
  }
  const meanDifference = pairs.length > 0 ? difference / pairs.length : 0;
  return coefficients.disjoint * unmatched + coefficients.params * meanDifference;
}
