/** Messages between the page and its strategy worker (strategy.worker.ts). */

import type { ShapeContext } from '../core/layers';
import type { SearchSettings, StrategyOptions } from '../core/search';
import type { Candidate, CandidateResult, GenerationSummary } from '../core/strategy';

export type StrategyRequest =
  | { readonly id: number; readonly type: 'create'; readonly settings: SearchSettings; readonly context: ShapeContext; readonly options: StrategyOptions }
  | { readonly id: number; readonly type: 'propose' }
  | { readonly id: number; readonly type: 'observe'; readonly results: readonly CandidateResult[] };

export type StrategyResponse =
  | { readonly id: number; readonly ok: true; readonly value: Candidate[] | GenerationSummary | null }
  | { readonly id: number; readonly ok: false; readonly message: string };
