/**
 * Undo and redo for the graph model: two stacks of snapshots, each labelled with the change
 * that separates it from its neighbour. Models are copy-on-write, so a snapshot shares every
 * untouched gene with the models around it and costs little.
 */

import type { GraphModel } from './graph-model';

export interface HistoryEntry {
  readonly label: string;
  readonly model: GraphModel;
}

export interface GraphHistory {
  /** Models before each applied change, oldest first; `label` names that change. */
  readonly past: readonly HistoryEntry[];
  /** Models after each undone change, the next one to redo last. */
  readonly future: readonly HistoryEntry[];
}

/** Number of edits kept for undo; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export const EMPTY_HISTORY: GraphHistory = { past: [], future: [] };

/** Records that `label` turned `before` into the present model, and clears the redo stack. */
export function recordEdit(history: GraphHistory, label: string, before: GraphModel): GraphHistory {
  const past = [...history.past, { label, model: before }];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

export interface HistoryStep {
  readonly history: GraphHistory;
  readonly model: GraphModel;
  readonly label: string;
}

/** Steps back one edit from `present`, or returns null when there is nothing to undo. */
export function undoEdit(history: GraphHistory, present: GraphModel): HistoryStep | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [...history.future, { label: entry.label, model: present }] },
    model: entry.model,
    label: entry.label,
  };
}

/** Steps forward one undone edit from `present`, or returns null when there is nothing to redo. */
export function redoEdit(history: GraphHistory, present: GraphModel): HistoryStep | null {
  const entry = history.future[history.future.length - 1];
  if (!entry) return null;
  return {
    history: { past: [...history.past, { label: entry.label, model: present }], future: history.future.slice(0, -1) },
    model: entry.model,
    label: entry.label,
  };
}
