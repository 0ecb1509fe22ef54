/**
 * Innovation numbers: ids for new nodes, modules and blueprints, drawn from counters that
 * the strategy owns, so the same seed gives the same ids. As in NEAT, two nodes with the
 * same id descend from the same structural mutation, which is how crossover matches them.
 */
export class InnovationCounter {
  private last: number;

  constructor(
    readonly prefix: string,
    start = 0,
  ) {
    this.last = start;
  }

  /** Returns a fresh id such as "n17". */
  next(): string {
    this.last += 1;
    return `${this.prefix}${this.last}`;
  }

  /** Number of ids handed out so far, plus the start value. */
  get count(): number {
    return this.last;
  }
}
