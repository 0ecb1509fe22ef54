/**
 * The final network of a search that retrains its best candidates at full fidelity: shown
 * apart from the search's best, whose figures come from shorter or subsampled training.
 */

import { formatCount } from '../format';
import { useApp } from '../store-context';
import { formatScore, useRunTaskKind } from './score-text';

export function FinalResult() {
  const final = useApp((state) => state.run.final);
  const best = useApp((state) => state.run.best);
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
  const validation = formatScore(kind, final.metrics.validationAccuracy ?? final.fitness, final.metrics.validationR2 ?? final.fitness);
  const test = formatScore(kind, final.metrics.testAccuracy, final.metrics.testR2);
  const summary = `Final network ${final.candidate.id}: validation ${validation} · test ${test} · ${formatCount(final.metrics.params)} params, retrained on all training rows for ${final.metrics.epochs} epochs`;
  // A final network below the search's best is what Export saves, so the gap gets a line of its own.
  const worse = best !== null && best.fitness > final.fitness;
  return (
    <>
      <p className="run-view__final" data-testid="final-candidate" title={summary}>
        {/* The scores come first: the line is cut at the panel's width, and they are what Export's network scored. */}
        Final network <code>{final.candidate.id}</code>: validation <strong>{validation}</strong> · test <strong>{test}</strong> · {formatCount(final.metrics.params)} params,
        retrained on all training rows for {final.metrics.epochs} epochs
      </p>
      {worse && (
        <p className="run-view__final run-view__final--worse" role="status" title="Export saves the final network. More final training epochs would let it catch up.">
          Below the search's best <code>{best.candidate.id}</code> ({formatScore(kind, best.fitness, best.fitness)} validation)
          {final.metrics.epochs < (best.metrics?.epochs ?? 0) ? `, which trained for ${best.metrics!.epochs} epochs: raise Final training epochs.` : '.'}
        </p>
      )}
    </>
  );
}
