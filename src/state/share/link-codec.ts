/**
 * The share link: a URL fragment `#s=<payload>` where the payload is the v1 JSON (see
 * link-format.ts), compressed with raw DEFLATE and written in base64url, followed by view
 * options such as `&present=1&hide=palette,inspector`.
 *
 * Decoding never throws. Whatever the fragment holds, it returns a restored state, no state,
 * or an error, each with the notes a page shows about what it ignored. The fragment length
 * and the inflated size are capped before any work, so a decompression bomb is rejected
 * after reading at most `MAX_INFLATED_BYTES`.
 */

import { Inflate, deflateSync } from 'fflate';
import { expandPayload, packShare } from './link-format';
import { migratePayload } from './link-migrate';
import { jsonFailureText, parseJsonSafely, type JsonOutcome } from './safe-json';
import { restoreShareState } from './restore-share';
import { DEFAULT_VIEW, PANEL_NAMES, type PanelName, type RestoreNote, type ShareState, type ViewOptions } from './share-state';

/** Chat tools and some mail clients cut or refuse links longer than about this. */
export const LINK_WARN_CHARS = 2_000;
/** Some browsers, proxies and servers reject URLs longer than about this. */
export const LINK_MAX_CHARS = 8_000;
/** Longer fragments are not decoded at all. */
export const MAX_FRAGMENT_CHARS = 32_768;
/** Largest payload JSON the decoder inflates; a typical link contains a few kilobytes. */
export const MAX_INFLATED_BYTES = 256 * 1024;

/** Input is fed to the inflater in slices of this size, so the output is checked against the cap as it grows. */
const INFLATE_SLICE = 512;
/** Notes beyond this many are summed up in one, so a hostile link cannot flood the notice. */
const MAX_NOTES = 40;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type LinkDecodeResult =
  | { readonly kind: 'none'; readonly view: ViewOptions; readonly notes: readonly RestoreNote[] }
  | { readonly kind: 'state'; readonly state: ShareState; readonly view: ViewOptions; readonly notes: readonly RestoreNote[] }
  | { readonly kind: 'error'; readonly error: string; readonly view: ViewOptions; readonly notes: readonly RestoreNote[] };

// ---- bytes and text ----------------------------------------------------------------------

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; null when the text is not valid base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

class InflateLimitError extends Error {}

/** Inflates raw DEFLATE data, stopping as soon as the output passes `cap` bytes. */
export function inflateCapped(compressed: Uint8Array, cap: number): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new InflateLimitError();
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let offset = 0; offset < compressed.length; offset += INFLATE_SLICE) {
      inflater.push(compressed.subarray(offset, offset + INFLATE_SLICE), offset + INFLATE_SLICE >= compressed.length);
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof InflateLimitError) {
      return { ok: false, error: `The link's data expands to more than ${MAX_INFLATED_BYTES / 1024} KiB, more than any real search needs; it was not opened.` };
    }
    // The decompressor's own words ("unexpected EOF" and the like) would not help the reader.
    return { ok: false, error: 'The link\'s data is damaged and cannot be decompressed. It may have been cut short or altered: copy the whole link again.' };
  }
  if (!finished) return { ok: false, error: 'The link ends early: its data is cut short. Copy the whole link again.' };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}

/** Parses the payload JSON; each dropped prototype key is noted. */
function parseJson(text: string, notes: RestoreNote[]): JsonOutcome {
  const parsed = parseJsonSafely(text, (key) => notes.push({ field: key, reason: 'is a reserved name and was dropped.' }));
  return parsed.ok ? parsed : { ok: false, error: jsonFailureText("The link's data", parsed) };
}

// ---- the fragment ---------------------------------------------------------------------------

/** Compresses a share state into the payload of `#s=`. */
export function encodeSharePayload(state: ShareState): string {
  const json = JSON.stringify(packShare(state));
  return toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9, mem: 8 }));
}

/** Writes the URL fragment (without `#`) for a state and view options. */
export function shareFragment(state: ShareState, view: ViewOptions = DEFAULT_VIEW): string {
  const parts = [`s=${encodeSharePayload(state)}`];
  if (view.present) parts.push('present=1');
  if (view.hide.length > 0) parts.push(`hide=${view.hide.join(',')}`);
  return parts.join('&');
}

function splitFragment(fragment: string, notes: RestoreNote[]): Map<string, string> {
  const fields = new Map<string, string>();
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    if (fields.has(key)) notes.push({ field: key.slice(0, 40), reason: 'appears twice in the link; the first value was used.' });
    else fields.set(key, value);
  }
  return fields;
}

function readView(fields: ReadonlyMap<string, string>, notes: RestoreNote[]): ViewOptions {
  const presentValue = fields.get('present');
  let present = false;
  if (presentValue !== undefined) {
    if (presentValue === '1' || presentValue === 'true' || presentValue === '') present = true;
    else if (presentValue !== '0' && presentValue !== 'false') notes.push({ field: 'present', reason: `must be 1 or 0, got "${presentValue.slice(0, 20)}"; it was ignored.` });
  }
  const hide: PanelName[] = [];
  for (const name of (fields.get('hide') ?? '').split(',')) {
    if (name === '') continue;
    if ((PANEL_NAMES as readonly string[]).includes(name)) {
      if (!hide.includes(name as PanelName)) hide.push(name as PanelName);
    } else {
      notes.push({ field: 'hide', reason: `names no panel "${name.slice(0, 20)}"; panels are ${PANEL_NAMES.join(', ')}.` });
    }
  }
  return { present, hide };
}

/** Reads the JSON text of the payload: `s=` (v1, compressed) or `config=` (v0, percent-encoded). */
function payloadText(fields: ReadonlyMap<string, string>): { ok: true; text: string } | { ok: false; error: string } | null {
  const compressed = fields.get('s');
  if (compressed !== undefined) {
    if (compressed === '') return { ok: false, error: 'The link has no data after "#s=": it was cut off when copied. Copy the whole link again.' };
    if (!BASE64URL.test(compressed)) return { ok: false, error: 'The link\'s data contains characters that a share link never has (only A–Z, a–z, 0–9, "-" and "_"). It may have been altered: copy the whole link again.' };
    // Whole base64url text never has 4n + 1 characters. Without its dangling last character,
    // a link cut there decodes to data that ends early, like a link cut anywhere else.
    const bytes = fromBase64Url(compressed.length % 4 === 1 ? compressed.slice(0, -1) : compressed)!;
    const inflated = inflateCapped(bytes, MAX_INFLATED_BYTES);
    if (!inflated.ok) return inflated;
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes) };
    } catch {
      return { ok: false, error: 'The link\'s data is not valid UTF-8 text; it may have been altered.' };
    }
  }
  const legacy = fields.get('config');
  if (legacy !== undefined) {
    try {
      return { ok: true, text: decodeURIComponent(legacy) };
    } catch {
      return { ok: false, error: 'The link contains a malformed percent escape (a "%" not followed by two hex digits); it may have been cut or altered.' };
    }
  }
  return null;
}

/** Keeps the first MAX_NOTES notes and counts the rest in one last note on `source`. */
export function capNotes(notes: readonly RestoreNote[], source = 'link'): RestoreNote[] {
  if (notes.length <= MAX_NOTES) return [...notes];
  return [...notes.slice(0, MAX_NOTES), { field: source, reason: `${notes.length - MAX_NOTES} more values were ignored or changed.` }];
}

/** Decodes a URL fragment (with or without `#`) into a restored share state. Never throws. */
export function decodeShareFragment(fragment: string): LinkDecodeResult {
  const result = decodeFragment(fragment);
  return { ...result, notes: capNotes(result.notes) };
}

function decodeFragment(fragment: string): LinkDecodeResult {
  const notes: RestoreNote[] = [];
  if (fragment.length > MAX_FRAGMENT_CHARS) {
    return { kind: 'error', error: `The link is ${fragment.length.toLocaleString('en-US')} characters long, above the ${MAX_FRAGMENT_CHARS.toLocaleString('en-US')} this app opens.`, view: DEFAULT_VIEW, notes };
  }
  const fields = splitFragment(fragment, notes);
  const view = readView(fields, notes);
  for (const key of fields.keys()) {
    if (!['s', 'config', 'present', 'hide'].includes(key)) notes.push({ field: key.slice(0, 40), reason: 'is not a link option; it was ignored.' });
  }

  const text = payloadText(fields);
  if (text === null) return { kind: 'none', view, notes };
  if (!text.ok) return { kind: 'error', error: text.error, view, notes };
  const json = parseJson(text.text, notes);
  if (!json.ok) return { kind: 'error', error: json.error, view, notes };
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    return { kind: 'error', error: 'The link\'s data is not a search setup (expected a JSON object).', view, notes };
  }

  const migrated = migratePayload(json.value as Record<string, unknown>, notes);
  if (!migrated.ok) return { kind: 'error', error: migrated.error, view, notes };
  try {
    const state = restoreShareState(expandPayload(migrated.payload, notes), notes);
    return { kind: 'state', state, view, notes };
  } catch (error) {
    // NOTE: the restore validates every value it reads, so this is a safety net, not a path the tests reach.
    return { kind: 'error', error: `The link could not be restored: ${error instanceof Error ? error.message : String(error)}`, view, notes };
  }
}
