/**
 * Successive halving within one generation: every new architecture of the batch trains for
 * the first rung's epochs, the best share goes on to the next rung, and the last survivors
 * train for the full budget (see `halvingSchedule`). A survivor trains again from the start
 * with the same seed, which gives exactly the state that continuing would. Training for
 * fewer epochs is a prefix of training for more, because the learning rate is constant and
 * every epoch draws its shuffle from the same seeded stream. That costs the prefix again,
 * but it needs no model kept alive in a worker between rungs.
 *
 * Promotion ranks by fitness with ties to the earlier batch position, so the outcome does
 * not depend on the number of workers or on which finished first.
 */

import { halvingSchedule, promote } from '../core/early-stopping';

/** The result of training one candidate, as the coordinator records it; null when the run stopped. */
export interface RungOutcome {
  readonly fitness: number;
  readonly failed: boolean;
}

export interface HalvingHooks<T extends RungOutcome> {
  /** Trains the candidate at batch position `index` for `epochs` epochs. */
  train(index: number, epochs: number): Promise<T | null>;
  /** Runs `work` for each index with at most one job per worker in flight, and resolves when all are done. */
  inLanes(indices: readonly number[], work: (index: number) => Promise<void>): Promise<void>;
}

export interface HalvingResult<T> {
  /** Each candidate's last outcome, by batch position. */
  readonly outcomes: ReadonlyMap<number, T>;
  /** Positions of the candidates that did not reach the last rung. */
  readonly stoppedEarly: ReadonlySet<number>;
  /** Epochs each candidate trained over all its rungs, the prefixes trained again included. */
  readonly epochs: ReadonlyMap<number, number>;
}

/**
 * Runs successive halving over the batch positions `indices` with a budget of `epochs` per
 * candidate. Resolves with null when the run stopped before the last rung finished.
 */
export async function successiveHalving<T extends RungOutcome>(
  indices: readonly number[],
  epochs: number,
  hooks: HalvingHooks<T>,
): Promise<HalvingResult<T> | null> {
  const outcomes = new Map<number, T>();
  const stoppedEarly = new Set<number>();
  const spent = new Map<number, number>();
  let alive = [...indices].sort((a, b) => a - b);
  const rungs = halvingSchedule(epochs, Math.max(1, alive.length));

  for (let rung = 0; rung < rungs.length && alive.length > 0; rung++) {
    let interrupted = false;
    await hooks.inLanes(alive, async (index) => {
      const outcome = await hooks.train(index, rungs[rung].epochs);
      if (outcome === null) interrupted = true;
      else outcomes.set(index, outcome);
    });
    if (interrupted) return null;
    for (const index of alive) spent.set(index, (spent.get(index) ?? 0) + rungs[rung].epochs);

    const next = rungs[rung + 1];
    if (!next) break;
    const kept = new Set(promote(alive.map((index) => ({ index, ...outcomes.get(index)! })), next.candidates));
    for (const index of alive) if (!kept.has(index)) stoppedEarly.add(index);
    alive = alive.filter((index) => kept.has(index));
  }
  return { outcomes, stoppedEarly, epochs: spent };
}
