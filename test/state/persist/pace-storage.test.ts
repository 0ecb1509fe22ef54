import { describe, expect, it } from 'vitest';
import { MAX_PACES, MAX_STARTUP_MS, MAX_WALL_PER_MODEL_MS, PACE_STORAGE_KEY, paceKey, readPaces, storePace } from '../../../src/state/persist/pace-storage';
import { MIN_MEASURED_CANDIDATES } from '../../../src/state/run-pace';
import { defaultRunConfig } from '../../../src/state/config';

/** Creates a Storage backed by a Map, as the browser's localStorage behaves for one origin. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const pace = { wallPerModelMs: 2.3, startupMs: 1_800, candidates: 34 };

describe('pace storage', () => {
  it('keys by backend and task', () => {
    expect(paceKey(defaultRunConfig('spiral'))).toBe('auto:spiral');
  });

  it('reads back a stored pace', () => {
    const storage = memoryStorage();
    storePace({}, 'auto:spiral', pace, storage);
    expect(readPaces(storage)).toEqual({ 'auto:spiral': pace });
  });

  it('drops invalid entries', () => {
    const storage = memoryStorage();
    storage.setItem(PACE_STORAGE_KEY, JSON.stringify({ good: pace, negative: { ...pace, wallPerModelMs: -1 }, text: 'fast', missing: { startupMs: 1 } }));
    expect(readPaces(storage)).toEqual({ good: pace });
  });

  it('drops paces out of range', () => {
    const storage = memoryStorage();
    const stored = {
      good: pace,
      slowest: { ...pace, wallPerModelMs: MAX_WALL_PER_MODEL_MS },
      zeroPace: { ...pace, wallPerModelMs: 0 },
      inflated: { ...pace, wallPerModelMs: MAX_WALL_PER_MODEL_MS * 10 },
      longStartup: { ...pace, startupMs: MAX_STARTUP_MS + 1 },
      noCandidates: { ...pace, candidates: 0 },
      tooFewCandidates: { ...pace, candidates: MIN_MEASURED_CANDIDATES - 1 },
      fractionalCandidates: { ...pace, candidates: 3.5 },
    };
    storage.setItem(PACE_STORAGE_KEY, JSON.stringify(stored));
    expect(Object.keys(readPaces(storage))).toEqual(['good', 'slowest']);
  });

  it('does not store an invalid pace', () => {
    const storage = memoryStorage();
    const table = storePace({}, 'auto:spiral', pace, storage);
    expect(storePace(table, 'auto:xor', { ...pace, candidates: 0 }, storage)).toBe(table);
    expect(Object.keys(readPaces(storage))).toEqual(['auto:spiral']);
  });

  it('reads unreadable storage as empty', () => {
    const storage = memoryStorage();
    storage.setItem(PACE_STORAGE_KEY, '{not json');
    expect(readPaces(storage)).toEqual({});
    storage.setItem(PACE_STORAGE_KEY, '[1, 2]');
    expect(readPaces(storage)).toEqual({});
    expect(readPaces(null)).toEqual({});
  });

  it('keeps the most recent paces', () => {
    const storage = memoryStorage();
    let table = {};
    for (let i = 0; i <= MAX_PACES; i++) table = storePace(table, `auto:task${i}`, pace, storage);
    storePace(table, 'auto:task1', { ...pace, candidates: 99 }, storage);
    const kept = readPaces(storage);
    expect(Object.keys(kept)).toHaveLength(MAX_PACES);
    expect(kept['auto:task0']).toBeUndefined();
    expect(Object.keys(kept).at(-1)).toBe('auto:task1');
    expect(kept['auto:task1'].candidates).toBe(99);
  });
});
