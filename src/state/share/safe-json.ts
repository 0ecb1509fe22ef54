/** JSON parsing for untrusted text (links, imported files) that cannot reach an object's prototype. */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; error: string };

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
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
