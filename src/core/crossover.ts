/**
 * NEAT-style crossover of layer graphs. Node ids act as innovation numbers: two nodes with
 * the same id and kind descend from the same mutation and are matching genes. The child
 * takes its structure (nodes and edges) from the fitter parent, and for each matching node
 * that is not fixed its parameters from either parent at random.
 */

import { analyzeGenome, type Genome, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import type { Rng } from './rng';
import { canonicalParams } from './canonical';
import { repairGenome } from './repair';
import { isFixedGene } from './template';

export interface CrossoverContext {
  readonly shape: ShapeContext;
  readonly limits: SizeLimits;
}

/**
 * Crosses two layer graphs. Each parameter swap from the other parent is kept only when
 * the child stays valid, so the child is valid whenever the fitter parent is (and is
 * repaired otherwise).
 */
export function crossoverLayerGraphs(fitter: Genome, other: Genome, rng: Rng, context: CrossoverContext): Genome {
  const isValid = (genome: Genome) => analyzeGenome(genome, context.shape, context.limits).valid;
  let child: Genome = isValid(fitter) ? fitter : repairGenome(fitter, context.shape, context.limits);
  const otherById = new Map(other.nodes.map((node) => [node.id, node]));

  for (const node of child.nodes) {
    const match = otherById.get(node.id);
    if (!match || match.kind !== node.kind || isFixedGene(node)) continue;
    if (canonicalParams(match.params) === canonicalParams(node.params) || !rng.chance(0.5)) continue;

    const candidate = {
      nodes: child.nodes.map((gene) => (gene.id === node.id ? { ...gene, params: { ...match.params } } : gene)),
    };
    if (isValid(candidate)) child = candidate;
  }
  return child;
}

/** Ids present in both graphs with the same kind: the matching genes of two parents. */
export function matchingNodeIds(a: Genome, b: Genome): string[] {
  const kinds = new Map(b.nodes.map((node) => [node.id, node.kind]));
  return a.nodes.filter((node) => kinds.get(node.id) === node.kind).map((node) => node.id);
}
