/**
 * CoDeepNEAT blueprints: small DAGs whose slots each name a module species. Assembly
 * replaces every slot by a module of that species; merge nodes join parallel slots with
 * add or concatenate. Blueprints carry no shapes, so their operators only keep the graph
 * well formed, and assembly repairs shapes afterwards.
 */

import type { InnovationCounter } from './innovation';
import type { Rng } from './rng';
import { alignGenes } from './compatibility';
import {
  ancestorsOf,
  bypassNode,
  edgesOf,
  insertAfter,
  pruneOffPath,
  reachableFrom,
  redirectConsumers,
  topologicalIds,
} from './graph';

export type MergeKind = 'add' | 'concatenate';

export type BlueprintNode =
  | { readonly id: string; readonly type: 'input'; readonly inputs: readonly string[] }
  | { readonly id: string; readonly type: 'output'; readonly inputs: readonly string[] }
  | { readonly id: string; readonly type: 'slot'; readonly species: number; readonly inputs: readonly string[] }
  | { readonly id: string; readonly type: 'merge'; readonly merge: MergeKind; readonly inputs: readonly string[] };

export interface Blueprint {
  readonly nodes: readonly BlueprintNode[];
}

export const BLUEPRINT_INPUT = 'input';
export const BLUEPRINT_OUTPUT = 'output';
const MAX_MERGE_INPUTS = 8;

export interface BlueprintContext {
  /** Module species that slots may name, with a weight each (higher is drawn more often). */
  readonly species: readonly { readonly id: number; readonly weight: number }[];
  readonly merges: readonly MergeKind[];
  readonly maxSlots: number;
  readonly innovations: InnovationCounter;
}

export const BLUEPRINT_MUTATIONS = ['insert-slot', 'remove-slot', 'change-species', 'add-branch', 'add-skip'] as const;
export type BlueprintMutation = (typeof BLUEPRINT_MUTATIONS)[number];

const MUTATION_WEIGHTS: Record<BlueprintMutation, number> = {
  'insert-slot': 3,
  'remove-slot': 1,
  'change-species': 3,
  'add-branch': 1,
  'add-skip': 1,
};

/** Builds the blueprint input → slot… → output naming `species` in order. */
export function chainBlueprint(species: readonly number[], innovations: InnovationCounter): Blueprint {
  const nodes: BlueprintNode[] = [{ id: BLUEPRINT_INPUT, type: 'input', inputs: [] }];
  let previous = BLUEPRINT_INPUT;
  for (const id of species) {
    const slot: BlueprintNode = { id: innovations.next(), type: 'slot', species: id, inputs: [previous] };
    nodes.push(slot);
    previous = slot.id;
  }
  nodes.push({ id: BLUEPRINT_OUTPUT, type: 'output', inputs: [previous] });
  return { nodes };
}

export const slotsOf = (blueprint: Blueprint) =>
  blueprint.nodes.filter((node): node is Extract<BlueprintNode, { type: 'slot' }> => node.type === 'slot');

/** Module species the blueprint names, each once, in order of first slot. */
export function namedSpecies(blueprint: Blueprint): number[] {
  return [...new Set(slotsOf(blueprint).map((slot) => slot.species))];
}

/** Lists what makes a blueprint malformed; an empty list means it can be assembled. */
export function blueprintProblems(blueprint: Blueprint): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const node of blueprint.nodes) {
    if (ids.has(node.id)) problems.push(`Two blueprint nodes share the id "${node.id}".`);
    ids.add(node.id);
  }
  const count = (type: BlueprintNode['type']) => blueprint.nodes.filter((node) => node.type === type).length;
  if (count('input') !== 1) problems.push(`A blueprint needs exactly one input node, but has ${count('input')}.`);
  if (count('output') !== 1) problems.push(`A blueprint needs exactly one output node, but has ${count('output')}.`);
  if (count('slot') === 0) problems.push('A blueprint needs at least one slot.');

  for (const node of blueprint.nodes) {
    const expected =
      node.type === 'input' ? [0, 0] : node.type === 'merge' ? [2, MAX_MERGE_INPUTS] : [1, 1];
    if (node.inputs.length < expected[0] || node.inputs.length > expected[1]) {
      problems.push(`Blueprint ${node.type} "${node.id}" takes ${expected[0]} to ${expected[1]} inputs but has ${node.inputs.length}.`);
    }
    if (new Set(node.inputs).size !== node.inputs.length) problems.push(`Blueprint node "${node.id}" repeats an input.`);
    for (const source of node.inputs) {
      if (!ids.has(source)) problems.push(`Blueprint node "${node.id}" takes input from "${source}", which does not exist.`);
    }
  }
  if (topologicalIds(blueprint.nodes) === null) {
    problems.push('The blueprint has a cycle.');
  } else if (problems.length === 0) {
    const forward = reachableFrom(blueprint.nodes, BLUEPRINT_INPUT, 'forward');
    const backward = reachableFrom(blueprint.nodes, BLUEPRINT_OUTPUT, 'backward');
    for (const node of blueprint.nodes) {
      if (!forward.has(node.id) || !backward.has(node.id)) problems.push(`Blueprint node "${node.id}" is not on a path from input to output.`);
    }
  }
  return problems;
}

export interface BlueprintMutationResult {
  readonly blueprint: Blueprint;
  readonly mutation: BlueprintMutation | null;
}

type Operator = (blueprint: Blueprint, rng: Rng, context: BlueprintContext) => Blueprint | null;

const OPERATORS: Record<BlueprintMutation, Operator> = {
  'insert-slot': insertSlot,
  'remove-slot': removeSlot,
  'change-species': changeSpecies,
  'add-branch': addSlotBranch,
  'add-skip': addSlotSkip,
};

/** Applies one mutation chosen by weight, trying the others when it does not apply. */
export function mutateBlueprint(blueprint: Blueprint, rng: Rng, context: BlueprintContext): BlueprintMutationResult {
  const remaining = [...BLUEPRINT_MUTATIONS];
  while (remaining.length > 0) {
    const index = rng.weightedIndex(remaining.map((name) => MUTATION_WEIGHTS[name]));
    const [name] = remaining.splice(index, 1);
    const mutated = OPERATORS[name](blueprint, rng, context);
    if (mutated && blueprintProblems(mutated).length === 0) return { blueprint: mutated, mutation: name };
  }
  return { blueprint, mutation: null };
}

function pickSpecies(context: BlueprintContext, rng: Rng, except?: number): number | null {
  const options = context.species.filter((species) => species.id !== except);
  if (options.length === 0) return null;
  return options[rng.weightedIndex(options.map((species) => species.weight))].id;
}

function insertSlot(blueprint: Blueprint, rng: Rng, context: BlueprintContext): Blueprint | null {
  const species = pickSpecies(context, rng);
  if (slotsOf(blueprint).length >= context.maxSlots || species === null) return null;
  const edge = rng.pick(edgesOf(blueprint.nodes));
  const slot: BlueprintNode = { id: context.innovations.next(), type: 'slot', species, inputs: [edge.from] };
  const rewired = blueprint.nodes.map((node) =>
    node.id === edge.to ? { ...node, inputs: node.inputs.map((id) => (id === edge.from ? slot.id : id)) } : node,
  );
  return { nodes: insertAfter(rewired, edge.from, slot) };
}

function removeSlot(blueprint: Blueprint, rng: Rng): Blueprint | null {
  const slots = slotsOf(blueprint);
  if (slots.length <= 1) return null;
  return normaliseBlueprint({ nodes: bypassNode(blueprint.nodes, rng.pick(slots).id) });
}

function changeSpecies(blueprint: Blueprint, rng: Rng, context: BlueprintContext): Blueprint | null {
  const slot = rng.pick(slotsOf(blueprint));
  const species = pickSpecies(context, rng, slot.species);
  if (species === null) return null;
  return { nodes: blueprint.nodes.map((node) => (node.id === slot.id ? { ...slot, species } : node)) };
}

/** Adds a slot parallel to an existing one, naming another species where there is one, and joins the two with a merge. */
function addSlotBranch(blueprint: Blueprint, rng: Rng, context: BlueprintContext): Blueprint | null {
  if (context.merges.length === 0 || slotsOf(blueprint).length >= context.maxSlots) return null;
  const target = rng.pick(slotsOf(blueprint));
  // Another species makes the branches differ; with one species both carry the same module.
  const species = pickSpecies(context, rng, target.species) ?? target.species;
  const branch: BlueprintNode = { id: context.innovations.next(), type: 'slot', species, inputs: [...target.inputs] };
  const join: BlueprintNode = { id: context.innovations.next(), type: 'merge', merge: rng.pick(context.merges), inputs: [target.id, branch.id] };
  const nodes = insertAfter(insertAfter(redirectConsumers(blueprint.nodes, target.id, join.id), target.id, branch), branch.id, join);
  return { nodes };
}

/**
 * Joins a node's output with the output of one of its ancestors: a merge node takes the
 * ancestor as one more input, any other node gets a new merge after it.
 */
function addSlotSkip(blueprint: Blueprint, rng: Rng, context: BlueprintContext): Blueprint | null {
  const merges = blueprint.nodes.filter((node) => node.type === 'merge');
  if (context.merges.length === 0 || merges.length >= context.maxSlots) return null;
  const target = rng.pick(blueprint.nodes.filter((node) => node.type === 'slot' || node.type === 'merge'));
  const from = rng.pick([...ancestorsOf(blueprint.nodes, target.id)].sort());

  if (target.type === 'merge' && target.inputs.length < MAX_MERGE_INPUTS && !target.inputs.includes(from)) {
    return { nodes: blueprint.nodes.map((node) => (node.id === target.id ? { ...target, inputs: [...target.inputs, from] } : node)) };
  }
  const join: BlueprintNode = { id: context.innovations.next(), type: 'merge', merge: rng.pick(context.merges), inputs: [target.id, from] };
  return { nodes: insertAfter(redirectConsumers(blueprint.nodes, target.id, join.id), target.id, join) };
}

/** Drops nodes off the input-output path and merges left with one input. */
export function normaliseBlueprint(blueprint: Blueprint): Blueprint {
  let nodes = [...blueprint.nodes];
  for (let changed = true; changed; ) {
    const pruned = pruneOffPath(nodes, BLUEPRINT_INPUT, BLUEPRINT_OUTPUT);
    changed = pruned.length !== nodes.length;
    nodes = pruned.map((node) => (node.type === 'slot' || node.type === 'output' ? { ...node, inputs: node.inputs.slice(0, 1) } : node));
    const lonely = nodes.find((node) => node.type === 'merge' && node.inputs.length < 2);
    if (lonely) {
      nodes = bypassNode(nodes, lonely.id);
      changed = true;
    }
  }
  return { nodes };
}

/**
 * Crosses two blueprints. The child has the fitter parent's structure, and each slot or
 * merge that both parents share by id takes its species or merge kind from either.
 */
export function crossoverBlueprints(fitter: Blueprint, other: Blueprint, rng: Rng): Blueprint {
  const otherById = new Map(other.nodes.map((node) => [node.id, node]));
  const nodes = fitter.nodes.map((node): BlueprintNode => {
    const match = otherById.get(node.id);
    if (!match || !rng.chance(0.5)) return node;
    if (node.type === 'slot' && match.type === 'slot') return { ...node, species: match.species };
    if (node.type === 'merge' && match.type === 'merge') return { ...node, merge: match.merge };
    return node;
  });
  return { nodes };
}

/** Points slots that name an extinct species at the species it maps to. */
export function remapSpecies(blueprint: Blueprint, mapping: ReadonlyMap<number, number>): Blueprint {
  if (!slotsOf(blueprint).some((slot) => mapping.has(slot.species))) return blueprint;
  return {
    nodes: blueprint.nodes.map((node) =>
      node.type === 'slot' && mapping.has(node.species) ? { ...node, species: mapping.get(node.species)! } : node,
    ),
  };
}

function geneKey(node: BlueprintNode): string {
  if (node.type === 'slot') return `slot:${node.species}`;
  if (node.type === 'merge') return `merge:${node.merge}`;
  return node.type;
}

/**
 * Compatibility distance of two blueprints in the NEAT form for small genomes: the number
 * of slots and merges left unmatched when genes pair by id and then by species or merge kind.
 */
export function blueprintDistance(a: Blueprint, b: Blueprint): number {
  const hidden = (blueprint: Blueprint) => {
    const order = topologicalIds(blueprint.nodes) ?? blueprint.nodes.map((node) => node.id);
    const byId = new Map(blueprint.nodes.map((node) => [node.id, node]));
    return order.map((id) => byId.get(id)!).filter((node) => node.type === 'slot' || node.type === 'merge');
  };
  return alignGenes(hidden(a), hidden(b), geneKey).unmatched;
}
