/** The best candidates of the run, ranked; diverged and failed ones carry their reason. */

import { useMemo } from 'react';
import type { TaskKind } from '../../data/types';
import { leaderboard } from '../../state/run-state';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import { formatCount, formatSeconds } from '../format';
import { SharedBadge } from '../session/SharedBadge';
import { useActions, useApp } from '../store-context';
import './leaderboard-reuse.css';
import { formatScore, useRunTaskKind } from './score-text';

const LEADERBOARD_SIZE = 10;

function statusOf(result: EvaluatedCandidate): { label: string; detail?: string; bad: boolean } {
  if (result.metrics === null) return { label: 'failed', detail: result.failure, bad: true };
  if (result.metrics.diverged !== undefined) return { label: 'diverged', detail: result.metrics.diverged, bad: true };
  if (result.stoppedEarly) return { label: 'stopped early', detail: 'fitness of its last epoch', bad: false };
  return { label: 'ok', bad: false };
}

/** Counts, per architecture, the evaluations that reused its result instead of training it again. */
function reuseCounts(evaluations: readonly EvaluatedCandidate[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const result of evaluations) {
    if (result.reused) counts.set(result.candidate.hash, (counts.get(result.candidate.hash) ?? 0) + 1);
  }
  return counts;
}

function LeaderboardRow({ result, rank, reused, kind }: { result: EvaluatedCandidate; rank: number; reused: number; kind: TaskKind }) {
  const { openNetwork } = useActions();
  const status = statusOf(result);
  const id = result.candidate.id;
  const metrics = result.metrics;
  return (
    <tr className={status.bad ? 'leaderboard__row--bad' : undefined} title={status.detail && `${status.label}: ${status.detail}`}>
      <td className="num leaderboard__rank">{rank}</td>
      <td>
        <code>{result.candidate.id}</code>
        {reused > 0 && (
          <span className="leaderboard__reused" title={`Reused ${reused}×: later candidates with this architecture took this result without training`}>
            {' '}↻{reused}
            <span className="visually-hidden"> reused {reused}×</span>
          </span>
        )}
        {status.label !== 'ok' && (
          <span className="leaderboard__flag" aria-hidden="true">
            {status.label}
          </span>
        )}
      </td>
      <td className="num">{formatScore(kind, metrics?.validationAccuracy, metrics?.validationR2, false)}</td>
      <td className="num">{formatScore(kind, metrics?.testAccuracy, metrics?.testR2, false)}</td>
      <td className="num">{metrics ? formatCount(metrics.params) : '–'}</td>
      <td className="num leaderboard__detail">{metrics ? formatSeconds(metrics.trainMs) : '–'}</td>
      <td className="leaderboard__status leaderboard__detail" title={status.detail}>
        {status.label}
        {status.detail && `: ${status.detail}`}
      </td>
      <td>
        <button
          type="button"
          className="button button--tool"
          aria-label={`Open ${id} in editor`}
          title={`Load ${id} into the editor, replacing the network there (undo restores it)`}
          onClick={() => openNetwork(result.candidate.genome, id)}
        >
          Open
        </button>
      </td>
    </tr>
  );
}

export function Leaderboard() {
  const run = useApp((state) => state.run);
  const rows = useMemo(() => leaderboard(run, LEADERBOARD_SIZE), [run]);
  const reused = useMemo(() => reuseCounts(run.evaluations), [run.evaluations]);
  const kind = useRunTaskKind();
  const anyReused = rows.some((result) => reused.has(result.candidate.hash));
  const measure = kind === 'classification' ? { short: 'acc.', long: 'accuracy' } : { short: 'R²', long: 'R² (coefficient of determination)' };

  return (
    <section className="run-view" aria-label="Leaderboard">
      <div className="run-view__bar">
        <h2 className="panel-title">Leaderboard</h2>
        <SharedBadge />
        <span className="run-view__caption">
          ranked by validation {kind === 'classification' ? 'accuracy' : 'R²'}{anyReused && ' · ↻N: reused by N later candidates'}
        </span>
      </div>
      <div className="run-view__body leaderboard">
        {rows.length === 0 ? (
          <p className="chart__empty">Evaluated candidates are ranked here.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col" className="num leaderboard__rank">#</th>
                <th scope="col">Candidate</th>
                <th scope="col" className="num">
                  <abbr title={`Validation ${measure.long}`}>Val. {measure.short}</abbr>
                </th>
                <th scope="col" className="num">
                  <abbr title={`Test ${measure.long}`}>Test {measure.short}</abbr>
                </th>
                <th scope="col" className="num">Params</th>
                <th scope="col" className="num leaderboard__detail">
                  <abbr title="Training time">Train</abbr>
                </th>
                <th scope="col" className="leaderboard__detail">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((result, index) => (
                <LeaderboardRow key={result.candidate.id} result={result} rank={index + 1} reused={reused.get(result.candidate.hash) ?? 0} kind={kind} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
