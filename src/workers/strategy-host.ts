/**
 * Where a search strategy runs. Proposing and observing a generation is pure computation
 * (assembling networks, speciation, canonical hashes), up to a few hundred milliseconds per
 * generation for coevolution: on the page's main thread that freezes the page. The
 * coordinator therefore talks to its strategy through this asynchronous interface, which
 * the CLI fills with the strategy itself and the page with a Web Worker (strategy.worker.ts).
 */

import type { ShapeContext } from '../core/layers';
import { createStrategy, type SearchSettings, type StrategyOptions } from '../core/search';
import type { Candidate, CandidateResult, GenerationSummary } from '../core/strategy';

export interface StrategyHost {
  /** Resolves with the next batch, or null when the search is finished. */
  propose(): Promise<Candidate[] | null>;
  /** Resolves with the summary of the generation whose results these are. */
  observe(results: readonly CandidateResult[]): Promise<GenerationSummary>;
  /** Frees the host; later calls reject. */
  dispose(): void;
}

export type StrategyHostFactory = (settings: SearchSettings, context: ShapeContext, options: StrategyOptions) => StrategyHost;

/** Runs the strategy in this thread. Invalid settings throw here, as `createStrategy` does. */
export const localStrategyHost: StrategyHostFactory = (settings, context, options) => {
  const strategy = createStrategy(settings, context, options);
  return {
    propose: async () => strategy.propose(),
    observe: async (results) => strategy.observe(results),
    dispose: () => {},
  };
};
