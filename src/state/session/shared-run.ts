/**
 * Conversions between the run the store shows and what a link or the run history carries.
 * The best results of a run become shared results, and shared or saved results become a run
 * state that the charts and the leaderboard draw. A replayed search is checked against the link.
 */

import { canonicalHash } from '../../core/canonical';
import { analyzeGenome } from '../../core/genome';
import type { GenerationSummary } from '../../core/strategy';
import { compareCandidates, type EvaluatedCandidate, type RunStatus } from '../../workers/coordinator';
import type { RunConfig } from '../../workers/run-config';
import { shapeContextOf } from '../graph-context';
import { VIEW_RUN_PREFIX } from '../persist/run-recorder';
import { IDLE_RUN, leaderboard, type RunSettings, type RunState } from '../run-state';
import type { AppState } from '../store';
import { MAX_SHARED_RESULTS, type ShareState, type SharedResult } from '../share/share-state';

/** Returns the run's best candidates that trained without failing, as a link carries them. */
export function sharedResultsOf(run: RunState): SharedResult[] {
  return leaderboard(run, MAX_SHARED_RESULTS)
    .filter((result) => result.metrics !== null && result.metrics.diverged === undefined)
    .map((result) => ({
      id: result.candidate.id,
      genome: result.candidate.genome,
      fitness: result.fitness,
      validationAccuracy: result.metrics!.validationAccuracy,
      testAccuracy: result.metrics!.testAccuracy,
      validationR2: result.metrics!.validationR2 ?? null,
      testR2: result.metrics!.testR2 ?? null,
      trainMs: result.metrics!.trainMs,
      backend: result.metrics!.backend,
    }));
}

/** Returns the setup the page shows (config, graph, canvas positions) with the given results. */
export function shareStateOf(state: AppState, results: readonly SharedResult[]): ShareState {
  const { seedGenome: _graph, ...config } = state.config;
  return { config, graph: state.graph, positions: state.editor.model.positions, results };
}

function generationOf(candidateId: string): number {
  const match = /^g(\d+)-/.exec(candidateId);
  return match ? Number(match[1]) : 0;
}

/** Turns shared results into evaluated candidates, with sizes recomputed for the task. */
export function evaluatedFromShared(results: readonly SharedResult[], config: RunConfig): EvaluatedCandidate[] {
  const context = shapeContextOf(config);
  return results.map((result, index) => {
    const analysis = analyzeGenome(result.genome, context);
    return {
      candidate: { id: result.id, generation: generationOf(result.id), genome: result.genome, hash: canonicalHash(result.genome), origin: { type: 'seed' } },
      metrics: {
        fitness: result.fitness,
        validationLoss: Number.NaN,
        validationAccuracy: result.validationAccuracy,
        // Links written before they carried R² still mark a regression's result: it has no accuracy,
        // and its fitness is its R² clipped at 0.
        validationR2: result.validationR2 ?? (result.validationAccuracy === null ? result.fitness : undefined),
        testLoss: Number.NaN,
        testAccuracy: result.testAccuracy,
        testR2: result.testR2 ?? undefined,
        trainLoss: [],
        params: analysis.totalParams,
        flops: analysis.totalFlops,
        epochs: config.training.epochs,
        trainMs: result.trainMs,
        backend: result.backend,
      },
      fitness: result.fitness,
      reused: false,
      worker: -1,
      evaluation: index + 1,
      finishedAt: 0,
    };
  });
}

/** Generation number of a view whose results are a selection, so none of them reads as an unfinished generation. */
const NO_GENERATION = -1;

/**
 * Builds a run state that only shows results: the charts, the best architecture and the
 * leaderboard draw it, and its `view:` id keeps it out of the run history. `evaluations` are
 * all of a run's results when `complete`, and then a generation cut short by a stop shows
 * as unfinished, as it did live. A shared link carries only the top results, so it passes
 * false. `settings` are those of the run, from its saved or shared config.
 */
export function viewRunState(
  id: string,
  settings: RunSettings,
  evaluations: readonly EvaluatedCandidate[],
  generations: readonly GenerationSummary[],
  outcome: RunStatus | null,
  elapsedMs = 0,
  complete = true,
  final: EvaluatedCandidate | null = null,
): RunState {
  const best = [...evaluations].sort(compareCandidates)[0] ?? null;
  const lastStarted = evaluations.reduce((last, result) => Math.max(last, result.candidate.generation), generations.at(-1)?.generation ?? 0);
  return {
    ...IDLE_RUN,
    runId: `${VIEW_RUN_PREFIX}${id}`,
    settings,
    phase: outcome === null ? 'idle' : 'finished',
    outcome,
    elapsedMs,
    generation: complete ? lastStarted : NO_GENERATION,
    totalGenerations: generations.length,
    evaluations,
    generations,
    best,
    final,
  };
}

export interface ReplayComparison {
  /** Shared results whose architecture the replay evaluated with the same fitness. */
  readonly matched: number;
  readonly total: number;
  /** Shared results the replay evaluated with another fitness, or did not evaluate. */
  readonly differences: readonly { readonly id: string; readonly shared: number; readonly replayed: number | null }[];
}

/** Compares shared results with the evaluations of a replayed search, by architecture. */
export function compareReplay(shared: readonly SharedResult[], evaluations: readonly EvaluatedCandidate[]): ReplayComparison {
  const replayed = new Map<string, number>();
  for (const result of evaluations) if (!replayed.has(result.candidate.hash)) replayed.set(result.candidate.hash, result.fitness);
  const differences: { id: string; shared: number; replayed: number | null }[] = [];
  let matched = 0;
  for (const result of shared) {
    const fitness = replayed.get(canonicalHash(result.genome)) ?? null;
    // Links keep four decimals of fitness.
    if (fitness !== null && Math.abs(fitness - result.fitness) < 5e-5) matched++;
    else differences.push({ id: result.id, shared: result.fitness, replayed: fitness });
  }
  return { matched, total: shared.length, differences };
}
