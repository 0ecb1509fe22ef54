/**
 * One generation of reproduction within species, shared by the module and blueprint
 * populations: rank members, keep the best member of the best species unchanged, share
 * the offspring among species by mean fitness, and breed them from the better part of
 * each species.
 */

import type { Rng } from './rng';

/** A member of an evolving population with its fitness for the generation just evaluated. */
export interface ScoredMember<T> {
  readonly id: string;
  readonly value: T;
  readonly species: number;
  /** Mean fitness credited this generation; undefined when the member took part in no network. */
  readonly fitness: number | undefined;
  /** True when every network the member took part in failed. */
  readonly failed: boolean;
  /** Mean parameter count of those networks, which breaks fitness ties toward smaller ones. */
  readonly params?: number;
}

export interface Breeder<T> {
  mutate(parent: T, rng: Rng): T;
  /** Crosses two parents; `fitter` gives the structure. */
  crossover(fitter: T, other: T, rng: Rng): T;
}

export interface ReproductionOptions {
  /** Chance that an offspring comes from crossover rather than from one parent. */
  readonly crossoverRate: number;
  /** Share of each species, best first, that may become parents. */
  readonly survivalFraction: number;
}

export const DEFAULT_REPRODUCTION: ReproductionOptions = { crossoverRate: 0.25, survivalFraction: 0.5 };

export interface Offspring<T> {
  readonly value: T;
  readonly species: number;
  /** Id kept by an elite, which passes to the next generation unchanged. */
  readonly eliteId?: string;
  /** Ids of the members it was bred from, the fitter first; absent for an elite. */
  readonly parentIds?: readonly string[];
  /** How it was bred: 'mutation', 'crossover' or 'crossover+mutation'; absent for an elite. */
  readonly operation?: BreedOperation;
}

export type BreedOperation = 'mutation' | 'crossover' | 'crossover+mutation';

/**
 * Orders members best first: evaluated members by fitness, then unevaluated ones, then
 * failed ones. Equal fitness goes to fewer parameters (a parsimony pressure that stops
 * bloat on fitness plateaus), and remaining ties keep population order.
 */
export function rankMembers<T>(members: readonly ScoredMember<T>[]): ScoredMember<T>[] {
  const tier = (member: ScoredMember<T>) => {
    if (member.failed) return 2;
    if (member.fitness === undefined) return 1;
    return 0;
  };
  return members
    .map((member, index) => ({ member, index }))
    .sort(
      (a, b) =>
        tier(a.member) - tier(b.member) ||
        (b.member.fitness ?? 0) - (a.member.fitness ?? 0) ||
        (a.member.params ?? 0) - (b.member.params ?? 0) ||
        a.index - b.index,
    )
    .map(({ member }) => member);
}

/** Mean fitness of a species' evaluated members (failed count as 0), or undefined if none was evaluated. */
export function speciesMeanFitness<T>(members: readonly ScoredMember<T>[]): number | undefined {
  const evaluated = members.filter((member) => member.failed || member.fitness !== undefined);
  if (evaluated.length === 0) return undefined;
  return evaluated.reduce((sum, member) => sum + (member.failed ? 0 : member.fitness!), 0) / evaluated.length;
}

export interface Allocation {
  /** Species whose best member passes on unchanged. */
  readonly elites: ReadonlySet<number>;
  /** Number of bred offspring per species. */
  readonly offspring: ReadonlyMap<number, number>;
}

/**
 * Weights species by mean fitness, shifted so that the weakest species weighs a tenth of
 * the spread. That keeps selection pressure when all fitness values are close
 * (accuracies of 0.95 to 0.98, say). A species with no evaluated member counts with the
 * median of the others, and equal fitness gives equal weights.
 */
export function selectionWeights(meanFitness: ReadonlyMap<number, number | undefined>): Map<number, number> {
  const known = [...meanFitness.values()].filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)] : 1;
  const scores = [...meanFitness.entries()].map(([species, mean]) => [species, mean ?? median] as const);
  const min = Math.min(...scores.map(([, score]) => score));
  const spread = Math.max(...scores.map(([, score]) => score)) - min;
  return new Map(scores.map(([species, score]) => [species, spread > 0 ? score - min + 0.1 * spread : 1]));
}

/**
 * Shares the next generation of `total` members among species. The best member of each of
 * the best floor(total / 4) species passes on unchanged, and the offspring go to species
 * in proportion to their `selectionWeights`. A species given neither dies out.
 */
export function allocateOffspring(meanFitness: ReadonlyMap<number, number | undefined>, total: number): Allocation {
  const weightOf = selectionWeights(meanFitness);
  const scores = [...weightOf.entries()].map(([species, weight]) => ({ species, weight }));
  scores.sort((a, b) => b.weight - a.weight || a.species - b.species);

  const elites = new Set(scores.slice(0, Math.floor(total / 4)).map(({ species }) => species));
  const offspring = new Map(scores.map(({ species }) => [species, 0]));
  let remaining = total - elites.size;
  if (remaining === 0 || scores.length === 0) return { elites, offspring };

  const weights = scores.map(({ weight }) => weight);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (remaining * weight) / weightSum);
  const floors = exact.map(Math.floor);
  scores.forEach(({ species }, index) => offspring.set(species, floors[index]));
  remaining -= floors.reduce((sum, value) => sum + value, 0);

  // Largest remainders take the last few, ties going to the better species.
  const order = exact
    .map((value, index) => ({ index, rest: value - floors[index] }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order.slice(0, remaining)) {
    const species = scores[index].species;
    offspring.set(species, offspring.get(species)! + 1);
  }
  return { elites, offspring };
}

/**
 * Breeds the next generation of `total` members. Members named in `keep` pass on
 * unchanged first, at most half of `total` so that a population of one still changes.
 * The elites of the best species follow in species order, then the offspring. Elites
 * come before offspring so that speciation of the result keeps them as representatives.
 */
export function reproduce<T>(
  members: readonly ScoredMember<T>[],
  total: number,
  breeder: Breeder<T>,
  rng: Rng,
  keep: ReadonlySet<string> = new Set(),
  options: ReproductionOptions = DEFAULT_REPRODUCTION,
): Offspring<T>[] {
  const kept: Offspring<T>[] = members
    .filter((member) => keep.has(member.id))
    .slice(0, Math.floor(total / 2))
    .map((member) => ({ value: member.value, species: member.species, eliteId: member.id }));

  const bySpecies = new Map<number, ScoredMember<T>[]>();
  for (const member of members) bySpecies.set(member.species, [...(bySpecies.get(member.species) ?? []), member]);
  const speciesIds = [...bySpecies.keys()].sort((a, b) => a - b);
  const meanFitness = new Map(speciesIds.map((id) => [id, speciesMeanFitness(bySpecies.get(id)!)]));
  const allocation = allocateOffspring(meanFitness, total - kept.length);

  const elites: Offspring<T>[] = [];
  const children: Offspring<T>[] = [];
  for (const species of speciesIds) {
    const ranked = rankMembers(bySpecies.get(species)!);
    const best = ranked[0];
    if (allocation.elites.has(species)) {
      // A kept member that leads its species is already its elite, so the slot breeds instead.
      if (keep.has(best.id)) children.push({ ...breed(parentPool(ranked, options.survivalFraction), breeder, rng, options), species });
      else elites.push({ value: best.value, species, eliteId: best.id });
    }

    const parents = parentPool(ranked, options.survivalFraction);
    const count = allocation.offspring.get(species) ?? 0;
    for (let i = 0; i < count; i++) children.push({ ...breed(parents, breeder, rng, options), species });
  }
  return [...kept, ...elites, ...children];
}

function parentPool<T>(ranked: readonly ScoredMember<T>[], survivalFraction: number): ScoredMember<T>[] {
  const healthy = ranked.filter((member) => !member.failed);
  const pool = healthy.length > 0 ? healthy : ranked;
  return pool.slice(0, Math.max(1, Math.ceil(pool.length * survivalFraction)));
}

type Bred<T> = Required<Pick<Offspring<T>, 'value' | 'parentIds' | 'operation'>>;

function breed<T>(parents: readonly ScoredMember<T>[], breeder: Breeder<T>, rng: Rng, options: ReproductionOptions): Bred<T> {
  const first = rng.int(0, parents.length - 1);
  if (parents.length >= 2 && rng.chance(options.crossoverRate)) {
    let second = rng.int(0, parents.length - 2);
    if (second >= first) second += 1;
    // Parents are ranked, so the lower index is the fitter one.
    const [fitter, other] = first < second ? [parents[first], parents[second]] : [parents[second], parents[first]];
    const child = breeder.crossover(fitter.value, other.value, rng);
    const parentIds = [fitter.id, other.id];
    return rng.chance(0.5)
      ? { value: breeder.mutate(child, rng), parentIds, operation: 'crossover+mutation' }
      : { value: child, parentIds, operation: 'crossover' };
  }
  return { value: breeder.mutate(parents[first].value, rng), parentIds: [parents[first].id], operation: 'mutation' };
}
