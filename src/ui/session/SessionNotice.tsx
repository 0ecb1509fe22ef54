/**
 * Notices of the session above the canvas: what a link or file restore ignored and why, the
 * marking of results that came from a link with "Replay search" and its outcome, and a run
 * resumed after a reload.
 */

import { useRef } from 'react';
import { fieldLabel } from '../config-messages';
import { useFocusHandoff } from '../controls/use-focus-handoff';
import { formatPercent } from '../format';
import { CommandButton, useStartBlocker } from '../run/RunControls';
import { formatScore, runTaskKind } from '../run/score-text';
import { selectRunActive } from '../run-phase';
import { useApp } from '../store-context';
import { useSession, useSessionState } from './session-context';

/** A list of more notes than this starts folded under its count. */
const FOLDED_NOTES = 2;

/** Replay search goes once the replay starts, so the focus moves on to the run controls, as after Start search. */
const REPLAY_SUCCESSORS: Record<string, readonly string[]> = { replay: ['pause', 'stop'] };

function RestoreNotice() {
  const session = useSession();
  const notice = useSessionState((state) => state.notice);
  if (!notice) return null;
  return (
    <div className={notice.error ? 'session-notice session-notice--error' : 'session-notice'} role={notice.error ? 'alert' : 'status'} aria-label="Link and file notice" key={notice.id}>
      <div className="session-notice__bar">
        <p className="session-notice__title">{notice.title}</p>
        {notice.action === 'task-defaults' && (
          <button
            type="button"
            className="button"
            title="Opens this task's default settings and starting network; the browser's Back button returns to the restored setup."
            onClick={() => session.resetToTaskDefaults()}
          >
            Use default setup
          </button>
        )}
        <button type="button" className="button session-notice__dismiss" onClick={() => session.dismissNotice()}>
          Dismiss
        </button>
      </div>
      {notice.error && <p className="session-notice__error">{notice.error}</p>}
      {notice.notes.length > 0 && (
        // A long list starts folded, so that the notice leaves the canvas room.
        <details className="session-notice__details" open={notice.notes.length <= FOLDED_NOTES}>
          <summary>{notice.notes.length === 1 ? '1 value' : `${notice.notes.length} values`}</summary>
          <ul className="session-notice__notes" aria-label="Ignored or changed values">
            {notice.notes.map((note, index) => (
              <li key={index}>
                {fieldLabel(note.field) === null ? (
                  <code>{note.field}</code>
                ) : (
                  // The label is the field's name on the page, and the path the name in the link or file.
                  <>
                    {fieldLabel(note.field)} (<code>{note.field}</code>)
                  </>
                )}{' '}
                {note.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function SharedResultsNotice() {
  const session = useSession();
  const shared = useSessionState((state) => state.shared);
  const showingShared = useApp((state) => state.run.runId === 'view:shared');
  const active = useApp(selectRunActive);
  const replaying = useApp((state) => shared !== null && state.run.runId === shared.replayRunId);
  const backend = useApp((state) => state.config.backend);
  const kind = useApp(runTaskKind);
  // Replay runs a search as Start does, so whatever keeps Start from running (a data file not chosen yet, say) keeps it too.
  const startBlocker = useStartBlocker();
  const notice = useRef<HTMLDivElement>(null);
  const notePress = useFocusHandoff(notice, REPLAY_SUCCESSORS);
  if (!shared || (!showingShared && !replaying)) return null;

  const comparison = shared.comparison;
  let title: string | null = null;
  // Presentation mode shows only the title's lead, which fits beside Replay on a projector.
  let titleLead: string | null = null;
  let titleRest = '';
  if (showingShared) {
    titleLead = `Shared results, best ${formatScore(kind, shared.results[0]?.fitness, shared.results[0]?.fitness)}`;
    titleRest = `: the ${shared.results.length} best architectures from the link, trained where the link was made, not here.`;
    title = titleLead + titleRest;
  } else if (replaying && !comparison) title = 'Replaying the shared search with the link\'s seed…';
  return (
    <div className="session-notice session-notice--shared" role="status" aria-label="Shared results" ref={notice} tabIndex={-1}>
      <div className="session-notice__bar">
        {/* Presentation mode cuts the title to one line, so the tooltip keeps all of it. */}
        <p className="session-notice__title" title={showingShared ? (title ?? undefined) : undefined}>
          {titleLead !== null ? (
            <>
              {titleLead}
              <span className="session-notice__title-rest">{titleRest}</span>
            </>
          ) : (
            title
          )}
          {comparison && `Replay reproduced ${comparison.matched} of ${comparison.total} shared results exactly.`}
        </p>
        {showingShared && (
          <CommandButton
            label="Replay search"
            primary
            command="replay"
            reason={active ? 'A search is running.' : startBlocker}
            onPress={() => {
              notePress('replay');
              void session.replaySearch();
            }}
          />
        )}
      </div>
      {showingShared && (
        <p className="session-notice__hint">Replay search runs the link's search again with its seed, to check its results here; Start search runs a new search with these settings.</p>
      )}
      {showingShared && backend !== 'cpu' && backend !== 'wasm' && (
        <p className="session-notice__hint">Replays repeat the same candidates and fitness values on the cpu and wasm backends; on GPU backends fitness may differ slightly.</p>
      )}
      {comparison && comparison.differences.length > 0 && (
        <ul className="session-notice__notes">
          {comparison.differences.map((difference) => (
            <li key={difference.id}>
              <code>{difference.id}</code> shared {formatPercent(difference.shared, 2)}, replayed {difference.replayed === null ? 'not evaluated' : formatPercent(difference.replayed, 2)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ResumedNotice() {
  const session = useSession();
  const resumed = useSessionState((state) => state.resumed);
  const current = useApp((state) => state.run.runId);
  // Its text promises that the search continues, so it goes once the search ends.
  const active = useApp(selectRunActive);
  if (!resumed || resumed.runId !== current || !active) return null;
  return (
    <div className="session-notice session-notice--resumed" role="status" aria-label="Resumed run">
      <div className="session-notice__bar">
        <p className="session-notice__title">
          Resumed the interrupted search: {resumed.evaluations} saved evaluations were restored without training, and it continues from there. Stop keeps
          the results so far.
        </p>
        <button type="button" className="button session-notice__dismiss" onClick={() => session.dismissResumed()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function SessionNotices() {
  return (
    <div className="session-notices">
      {/* The shared results' banner holds Replay search, so it stays in view and only the notes below it scroll. */}
      <SharedResultsNotice />
      <div className="session-notices__scroll">
        <RestoreNotice />
        <ResumedNotice />
      </div>
    </div>
  );
}
