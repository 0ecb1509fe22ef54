/**
 * The order in which a generation's candidates go to the workers.
 *
 * A generation ends when its last candidate does, so a worker that draws a long candidate
 * last keeps the others idle. Handing out the costliest candidates first (the longest
 * processing time rule of job scheduling) leaves short ones for the end. Candidates whose
 * architecture is already trained or in training need no worker at all; they wait for that
 * result apart from the lanes, so a lane never idles on a duplicate.
 */

import { analyzeGenome } from '../core/genome';
import type { ShapeContext } from '../core/layers';
import type { Candidate } from '../core/strategy';

/**
 * FLOP-equivalents per layer and example for the dispatch of the layer's kernels. This is an
 * estimate from wasm profiles on the development machine: about 120 µs of dispatch per layer
 * and step of 64 examples, at about 15 GFLOP/s.
 */
const LAYER_SHARE = 30_000;

/**
 * Estimates the cost of one training step per example, in FLOP-equivalents: the forward
 * FLOPs plus a share per layer for kernel dispatch, which dominates small networks.
 */
export function estimatedCost(candidate: Candidate, context: ShapeContext): number {
  const analysis = analyzeGenome(candidate.genome, context);
  return analysis.totalFlops + LAYER_SHARE * candidate.genome.nodes.length;
}

export interface BatchSchedule {
  /** Indices of candidates to train, costliest first. */
  readonly train: readonly number[];
  /** Indices of candidates that repeat an architecture trained earlier or in this batch. */
  readonly repeat: readonly number[];
}

/**
 * Splits a batch into the first candidate of each architecture not yet known, ordered by
 * estimated cost (descending, ties in batch order), and the repeats.
 */
export function scheduleBatch(batch: readonly Candidate[], context: ShapeContext, known: (hash: string) => boolean): BatchSchedule {
  const seen = new Set<string>();
  const fresh: { index: number; cost: number }[] = [];
  const repeat: number[] = [];
  batch.forEach((candidate, index) => {
    if (known(candidate.hash) || seen.has(candidate.hash)) {
      repeat.push(index);
      return;
    }
    seen.add(candidate.hash);
    fresh.push({ index, cost: estimatedCost(candidate, context) });
  });
  fresh.sort((a, b) => b.cost - a.cost || a.index - b.index);
  return { train: fresh.map((entry) => entry.index), repeat };
}
