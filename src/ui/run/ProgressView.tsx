/**
 * The progress panel: generation g of G, evaluations done, training and queued, elapsed time
 * with an estimate of the time left, the backend each worker uses and any fallback notes.
 */

import { useApp } from '../store-context';
import { formatDuration } from '../format';
import { selectRunActive } from '../run-phase';
import { useNow } from '../use-now';
import { phaseText } from './phase-text';
import { estimateTimeLeft, runProgress } from './progress';
import { WorkerList } from './WorkerList';

export function ProgressView() {
  const run = useApp((state) => state.run);
  const budget = useApp((state) => state.config.timeBudgetSeconds);
  const dataset = useApp((state) => state.dataset);
  const active = useApp(selectRunActive);
  const now = useNow(active && run.phase !== 'paused');

  const progress = runProgress(run);
  const elapsed = active && run.startedAt !== null ? Math.max(run.elapsedMs, now - run.startedAt) : run.elapsedMs;
  const left = active ? estimateTimeLeft(elapsed, progress.fraction, budget) : null;
  const percent = Math.round(progress.fraction * 100);

  return (
    <section className="progress" aria-label="Progress">
      <p className="progress__status" aria-live="polite">
        {phaseText(run)}
      </p>
      <div className="progress__bar-row">
        <span className="progress__figure">
          Generation <strong>{progress.generation}</strong> / {progress.totalGenerations || '–'}
        </span>
        <div className="progress__bar" role="progressbar" aria-label="Search progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress__fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="progress__figure">{percent}%</span>
      </div>
      <dl className="progress__figures">
        <div>
          <dt>Evaluations</dt>
          <dd>
            {progress.evaluated} done · {progress.training} training · {progress.queued} queued
          </dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            {formatDuration(elapsed)} elapsed
            {left !== null && ` · about ${formatDuration(left)} left`}
          </dd>
        </div>
        {dataset && (
          <div>
            <dt>Data</dt>
            <dd>
              {dataset.train} train · {dataset.validation} validation · {dataset.test} test examples
            </dd>
          </div>
        )}
      </dl>
      <WorkerList workers={run.workers} fallbacks={run.fallbacks} />
    </section>
  );
}
