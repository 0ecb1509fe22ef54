/**
 * Blueprint assembly that keeps fixed layers. A module bred from a user's network with
 * fixed layers carries them, and repair of an assembled network must not drop or change
 * them. So a module that would lose them is left out, and its slots pass their input through.
 */

import { DEFAULT_LIMITS, type Genome, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import { canonicalParams } from './canonical';
import { assembleGenome, type Module } from './assembly';
import { slotsOf, type Blueprint } from './blueprint';
import { hasFixedGenes, isFixedGene } from './template';

export interface FixedAssembly {
  readonly genome: Genome;
  /** Modules the network contains, by the species the blueprint names. */
  readonly placed: ReadonlyMap<number, Module>;
}

/**
 * Assembles like `assembleGenome`, then leaves out each module whose fixed layers did not
 * survive repair (with their kind, parameters and connections between fixed layers) and
 * assembles again, until every placed module keeps them.
 */
export function assembleKeepingFixed(
  blueprint: Blueprint,
  modulesBySpecies: ReadonlyMap<number, Module>,
  context: ShapeContext,
  limits: SizeLimits = DEFAULT_LIMITS,
  exact = false,
): FixedAssembly {
  const placed = new Map(modulesBySpecies);
  for (;;) {
    const genome = assembleGenome(blueprint, placed, context, limits, exact);
    const broken = speciesLosingFixedGenes(genome, blueprint, placed);
    if (broken.length === 0) return { genome, placed };
    for (const species of broken) placed.delete(species);
  }
}

/** Species whose module lost a fixed layer, or a connection between two, in some slot of the network. */
function speciesLosingFixedGenes(network: Genome, blueprint: Blueprint, modulesBySpecies: ReadonlyMap<number, Module>): number[] {
  const byId = new Map(network.nodes.map((gene) => [gene.id, gene]));
  const broken = new Set<number>();
  for (const slot of slotsOf(blueprint)) {
    const module = modulesBySpecies.get(slot.species);
    if (!module || !hasFixedGenes(module.genome)) continue;
    const fixedIds = new Set(module.genome.nodes.filter(isFixedGene).map((gene) => gene.id));
    const prefix = `${slot.id}:`;
    const intact = module.genome.nodes.filter(isFixedGene).every((gene) => {
      const placed = byId.get(prefix + gene.id);
      if (!placed || placed.kind !== gene.kind || !isFixedGene(placed)) return false;
      if (canonicalParams(placed.params) !== canonicalParams(gene.params) || placed.inputs.length !== gene.inputs.length) return false;
      return gene.inputs.every((source, index) => !fixedIds.has(source) || placed.inputs[index] === prefix + source);
    });
    if (!intact) broken.add(slot.species);
  }
  return [...broken];
}
