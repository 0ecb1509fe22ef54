/**
 * The training view's status: what training is doing, epochs done, elapsed time, backend,
 * and the final metrics (validation and test accuracy or R², parameters) once it ends.
 */

import { TASKS } from '../../data/tasks';
import { isTrainingActive, type TrainingState } from '../../state/training-state';
import { formatCount, formatDuration, formatPercent, formatSeconds } from '../format';
import { useApp } from '../store-context';
import { useNow } from '../use-now';
import { useTrainBlocker } from './TrainButton';
import { regressionScores, trainingStatus } from './training-text';

function Figures({ training }: { training: TrainingState }) {
  const { metrics } = training;
  const classification = training.kind !== 'regression';
  const last = training.epochs.at(-1);
  // A regression file's targets are standardised for training, so its loss is in those units.
  const standardised = training.task !== null && TASKS[training.task].standardised === true;

  if (metrics && !metrics.diverged) {
    const r2 = regressionScores(metrics);
    return classification ? (
      <span className="progress__figure" data-testid="training-result">
        Validation accuracy: <strong>{formatPercent(metrics.validationAccuracy)}</strong> · Test accuracy:{' '}
        <strong>{formatPercent(metrics.testAccuracy)}</strong>
      </span>
    ) : (
      <span className="progress__figure" data-testid="training-result">
        Validation R²: <strong>{r2.validation}</strong>
        {r2.test !== null && (
          <>
            {' '}
            · Test R²: <strong>{r2.test}</strong>
          </>
        )}{' '}
        · Test MSE{standardised ? ' on standardised targets' : ''}: <strong>{metrics.testLoss.toFixed(4)}</strong>
      </span>
    );
  }
  if (!last) return null;
  return (
    <span className="progress__figure">
      Validation {classification ? 'accuracy' : 'loss'}:{' '}
      <strong>{classification ? formatPercent(last.validation.accuracy) : last.validation.loss.toFixed(4)}</strong>
    </span>
  );
}

export function TrainingProgress() {
  const training = useApp((state) => state.training);
  const active = isTrainingActive(training);
  const now = useNow(active);
  const blocker = useTrainBlocker();

  const total = training.settings?.epochs ?? 0;
  const done = training.epochs.length;
  // A long epoch (MNIST's take seconds) moves the bar batch by batch, not only at its end.
  const partial = training.partial;
  const percent = total > 0 ? Math.round(((done + (partial?.fraction ?? 0)) / total) * 100) : 0;
  // From Start to now, or to the end: the time shown never runs backwards when training ends.
  const elapsed = training.startedAt === null ? 0 : (active ? now : (training.endedAt ?? now)) - training.startedAt;
  const failed = training.outcome === 'diverged' || training.outcome === 'failed';

  return (
    <section className="progress" aria-label="Training progress">
      <div className="progress__line">
        <p className={failed ? 'progress__status progress__status--bad' : 'progress__status'} aria-live="polite">
          {trainingStatus(training, blocker)}
        </p>
        <div className="progress__bar" role="progressbar" aria-label="Epochs trained" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
        </div>
        <span className="progress__figure">
          Epochs: <strong>{done}</strong> / {total}
          {partial && (
            <span data-testid="training-partial">
              {' '}
              · epoch {partial.epoch}: {Math.round(partial.fraction * 100)}%
            </span>
          )}
        </span>
      </div>
      <div className="progress__line progress__line--details">
        {/* Beside a finished search, this says the figures are not those of its best network. */}
        {training.phase !== 'idle' && <span>Network: from the editor, trained alone</span>}
        {training.task && <span>Task: {TASKS[training.task].name}</span>}
        {training.params !== null && <span>Params: {formatCount(training.params)}</span>}
        {training.startedAt !== null && <span>Time: {elapsed < 60_000 ? formatSeconds(elapsed) : formatDuration(elapsed)}</span>}
        {training.backend && <span title={training.backendNote ?? undefined}>Backend: {training.backend}</span>}
        {training.settings && (
          <span>
            {training.settings.optimizer}, learning rate {training.settings.learningRate}, batch {training.settings.batchSize}
          </span>
        )}
        <Figures training={training} />
      </div>
    </section>
  );
}
