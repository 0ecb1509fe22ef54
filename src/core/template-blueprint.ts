/**
 * Blueprints for a search template. The template fixes the network's structure, so a
 * blueprint is one slot per template slot, under the same id, each naming the module
 * species that fills it. Blueprints evolve only those choices: mutation changes the species
 * of one slot, and crossover (which pairs slots by id) takes each slot's species from
 * either parent.
 */

import type { Rng } from './rng';
import { BLUEPRINT_INPUT, BLUEPRINT_OUTPUT, slotsOf, type Blueprint, type BlueprintNode } from './blueprint';

export interface WeightedSpecies {
  readonly id: number;
  readonly weight: number;
}

/** Builds the blueprint naming `species[i]` for the i-th template slot, as a chain input → slots → output. */
export function templateBlueprint(slotIds: readonly string[], species: readonly number[]): Blueprint {
  if (slotIds.length !== species.length) {
    throw new Error(`A template blueprint needs one species per slot, but got ${species.length} for ${slotIds.length} slots.`);
  }
  const nodes: BlueprintNode[] = [{ id: BLUEPRINT_INPUT, type: 'input', inputs: [] }];
  let previous = BLUEPRINT_INPUT;
  slotIds.forEach((id, index) => {
    nodes.push({ id, type: 'slot', species: species[index], inputs: [previous] });
    previous = id;
  });
  nodes.push({ id: BLUEPRINT_OUTPUT, type: 'output', inputs: [previous] });
  return { nodes };
}

/**
 * Draws `count` template blueprints. Each slot names a species drawn by its weight divided
 * by one plus the number of slots that named it so far, so the first generation spreads
 * over the species rather than repeating the heaviest.
 */
export function startingTemplateBlueprints(
  count: number,
  slotIds: readonly string[],
  species: readonly WeightedSpecies[],
  rng: Rng,
): Blueprint[] {
  if (species.length === 0) throw new Error('Template blueprints need at least one module species to name.');
  const naming = new Map<number, number>();
  const blueprints: Blueprint[] = [];
  while (blueprints.length < count) {
    const named = slotIds.map(() => {
      const weights = species.map((entry) => entry.weight / (1 + (naming.get(entry.id) ?? 0)));
      const id = species[rng.weightedIndex(weights)].id;
      naming.set(id, (naming.get(id) ?? 0) + 1);
      return id;
    });
    blueprints.push(templateBlueprint(slotIds, named));
  }
  return blueprints;
}

/**
 * Points one slot, drawn uniformly, at another species drawn by weight. Returns the
 * blueprint unchanged when there is no other species.
 */
export function mutateTemplateBlueprint(blueprint: Blueprint, rng: Rng, species: readonly WeightedSpecies[]): Blueprint {
  const slot = rng.pick(slotsOf(blueprint));
  const options = species.filter((entry) => entry.id !== slot.species);
  if (options.length === 0) return blueprint;
  const next = options[rng.weightedIndex(options.map((entry) => entry.weight))].id;
  return { nodes: blueprint.nodes.map((node) => (node.id === slot.id ? { ...slot, species: next } : node)) };
}
