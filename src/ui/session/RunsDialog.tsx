/** The run history: saved runs with task, strategy, best fitness and date, to open, resume, rename, delete or compare. */

import { useEffect, useRef, useState } from 'react';
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

interface RunRowProps {
  readonly run: RunRecord;
  readonly selected: boolean;
  onSelect(checked: boolean): void;
  /** Deletes the run for good, and the list then moves the focus to the next row. */
  onDelete(): void;
  close(): void;
}

/** The row's control that takes the focus when its rename or delete confirmation ends, because the input or button that had it goes. */
type FocusAfterEdit = 'rename' | 'delete' | null;

function RunRow({ run, selected, onSelect, onDelete, close }: RunRowProps) {
  const session = useSession();
  const elsewhere = useSessionState((state) => state.runsElsewhere.includes(run.id));
  const searchActive = useApp(selectRunActive);
  const currentRun = useApp((state) => state.run.runId);
  const [editing, setEditing] = useState(false);
  // Deleting takes a second press, because a saved run cannot be brought back.
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [name, setName] = useState(run.name);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const focusAfterEdit = useRef<FocusAfterEdit>(null);
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

  // Without this, the focus falls on the dialog itself, and a screen reader reads all of it again.
  useEffect(() => {
    const targets = { rename: renameButton.current, delete: deleteButton.current };
    const target = focusAfterEdit.current === null ? null : targets[focusAfterEdit.current];
    if (!target) return;
    focusAfterEdit.current = null;
    target.focus();
  });

  return (
    <tr data-run-id={run.id}>
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
              if (event.key === 'Enter') {
                // Otherwise the Enter would go on to press the Rename button, which has the focus by then.
                event.preventDefault();
                focusAfterEdit.current = 'rename';
                void rename();
              }
              if (event.key === 'Escape') {
                focusAfterEdit.current = 'rename';
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
        <button type="button" className="button" ref={renameButton} data-action="rename" aria-label={`Rename ${run.name}`} onClick={() => setEditing(true)}>
          Rename
        </button>
        {confirmingDelete ? (
          <>
            <button type="button" className="button button--danger" autoFocus aria-label={`Delete ${run.name} for good`} onClick={onDelete}>
              Delete for good
            </button>
            <button
              type="button"
              className="button"
              aria-label={`Keep ${run.name}`}
              onClick={() => {
                focusAfterEdit.current = 'delete';
                setConfirmingDelete(false);
              }}
            >
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button"
            ref={deleteButton}
            data-action="delete"
            disabled={currentRun === run.id && searchActive}
            aria-label={`Delete ${run.name}`}
            onClick={() => setConfirmingDelete(true)}
          >
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
  const session = useSession();
  const close = () => setOpen(false);
  const select = (id: string, checked: boolean) => setSelected((current) => (checked ? [...current.filter((other) => other !== id), id].slice(-2) : current.filter((other) => other !== id)));
  const table = useRef<HTMLTableElement>(null);
  const emptyMessage = useRef<HTMLParagraphElement>(null);
  // The deleted run and its row number, until the list has dropped it and the focus has moved on.
  const deleting = useRef<{ readonly id: string; readonly index: number } | null>(null);
  const pair = selected.length === 2 && selected.every((id) => runs.some((run) => run.id === id)) ? (selected as [string, string]) : null;

  const deleteRun = (id: string) => {
    deleting.current = { id, index: runs.findIndex((run) => run.id === id) };
    void session.deleteRun(id);
  };

  // The focus goes to the row that took the deleted row's place, else the one above, else the empty list's message.
  useEffect(() => {
    const deleted = deleting.current;
    if (!deleted || runs.some((run) => run.id === deleted.id)) return;
    deleting.current = null;
    const next = runs[Math.min(deleted.index, runs.length - 1)];
    if (!next) {
      emptyMessage.current?.focus();
      return;
    }
    const row = table.current?.querySelector(`tr[data-run-id="${CSS.escape(next.id)}"]`);
    const target = row?.querySelector<HTMLElement>('button[data-action="delete"]:enabled') ?? row?.querySelector<HTMLElement>('button[data-action="rename"]');
    target?.focus();
  });

  return (
    <SessionDialog label="Runs" title="Saved runs" description="Every search is saved in this browser as it runs. Open a run to see its results, resume one that was interrupted, or tick two to compare them." open={open} onOpenChange={setOpen} wide>
      {storageMessage && <p className="runs__storage">{storageMessage}</p>}
      {storage === 'ready' && runs.length === 0 && (
        <p className="runs__empty" ref={emptyMessage} tabIndex={-1}>
          No runs saved yet. Start a search and it appears here.
        </p>
      )}
      {runs.length > 0 && (
        <div className="runs__table-wrap">
          <table className="runs" ref={table}>
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
                <RunRow key={run.id} run={run} selected={selected.includes(run.id)} onSelect={(checked) => select(run.id, checked)} onDelete={() => deleteRun(run.id)} close={close} />
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
