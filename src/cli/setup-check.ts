/**
 * Builds each run's search strategy once before the data loads and workers start, so a setup
 * the strategy rejects exits with a usage error at once. Examples are an exhaustive space
 * above its limit, or a candidate set with no layer that accepts the task input. Building a
 * strategy is deterministic for its settings and seed, so the run's own build then succeeds.
 */

import type { ShapeContext } from '../core/layers';
import { createStrategy } from '../core/search';
import type { RunConfig } from '../workers/run-config';
import { UsageError } from './usage-error';

export interface PlannedRun {
  /** Names the run in a message, such as "The random search with seed 2". */
  readonly label: string;
  readonly config: RunConfig;
}

/**
 * Throws UsageError, with the strategy's message and the flags that edit the candidate set,
 * for the first run whose strategy cannot be built. Other errors, such as a TypeError from
 * a bug, propagate unchanged.
 */
export function checkStrategies(runs: readonly PlannedRun[], context: ShapeContext): void {
  for (const { label, config } of runs) {
    try {
      createStrategy(config.search, context, { seedGenome: config.seedGenome });
    } catch (error) {
      if (!(error instanceof Error) || error instanceof TypeError || error instanceof ReferenceError) throw error;
      throw new UsageError(`${label} cannot start. ${error.message} On the command line, --kinds, --candidate-set and --max-depth set the candidate set.`);
    }
  }
}
