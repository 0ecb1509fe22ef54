/** JSON parsing for untrusted text (links, imported files) that cannot reach an object's prototype. */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: boolean };

/** Parses JSON, dropping every `__proto__`, `constructor` and `prototype` key; `onDropped` hears each one. */
export function parseJsonSafely(text: string, onDropped: (key: string) => void = () => {}): JsonOutcome {
  try {
    const value: unknown = JSON.parse(text, (key, inner: unknown) => {
      if (!FORBIDDEN_KEYS.has(key)) return inner;
      onDropped(key);
      return undefined;
    });
    return { ok: true, value };
  } catch (error) {
    // Valid JSON nested thousands of levels deep exhausts the parser's stack and throws a RangeError.
    return { ok: false, error: error instanceof Error ? error.message : String(error), tooDeep: error instanceof RangeError };
  }
}

/** Writes why `subject` (such as "The file") could not be parsed, as one sentence. */
export function jsonFailureText(subject: string, failure: { error: string; tooDeep?: boolean }): string {
  if (failure.tooDeep) return `${subject} nests its values too deeply to read, and files of this app nest only a few levels; check that it is the right file.`;
  return `${subject} is not valid JSON (${failure.error}).`;
}
