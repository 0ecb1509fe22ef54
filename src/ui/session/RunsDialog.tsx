/** The run history: saved runs with task, strategy, best fitness and date, to open, resume, rename, delete or compare. */

import { useState } from 'react';
import { TASKS, taskName } from '../../data/tasks';
import { STRATEGY_LABELS } from '../../state/comparison-plan';
import type { RunRecord } from '../../state/persist/run-records';
import { formatScore } from '../run/score-text';
import { selectRunActive } from '../run-phase';
import { useApp } from '../store-context';
import { RunCompare } from './RunCompare';
import { useSession, useSessionState } from './session-context';
import { SessionDialog } from './SessionDialog';

const STATUS_TEXT: Record<RunRecord['status'], string> = {
  running: 'interrupted',
  completed: 'finished',
  stopped: 'stopped',
  'time-budget': 'time budget reached',
  failed: 'failed',
};

function RunRow({ run, selected, onSelect, close }: { run: RunRecord; selected: boolean; onSelect(checked: boolean): void; close(): void }) {
  const session = useSession();
  const elsewhere = useSessionState((state) => state.runsElsewhere.includes(run.id));
  const searchActive = useApp(selectRunActive);
  const currentRun = useApp((state) => state.run.runId);
  const [editing, setEditing] = useState(false);
  // Deleting takes a second press, because a saved run cannot be brought back.
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [name, setName] = useState(run.name);
  const interrupted = run.status === 'running' && !elsewhere && currentRun !== run.id;
  const status = run.status === 'running' && (elsewhere || currentRun === run.id) ? 'running' : STATUS_TEXT[run.status];

  // The dialog closes first. An open modal dialog hides the rest of the page from screen
  // readers, so a notice about the opened run would otherwise appear unheard.
  const closeThen = (action: () => Promise<void>) => {
    close();
    void action();
  };

  const rename = async () => {
    setEditing(false);
    if (name.trim() !== '' && name !== run.name) await session.renameRun(run.id, name);
  };

  return (
    <tr>
      <td>
        <input type="checkbox" aria-label={`Compare ${run.name}`} checked={selected} onChange={(event) => onSelect(event.target.checked)} />
      </td>
      <th scope="row" className="runs__name">
        {editing ? (
          <input
            aria-label={`New name for ${run.name}`}
            data-handles-escape
            value={name}
            autoFocus
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => void rename()}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void rename();
              if (event.key === 'Escape') {
                setName(run.name);
                setEditing(false);
              }
            }}
          />
        ) : (
          run.name
        )}
      </th>
      <td>{taskName(run.config.task)}</td>
      <td>{STRATEGY_LABELS[run.strategy] ?? run.strategy}</td>
      <td className="num">{formatScore(run.kind ?? TASKS[run.taskId].kind, run.bestFitness, run.bestFitness)}</td>
      <td className="num">{run.evaluations}</td>
      <td>
        <time dateTime={new Date(run.createdAt).toISOString()}>{new Date(run.createdAt).toLocaleString()}</time>
      </td>
      <td>{status}</td>
      <td className="runs__actions">
        <button type="button" className="button" disabled={searchActive} aria-label={`Open ${run.name}`} onClick={() => closeThen(() => session.openRun(run.id))}>
          Open
        </button>
        {interrupted && (
          <button type="button" className="button" disabled={searchActive} aria-label={`Resume ${run.name}`} onClick={() => closeThen(() => session.resumeRun(run.id))}>
            Resume
          </button>
        )}
        <button type="button" className="button" aria-label={`Rename ${run.name}`} onClick={() => setEditing(true)}>
          Rename
        </button>
        {confirmingDelete ? (
          <>
            <button type="button" className="button button--danger" autoFocus aria-label={`Delete ${run.name} for good`} onClick={() => void session.deleteRun(run.id)}>
              Delete for good
            </button>
            <button type="button" className="button" aria-label={`Keep ${run.name}`} onClick={() => setConfirmingDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button" disabled={currentRun === run.id && searchActive} aria-label={`Delete ${run.name}`} onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

export function RunsDialog() {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useSessionState((state) => state.runs);
  const storage = useSessionState((state) => state.storage);
  const storageMessage = useSessionState((state) => state.storageMessage);
  const close = () => setOpen(false);
  const select = (id: string, checked: boolean) => setSelected((current) => (checked ? [...current.filter((other) => other !== id), id].slice(-2) : current.filter((other) => other !== id)));
  const pair = selected.length === 2 && selected.every((id) => runs.some((run) => run.id === id)) ? (selected as [string, string]) : null;

  return (
    <SessionDialog label="Runs" title="Saved runs" description="Every search is saved in this browser as it runs. Open a run to see its results, resume one that was interrupted, or tick two to compare them." open={open} onOpenChange={setOpen} wide>
      {storageMessage && <p className="runs__storage">{storageMessage}</p>}
      {storage === 'ready' && runs.length === 0 && <p className="runs__empty">No runs saved yet. Start a search and it appears here.</p>}
      {runs.length > 0 && (
        <div className="runs__table-wrap">
          <table className="runs">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Task</th>
                <th scope="col">Strategy</th>
                <th scope="col" className="num">Best fitness</th>
                <th scope="col" className="num">Evaluations</th>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} selected={selected.includes(run.id)} onSelect={(checked) => select(run.id, checked)} close={close} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pair && <p className="runs__hint">Comparing the two runs ticked last: ticking a third unticks the earlier of them.</p>}
      {pair ? <RunCompare ids={pair} /> : runs.length > 1 && <p className="runs__hint">Tick two runs to compare their best fitness and best-so-far curves.</p>}
    </SessionDialog>
  );
}
