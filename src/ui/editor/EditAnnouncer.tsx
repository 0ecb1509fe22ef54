/**
 * A visually hidden live region that announces each edit, undo and redo to screen readers. Adding a
 * layer from the palette, deleting one or undoing an edit changes only the canvas, which a
 * screen reader does not read out, and the focus stays where it was.
 */

import { useState } from 'react';
import type { GraphHistory } from '../../state/graph-history';
import type { GraphModel } from '../../state/graph-model';
import { useApp } from '../store-context';

/** The editor's history with the model it leads to. */
export interface EditorStep {
  readonly history: GraphHistory;
  readonly model: GraphModel;
}

/** Returns the announcement for the step from `before` to `after`, or null for a step that is no edit, undo or redo (a reset history). */
export function editAnnouncement(before: EditorStep, after: EditorStep): string | null {
  // Undo and redo restore the very model that the history kept.
  const undone = before.history.past.at(-1);
  if (undone && after.model === undone.model) return `Undone: ${undone.label}.`;
  const redone = before.history.future.at(-1);
  if (redone && after.model === redone.model) return `Redone: ${redone.label}.`;

  // A new edit records a new entry, even once the history is full and drops its oldest one.
  const latest = after.history.past.at(-1);
  if (latest && latest !== undone && after.history.future.length === 0) return `Edit: ${latest.label}.`;
  return null;
}

export function EditAnnouncer() {
  const history = useApp((state) => state.editor.history);
  const model = useApp((state) => state.editor.model);
  const [seen, setSeen] = useState<EditorStep>({ history, model });
  const [announcement, setAnnouncement] = useState({ message: '', count: 0 });

  // Compared during render, as React recommends for state that follows the store, so the message needs no effect.
  if (seen.history !== history) {
    const step = { history, model };
    setSeen(step);
    const next = editAnnouncement(seen, step);
    if (next !== null) setAnnouncement({ message: next, count: announcement.count + 1 });
  }

  // A screen reader reads a live region only when its content changes, so a repeated message (setting the
  // same units twice, undoing two edits with the same label) would be silent. The key gives each
  // announcement a new node, which the screen reader reads as added content even when its text is the same.
  return (
    <p className="visually-hidden" role="status" data-testid="edit-announcement">
      <span key={announcement.count}>{announcement.message}</span>
    </p>
  );
}
