/**
 * Keeps the loaded data file in the tab's session storage, so that a reload, whose address
 * still names the data-file task, finds its rows again. Other tabs and shared links do not
 * get the file.
 */

import { setDataFile, type DataFileText } from '../data/tasks';

const STORAGE_KEY = 'nas-playground.data-file';

/** Remembers `file` for reloads of this tab; a file too large for the storage is not kept. */
export function rememberDataFile(file: DataFileText): void {
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify({ name: file.name, text: file.text }));
  } catch {
    // Over the storage quota (a few MB): after a reload, the file must be chosen again.
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  }
}

/** Loads the file this tab remembered, if any; one that no longer reads is forgotten. */
export function restoreDataFile(): void {
  const stored = globalThis.sessionStorage?.getItem(STORAGE_KEY);
  if (!stored) return;
  try {
    const file = JSON.parse(stored) as DataFileText;
    setDataFile({ name: String(file.name), text: String(file.text) });
  } catch {
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  }
}
