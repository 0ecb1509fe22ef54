/**
 * Keeps the loaded data file in the tab's session storage, so that a reload, whose address
 * still names the data-file task, finds its rows again. Other tabs and shared links do not
 * get the file.
 */

import { setDataFile, type DataFileText } from '../data/tasks';

const STORAGE_KEY = 'nas-playground.data-file';

/**
 * Remembers `file` for reloads of this tab. Returns false when the storage cannot keep it:
 * a file over its quota of a few MB must be chosen again after a reload.
 */
export function rememberDataFile(file: DataFileText): boolean {
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify({ name: file.name, text: file.text }));
    return true;
  } catch {
    globalThis.sessionStorage?.removeItem(STORAGE_KEY);
    return false;
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
