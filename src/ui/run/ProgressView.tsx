/**
 * The progress panel: generations done of G, evaluations done, training and queued, elapsed time
 * with an estimate of the time left, the backend each worker uses and any fallback notes.
 */

import { formatCount, formatDuration, formatEstimate } from '../format';
import { selectRunActive } from '../run-phase';
import { useApp } from '../store-context';
import { useNow } from '../use-now';
import { generationAnnouncement } from './phase-text';
import { runProgress } from './progress';
import { progressTexts, selectStepUnit } from './run-texts';
import { useThrottledAnnouncement } from './use-throttled-announcement';
import { useTimeLeft } from './use-time-left';
import { useStartBlocker } from './RunControls';
import { useRunTaskKind } from './score-text';
import { WorkerList } from './WorkerList';

export function ProgressView() {
  const run = useApp((state) => state.run);
  const planned = useApp((state) => state.config.search.generations);
  // The words follow the run shown, because the settings may have changed since it ran.
  const exhaustive = useApp(selectStepUnit) === 'batch';
  const config = useApp((state) => state.config);
  const dataset = useApp((state) => state.dataset);
  const active = useApp(selectRunActive);
  const startBlocker = useStartBlocker();
  const kind = useRunTaskKind();
  // The run's elapsed time and its time budget count paused time, so the clock ticks on.
  const now = useNow(active);

  const progress = runProgress(run);
  const elapsed = active && run.startedAt !== null ? Math.max(run.elapsedMs, now - run.startedAt) : run.elapsedMs;
  // Only a running search has a pace: one starting up, even with restored results, has
  // trained nothing yet, and nothing progresses while paused, so an estimate would only grow.
  // The search's fraction is complete during the final retraining, which would read as
  // "about 0 s left".
  const estimating = run.phase === 'running' && run.finalTraining === null;
  const left = useTimeLeft(run, estimating, elapsed, now);
  const percent = Math.round(progress.fraction * 100);
  // A shared link's results, shown before any search here: they have no generations, counts or clock of this page.
  const linkResults = run.phase === 'idle' && run.evaluations.length > 0;
  const texts = progressTexts({ run, config }, startBlocker);
  // The last generation or batch is announced at once, the others at most once every ten seconds.
  const announcement = useThrottledAnnouncement(generationAnnouncement(run, kind, exhaustive), run.generations.length >= run.totalGenerations);

  return (
    <section className="progress" aria-label="Progress">
      <div className="progress__line">
        {/* A reason not to start can be long: it takes the line to itself, above the figures. */}
        <p className={run.phase === 'idle' && startBlocker ? 'progress__status progress__status--blocked' : 'progress__status'} aria-live="polite">
          {texts.status}
        </p>
        <p className="visually-hidden" role="status" data-testid="generation-announcement">
          {announcement}
        </p>
        {!linkResults && (
          <>
            {/* Before a run, an exhaustive search has no generation count of its own: its space sets the batches. */}
            {(progress.totalGenerations > 0 || !exhaustive) && (
              <span className="progress__figure">
                {exhaustive ? 'Batches' : 'Generations'}: <strong>{progress.generationsDone}</strong> done of {progress.totalGenerations || planned}
              </span>
            )}
            <div className="progress__bar" role="progressbar" aria-label="Search progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div className="progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
            </div>
            <span className="progress__figure">{percent}%</span>
          </>
        )}
      </div>
      {texts.result && (
        <p className="progress__line progress__result" data-testid="exhaustive-result">
          {texts.result}
        </p>
      )}
      {/* Counts on a line of their own: they grow as the run goes ("(3 reused)"), which otherwise wrapped the line above anew. */}
      <div className="progress__line">
        {linkResults ? (
          <span className="progress__figure">
            Results: <strong>{progress.evaluated}</strong> {progress.evaluated === 1 ? 'network' : 'networks'} from the link
          </span>
        ) : (
          <>
            <span className="progress__figure">
              Evaluations: <strong>{progress.evaluated}</strong> done{progress.reused > 0 && ` (${progress.reused} reused)`} · {progress.training} training ·{' '}
              {progress.queued} queued
            </span>
            <span className="progress__figure">
              Time: <strong>{formatDuration(elapsed)}</strong> elapsed
              {left !== null ? ` · ${formatEstimate(left)} left` : estimating && ' · estimating time left'}
            </span>
          </>
        )}
      </div>
      <div className="progress__line progress__line--details">
        {dataset && (
          <span>
            Data: {formatCount(dataset.train)} train · {formatCount(dataset.validation)} validation · {formatCount(dataset.test)} test examples
          </span>
        )}
        <WorkerList workers={run.workers} fallbacks={run.fallbacks} />
      </div>
    </section>
  );
}
