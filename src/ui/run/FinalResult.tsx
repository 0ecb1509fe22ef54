/**
 * The final network of a search that retrains its best candidates at full fidelity: shown
 * apart from the search's best, whose figures come from shorter or subsampled training.
 */

import { formatCount } from '../format';
import { useApp } from '../store-context';
import { formatScore, useRunTaskKind } from './score-text';

export function FinalResult() {
  const final = useApp((state) => state.run.final);
  const kind = useRunTaskKind();
  const retraining = useApp((state) => state.run.finalTraining !== null);
  const finalEpochs = useApp((state) => state.config.finalEpochs);

  if (retraining) {
    return (
      <p className="run-view__final" aria-live="polite">
        Retraining the best candidates on all training rows for {finalEpochs} epochs…
      </p>
    );
  }
  if (!final) return null;
  if (!final.metrics) {
    return (
      <p className="run-view__final" data-testid="final-candidate">
        Final retraining of <code>{final.candidate.id}</code> failed: {final.failure}
      </p>
    );
  }
  return (
    <p className="run-view__final" data-testid="final-candidate">
      Final network <code>{final.candidate.id}</code>, retrained on all training rows for {final.metrics.epochs} epochs: validation{' '}
      <strong>{formatScore(kind, final.metrics.validationAccuracy ?? final.fitness, final.metrics.validationR2 ?? final.fitness)}</strong> · test{' '}
      <strong>{formatScore(kind, final.metrics.testAccuracy, final.metrics.testR2)}</strong> · {formatCount(final.metrics.params)} params
    </p>
  );
}
