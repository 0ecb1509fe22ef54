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

  /**
   * Returns the id that the (offset + 1)-th next call would return, without taking it, so
   * an operator can try a change and take the ids only when the change is kept.
   */
  peek(offset = 0): string {
    return `${this.prefix}${this.last + 1 + offset}`;
  }

  /** Number of ids handed out so far, plus the start value. */
  get count(): number {
    return this.last;
  }
}
