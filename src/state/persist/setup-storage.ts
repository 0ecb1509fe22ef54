/**
 * The setup last edited in this browser (config, hand-built graph, canvas positions), kept in
 * localStorage so that a new tab or a browser opened the next day starts on it rather than on
 * the Spiral defaults. A reload of the same tab does not need it, because the address contains
 * that tab's setup.
 *
 * The entry is a link payload (link-format.ts) without results, uncompressed, and it is read
 * back through the same migration and restore as a link, so a stored setup can never open
 * anything that a link could not.
 */

import { capNotes } from '../share/link-codec';
import { expandPayload, packShare } from '../share/link-format';
import { migratePayload } from '../share/link-migrate';
import { restoreShareState } from '../share/restore-share';
import { jsonFailureText, parseJsonSafely } from '../share/safe-json';
import type { RestoreNote, ShareState } from '../share/share-state';

export const SETUP_STORAGE_KEY = 'nas-playground:setup';

/**
 * Maximum length of an entry written or read, in UTF-16 code units. A chain of 200 dense layers, the most
 * a restore accepts, packs to about 9,000 with its canvas positions. The cap leaves room for
 * layers with more parameters and inputs, and keeps a damaged or foreign entry from being parsed.
 */
export const MAX_STORED_SETUP_CHARS = 64 * 1024;

/** The part of a share state that the storage keeps: everything but results. */
export type StoredSetup = Pick<ShareState, 'config' | 'graph' | 'positions'>;

export type StoredSetupRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'setup'; readonly setup: StoredSetup; readonly notes: readonly RestoreNote[] }
  /** The entry could not be read as a setup and was removed; `error` names what was wrong with it. */
  | { readonly kind: 'invalid'; readonly error: string; readonly notes: readonly RestoreNote[] };

export type StoreSetupOutcome = 'stored' | 'too-large' | 'unavailable';

export function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // A browser that blocks site data throws on access.
    return null;
  }
}

/** Writes the text the storage keeps for `setup`. */
export function encodeStoredSetup(setup: StoredSetup): string {
  return JSON.stringify(packShare({ ...setup, results: [] }));
}

/**
 * Keeps `setup` as the last edited one. A setup over `MAX_STORED_SETUP_CHARS`, or one the
 * storage rejects (full, or blocked), removes the older entry instead, so that a new tab never
 * opens on a setup older than the last edit.
 */
export function storeSetup(setup: StoredSetup, storage: Storage | null = localStorageOrNull()): StoreSetupOutcome {
  if (storage === null) return 'unavailable';
  const text = encodeStoredSetup(setup);
  try {
    if (text.length > MAX_STORED_SETUP_CHARS) {
      storage.removeItem(SETUP_STORAGE_KEY);
      return 'too-large';
    }
    storage.setItem(SETUP_STORAGE_KEY, text);
    return 'stored';
  } catch {
    try {
      storage.removeItem(SETUP_STORAGE_KEY);
    } catch {
      // A blocked storage keeps nothing, so there is nothing old to remove either.
    }
    return 'unavailable';
  }
}

/** Reads the stored entry's text; null when there is none or the storage cannot be read. */
function readEntry(storage: Storage | null): string | null {
  try {
    return storage?.getItem(SETUP_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function dropEntry(storage: Storage | null): void {
  try {
    storage?.removeItem(SETUP_STORAGE_KEY);
  } catch {
    // The entry stays, and the next start reports it again.
  }
}

/**
 * Reads the stored setup and validates it as a link's setup is validated. Values out of range
 * are clamped or replaced by defaults and listed in `notes`. A network that does not fit the
 * task is replaced by the task's starting network. An entry that cannot be read as a setup at
 * all is removed from `storage` and returned as `invalid`.
 */
export function readStoredSetup(storage: Storage | null = localStorageOrNull()): StoredSetupRead {
  const text = readEntry(storage);
  if (text === null) return { kind: 'none' };
  const read = decodeStoredSetup(text);
  if (read.kind === 'invalid') dropEntry(storage);
  return read;
}

function decodeStoredSetup(text: string): StoredSetupRead {
  const notes: RestoreNote[] = [];
  if (text.length > MAX_STORED_SETUP_CHARS) {
    return { kind: 'invalid', error: `The stored setup is ${text.length.toLocaleString('en-US')} characters long, above the ${MAX_STORED_SETUP_CHARS.toLocaleString('en-US')} this app keeps.`, notes };
  }
  const json = parseJsonSafely(text, (key) => notes.push({ field: key, reason: 'is a reserved name and was dropped.' }));
  if (!json.ok) return { kind: 'invalid', error: jsonFailureText('The stored setup', json), notes };
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    const found = Array.isArray(json.value) ? 'a list' : JSON.stringify(json.value);
    return { kind: 'invalid', error: `The stored setup is ${found}, not a setup (a JSON object).`, notes };
  }

  const payload = json.value as Record<string, unknown>;
  const migrated = migratePayload(payload, notes);
  if (!migrated.ok) {
    const version = JSON.stringify(Object.hasOwn(payload, 'v') ? payload.v : payload.version) ?? 'none';
    return { kind: 'invalid', error: `The stored setup has format version ${version}, which this version of the app cannot read.`, notes };
  }
  try {
    const state = restoreShareState(expandPayload(migrated.payload, notes), notes);
    return { kind: 'setup', setup: { config: state.config, graph: state.graph, positions: state.positions }, notes: capNotes(notes, 'stored setup') };
  } catch (error) {
    // NOTE: the restore validates every value it reads, so this is a safety net that no test reaches.
    return { kind: 'invalid', error: `The stored setup could not be restored: ${error instanceof Error ? error.message : String(error)}`, notes: capNotes(notes, 'stored setup') };
  }
}
