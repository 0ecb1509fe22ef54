/**
 * NEAT-style speciation: each member joins the nearest species whose representative lies
 * within the compatibility threshold, or founds a new species. Species keep their id
 * across generations, and the threshold moves each generation toward a target number
 * of species.
 */

export interface SpeciationOptions {
  /** Number of species the threshold adjustment aims for. */
  readonly targetCount: number;
  /** Starting compatibility threshold. */
  readonly threshold: number;
  /** How much the threshold moves per generation. */
  readonly step: number;
  /** The threshold never falls below this. */
  readonly minThreshold: number;
}

export interface SpeciesRecord<T> {
  readonly id: number;
  /** The member new members are compared with: the first member of the latest generation. */
  readonly representative: T;
}

export interface SpeciesAssignment<T> {
  /** Species id of each member, in member order. */
  readonly speciesOf: readonly number[];
  /** Species alive after this assignment, in order of id. */
  readonly alive: readonly SpeciesRecord<T>[];
  /** Species that received no member and so died out, with their last representative. */
  readonly extinct: readonly SpeciesRecord<T>[];
}

export class Speciation<T> {
  private species: SpeciesRecord<T>[] = [];
  private nextId = 1;
  private currentThreshold: number;

  constructor(
    private readonly distance: (a: T, b: T) => number,
    private readonly options: SpeciationOptions,
  ) {
    this.currentThreshold = options.threshold;
  }

  get threshold(): number {
    return this.currentThreshold;
  }

  get current(): readonly SpeciesRecord<T>[] {
    return this.species;
  }

  /**
   * Assigns each member of a new generation to a species, in order. Put elites first:
   * the first member of each species becomes its representative.
   */
  assign(members: readonly T[]): SpeciesAssignment<T> {
    const candidates = [...this.species];
    const firstMember = new Map<number, T>();
    const speciesOf: number[] = [];

    for (const member of members) {
      let nearest: SpeciesRecord<T> | null = null;
      let nearestDistance = Infinity;
      for (const species of candidates) {
        const d = this.distance(member, species.representative);
        if (d < this.currentThreshold && d < nearestDistance) {
          nearest = species;
          nearestDistance = d;
        }
      }
      if (!nearest) {
        nearest = { id: this.nextId++, representative: member };
        candidates.push(nearest);
      }
      speciesOf.push(nearest.id);
      if (!firstMember.has(nearest.id)) firstMember.set(nearest.id, member);
    }

    const alive = candidates
      .filter((species) => firstMember.has(species.id))
      .map((species) => ({ id: species.id, representative: firstMember.get(species.id)! }))
      .sort((a, b) => a.id - b.id);
    const extinct = this.species.filter((species) => !firstMember.has(species.id));
    this.species = alive;
    this.adjustThreshold(alive.length);
    return { speciesOf, alive, extinct };
  }

  /** Moves the threshold one step, or up to four when the count misses the target by that many times over. */
  private adjustThreshold(count: number): void {
    const { targetCount, step, minThreshold } = this.options;
    const scaled = step * Math.min(4, Math.max(1, Math.abs(count - targetCount) / Math.max(1, targetCount)));
    if (count > targetCount) this.currentThreshold += scaled;
    else if (count < targetCount) this.currentThreshold = Math.max(minThreshold, this.currentThreshold - scaled);
  }
}

/** Maps each extinct species to the alive species whose representative is nearest. */
export function nearestAliveSpecies<T>(
  extinct: readonly SpeciesRecord<T>[],
  alive: readonly SpeciesRecord<T>[],
  distance: (a: T, b: T) => number,
): Map<number, number> {
  const mapping = new Map<number, number>();
  if (alive.length === 0) return mapping;
  for (const dead of extinct) {
    let nearest = alive[0];
    for (const species of alive) {
      if (distance(dead.representative, species.representative) < distance(dead.representative, nearest.representative)) {
        nearest = species;
      }
    }
    mapping.set(dead.id, nearest.id);
  }
  return mapping;
}
