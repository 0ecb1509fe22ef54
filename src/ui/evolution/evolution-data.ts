/**
 * Data of the evolution views, derived from the run state: species sizes of a population
 * over the generations (for a stacked area chart), the fitness credited to modules and
 * blueprints in one generation, and the ancestry of a network.
 */

import { describeGenome } from '../../core/describe';
import type { GenerationSummary, MemberBirth, PopulationSummary } from '../../core/strategy';
import type { EvaluatedCandidate } from '../../workers/coordinator';

export type EvolvingPopulation = Exclude<PopulationSummary['name'], 'networks'>;

/** One row per generation: `generation`, and the size of each species as `s<id>`. */
export type SpeciesRow = { readonly generation: number } & Record<string, number>;

export interface SpeciesStacks {
  readonly rows: SpeciesRow[];
  /** Species ids that ever had members, in order of first appearance. */
  readonly species: number[];
}

/**
 * Returns the size of every species of `population` in each generation. A species absent
 * from a generation (not yet formed, or extinct) counts 0 there, so the stacks stay aligned.
 */
export function speciesStacks(generations: readonly GenerationSummary[], population: EvolvingPopulation): SpeciesStacks {
  const species: number[] = [];
  const sizes = generations.map((summary) => {
    const entry = summary.populations.find((candidate) => candidate.name === population);
    const bySpecies = new Map<number, number>();
    for (const record of entry?.species ?? []) {
      if (!species.includes(record.id)) species.push(record.id);
      bySpecies.set(record.id, record.size);
    }
    return { generation: summary.generation, bySpecies };
  });
  const rows = sizes.map(({ generation, bySpecies }) => {
    const row: Record<string, number> = { generation };
    for (const id of species) row[`s${id}`] = bySpecies.get(id) ?? 0;
    return row as SpeciesRow;
  });
  return { rows, species };
}

export interface CreditRow {
  readonly id: string;
  readonly species: number;
  /** Credited fitness in percent: the mean fitness of the networks the member took part in. */
  readonly fitness: number;
  readonly networks: number;
}

/** Returns the members of `population` credited in `summary`, fittest first, at most `limit`. */
export function creditRows(summary: GenerationSummary | undefined, population: EvolvingPopulation, limit = 8): CreditRow[] {
  return (summary?.credit ?? [])
    .filter((entry) => entry.population === population)
    .sort((a, b) => b.fitness - a.fitness || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((entry) => ({ id: entry.id, species: entry.species, fitness: Math.round(entry.fitness * 10_000) / 100, networks: entry.networks }));
}

export interface LineageNode {
  readonly id: string;
  readonly role: 'network' | 'module' | 'blueprint';
  /** Operation that made it: "mutate:insert-layer", "crossover", "random", "initial"… */
  readonly operation: string;
  /** A one-line summary: the architecture of a network, the species and generation of a member. */
  readonly detail: string;
  /** The evaluated candidate, when this node is a network the run trained; it can be opened in the editor. */
  readonly candidate: EvaluatedCandidate | null;
  readonly parents: readonly LineageNode[];
}

interface Birth {
  readonly birth: MemberBirth;
  readonly generation: number;
}

/** Generations of ancestry traced back from the network. */
const MAX_DEPTH = 6;

function birthsById(generations: readonly GenerationSummary[]): Map<string, Birth> {
  const births = new Map<string, Birth>();
  for (const summary of generations) {
    for (const birth of summary.births ?? []) births.set(birth.id, { birth, generation: summary.generation });
  }
  return births;
}

function memberNode(id: string, role: 'module' | 'blueprint', births: ReadonlyMap<string, Birth>, depth: number, seen: Set<string>): LineageNode {
  const known = births.get(id);
  const repeated = seen.has(id);
  seen.add(id);
  const parents = known && !repeated && depth < MAX_DEPTH ? known.birth.parents.map((parent) => memberNode(parent, role, births, depth + 1, seen)) : [];
  return {
    id,
    role,
    operation: known?.birth.operation ?? 'unknown',
    detail: known ? `species ${known.birth.species}, born in generation ${known.generation}` : 'born before the recorded generations',
    candidate: null,
    parents,
  };
}

function operationOf(result: EvaluatedCandidate): string {
  const { candidate } = result;
  if (candidate.lineage) return candidate.lineage.operations.join(', ') || candidate.origin.type;
  if (candidate.origin.type === 'enumerated') return `enumerated chain ${candidate.origin.index + 1}`;
  return candidate.origin.type;
}

function networkNode(result: EvaluatedCandidate, byId: ReadonlyMap<string, EvaluatedCandidate>, births: ReadonlyMap<string, Birth>, depth: number, seen: Set<string>): LineageNode {
  const { candidate } = result;
  seen.add(candidate.id);
  let parents: LineageNode[] = [];
  if (candidate.origin.type === 'assembled') {
    const { blueprintId, moduleIds } = candidate.origin;
    parents = [memberNode(blueprintId, 'blueprint', births, depth + 1, seen), ...moduleIds.map((id) => memberNode(id, 'module', births, depth + 1, seen))];
  } else if (depth < MAX_DEPTH) {
    parents = (candidate.lineage?.parents ?? []).flatMap((id) => {
      const parent = byId.get(id);
      if (!parent || seen.has(id)) return [];
      return [networkNode(parent, byId, births, depth + 1, seen)];
    });
  }
  let fitness = result.metrics === null ? 'failed' : `${(result.fitness * 100).toFixed(1)}%`;
  // A regression's result carries its R², which a percentage would misread as accuracy.
  if (typeof result.metrics?.validationR2 === 'number') fitness = `R² ${result.metrics.validationR2.toFixed(3)}`;
  return { id: candidate.id, role: 'network', operation: operationOf(result), detail: `${fitness} · ${describeGenome(candidate.genome)}`, candidate: result, parents };
}

/**
 * Traces the ancestry of `result`. A bred network (regularized evolution) leads to its parent
 * networks and the mutations between them. An assembled network (coevolution) leads to its
 * blueprint and modules, and those back through crossover and mutation. The trace stops after
 * six generations, and a member met twice is listed once.
 */
export function lineageOf(result: EvaluatedCandidate, evaluations: readonly EvaluatedCandidate[], generations: readonly GenerationSummary[]): LineageNode {
  const byId = new Map(evaluations.map((entry) => [entry.candidate.id, entry]));
  return networkNode(result, byId, birthsById(generations), 0, new Set());
}
