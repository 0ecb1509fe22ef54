/**
 * The final retraining at the end of a search: which candidates to retrain at full fidelity
 * (all training rows, `finalEpochs` epochs), and how long that will take, so that a run with
 * a time budget can stop searching early enough to finish it.
 *
 * One worker per retrained candidate: with several workers, the best few architectures are
 * retrained side by side for the time one takes, and the final network is the one with the
 * best validation fitness after retraining. Test data plays no part in the choice.
 */

import type { Dataset } from '../data/types';
import type { TrainingSettings } from '../train/types';
import type { EvaluatedCandidate } from './coordinator';

/** Whether an evaluation can be retrained: it trained and did not diverge. */
const retrainable = (evaluated: EvaluatedCandidate) => evaluated.metrics !== null && evaluated.metrics.diverged === undefined;

/**
 * Picks up to `count` distinct architectures to retrain, best first by `compare` (the
 * coordinator's ranking), skipping failed and diverged ones and repeats of an architecture.
 */
export function finalCandidates(
  results: readonly EvaluatedCandidate[],
  count: number,
  compare: (a: EvaluatedCandidate, b: EvaluatedCandidate) => number,
): EvaluatedCandidate[] {
  const chosen: EvaluatedCandidate[] = [];
  const hashes = new Set<string>();
  for (const evaluated of [...results].filter(retrainable).sort(compare)) {
    if (chosen.length >= count) break;
    if (hashes.has(evaluated.candidate.hash)) continue;
    hashes.add(evaluated.candidate.hash);
    chosen.push(evaluated);
  }
  return chosen;
}

/** Factor on the estimate for evaluation time and run-to-run variation; an estimate itself. */
export const MARGIN = 1.3;

/**
 * Largest share of a time budget kept for the final retraining. A costly best candidate
 * would otherwise end the search after its first generation; its retraining stops at the
 * budget instead, after fewer epochs.
 */
export const MAX_RESERVE_SHARE = 0.4;

/**
 * Share of the time left after the search that goes to scoring the retrained networks on
 * the validation and test splits, rather than to training them; an estimate.
 */
export const SCORING_SHARE = 0.1;

/**
 * Estimates the milliseconds that retraining `evaluated` takes: its search training time,
 * scaled by the epochs and by the training rows. Evaluation on the validation and test
 * splits comes on top; MARGIN covers it and the variation between runs.
 */
export function retrainingEstimateMs(
  evaluated: EvaluatedCandidate,
  settings: TrainingSettings,
  finalEpochs: number,
  dataset: Pick<Dataset, 'train'>,
): number {
  const metrics = evaluated.metrics;
  if (!metrics || metrics.epochs === 0) return 0;
  const searchRows = settings.maxTrainRows > 0 ? Math.min(dataset.train.count, settings.maxTrainRows) : dataset.train.count;
  const perEpochMs = metrics.trainMs / metrics.epochs;
  return MARGIN * perEpochMs * finalEpochs * (dataset.train.count / Math.max(1, searchRows));
}
