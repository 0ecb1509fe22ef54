/**
 * Assembly: turns a blueprint and one module per named species into a network genome,
 * then repairs it, since modules evolve on the task input and may not fit the shapes
 * they meet inside a blueprint.
 */

import { DEFAULT_LIMITS, INPUT_ID, OUTPUT_ID, analyzeGenome, type Genome, type LayerGene, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import { bypassNode, sortTopologically } from './graph';
import { normaliseGenome, repairGenome } from './repair';
import type { Blueprint } from './blueprint';

/** A CoDeepNEAT module: a layer graph from an entry (the input node) to an exit (the node feeding the output head). */
export interface Module {
  readonly id: string;
  readonly genome: Genome;
}

/**
 * Builds the network for `blueprint`, substituting for every slot the module chosen for
 * its species. A slot whose species has no module passes its input through. Layer ids
 * are "<slot id>:<module node id>", and merges keep their blueprint id. Unless `exact`
 * is set, an unfixed flatten that meets a vector (one module's flatten after another's
 * dense layer) is dropped, since it changes nothing but the hash.
 */
export function assembleGenome(
  blueprint: Blueprint,
  modulesBySpecies: ReadonlyMap<number, Module>,
  context: ShapeContext,
  limits: SizeLimits = DEFAULT_LIMITS,
  exact = false,
): Genome {
  const nodes: LayerGene[] = [{ id: INPUT_ID, kind: 'input', params: {}, inputs: [] }];
  const exitOf = new Map<string, string>();

  for (const node of sortTopologically(blueprint.nodes)) {
    const sources = node.inputs.map((id) => exitOf.get(id)!);
    switch (node.type) {
      case 'input':
        exitOf.set(node.id, INPUT_ID);
        break;
      case 'slot': {
        const module = modulesBySpecies.get(node.species);
        exitOf.set(node.id, module ? substituteModule(module.genome, `${node.id}:`, sources[0], nodes) : sources[0]);
        break;
      }
      case 'merge':
        nodes.push({ id: node.id, kind: node.merge, params: {}, inputs: [...new Set(sources)] });
        exitOf.set(node.id, node.id);
        break;
      case 'output':
        nodes.push({ id: OUTPUT_ID, kind: 'output', params: {}, inputs: sources });
        break;
    }
  }
  const repaired = repairGenome({ nodes }, context, limits);
  return exact ? repaired : dropVectorFlattens(repaired, context, limits);
}

/** Drops unfixed flatten layers on vectors, keeping the genome as it was if that would break a merge. */
function dropVectorFlattens(genome: Genome, context: ShapeContext, limits: SizeLimits): Genome {
  const shapes = analyzeGenome(genome, context, limits).nodes;
  let nodes = [...genome.nodes];
  for (const node of genome.nodes) {
    if (node.kind === 'flatten' && !node.fixed && shapes.get(node.inputs[0])?.shape.length === 1) nodes = bypassNode(nodes, node.id);
  }
  if (nodes.length === genome.nodes.length) return genome;

  // Bypassing can join a merge's inputs into one, and normalising removes such a merge.
  const simplified = normaliseGenome({ nodes });
  return simplified && analyzeGenome(simplified, context, limits).valid ? simplified : genome;
}

/** Appends a copy of the module's hidden layers fed by `entry` and returns the id of its exit. */
export function substituteModule(module: Genome, prefix: string, entry: string, into: LayerGene[]): string {
  const rename = new Map<string, string>();
  for (const node of module.nodes) rename.set(node.id, node.kind === 'input' ? entry : `${prefix}${node.id}`);

  let exit = entry;
  for (const node of sortTopologically(module.nodes)) {
    if (node.kind === 'input') continue;
    const inputs = node.inputs.map((id) => rename.get(id) ?? id);
    if (node.kind === 'output') {
      exit = inputs[0] ?? entry;
      continue;
    }
    into.push({ ...node, id: rename.get(node.id)!, inputs });
  }
  return exit;
}
