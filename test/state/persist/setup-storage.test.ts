import { describe, expect, it } from 'vitest';
import { analyzeGenome } from '../../../src/core/genome';
import { defaultRunConfig } from '../../../src/state/config';
import { shapeContextOf } from '../../../src/state/graph-context';
import { MAX_STORED_SETUP_CHARS, SETUP_STORAGE_KEY, encodeStoredSetup, readStoredSetup, storeSetup, type StoredSetup } from '../../../src/state/persist/setup-storage';
import { decodeShareFragment, shareFragment } from '../../../src/state/share/link-codec';
import { denseChain, typicalShare } from '../share/fixtures';
import { MemoryStorage } from './memory-storage';

function typicalSetup(): StoredSetup {
  const { config, graph, positions } = typicalShare();
  return { config, graph, positions };
}

function expectSetup(storage: Storage) {
  const read = readStoredSetup(storage);
  if (read.kind !== 'setup') throw new Error(`expected a setup: ${JSON.stringify(read)}`);
  return read;
}

function expectInvalid(storage: Storage) {
  const read = readStoredSetup(storage);
  if (read.kind !== 'invalid') throw new Error(`expected an invalid entry: ${JSON.stringify(read)}`);
  return read;
}

describe('setup storage', () => {
  it('reads back a stored setup', () => {
    const storage = new MemoryStorage();
    expect(storeSetup(typicalSetup(), storage)).toBe('stored');

    const read = expectSetup(storage);
    expect(read.notes).toEqual([]);
    expect(read.setup.config).toEqual(typicalSetup().config);
    expect(read.setup.graph).toEqual(typicalSetup().graph);
    expect([...read.setup.positions!.keys()]).toEqual(typicalSetup().graph.nodes.map((gene) => gene.id));
  });

  it('restores as a link of the same setup', () => {
    const storage = new MemoryStorage();
    storeSetup(typicalSetup(), storage);
    const link = decodeShareFragment(shareFragment({ ...typicalSetup(), results: [] }));
    if (link.kind !== 'state') throw new Error('expected the link to decode');

    const { setup } = expectSetup(storage);
    expect(setup.config).toEqual(link.state.config);
    expect(setup.graph).toEqual(link.state.graph);
    expect(setup.positions).toEqual(link.state.positions);
  });

  it('keeps an unfinished network', () => {
    const storage = new MemoryStorage();
    const { config } = typicalSetup();
    const graph = denseChain(3);
    // The last dense layer loses its input, as while the user is rewiring it.
    const loose = { nodes: graph.nodes.map((gene) => (gene.id === graph.nodes[3].id ? { ...gene, inputs: [] } : gene)) };
    storeSetup({ config, graph: loose }, storage);

    const { setup, notes } = expectSetup(storage);
    expect(notes).toEqual([]);
    expect(setup.graph).toEqual(loose);
    expect(analyzeGenome(setup.graph, shapeContextOf(setup.config)).valid).toBe(false);
  });

  it('reads a missing entry as none', () => {
    expect(readStoredSetup(new MemoryStorage())).toEqual({ kind: 'none' });
    expect(readStoredSetup(null)).toEqual({ kind: 'none' });
  });

  it.each([
    ['text that is not JSON', '{"v":1,', /^The stored setup is not valid JSON \(/],
    ['a list', '[1,2]', /^The stored setup is a list, not a setup/],
    ['a number', '42', /^The stored setup is 42, not a setup/],
    ['an unknown version', '{"v":9,"c":{"t":"xor"}}', /^The stored setup has format version 9, which this version of the app cannot read\.$/],
    ['no version', '{"c":{"t":"xor"}}', /^The stored setup has format version none, which/],
    ['an entry over the cap', `{"v":1,"c":{"t":"${'x'.repeat(MAX_STORED_SETUP_CHARS)}"}}`, /^The stored setup is 65,556 characters long, above the 65,536 this app keeps\.$/],
  ])('drops %s', (_case, text, error) => {
    const storage = new MemoryStorage();
    storage.setItem(SETUP_STORAGE_KEY, text);

    expect(expectInvalid(storage).error).toMatch(error);
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBeNull();
  });

  it('notes values out of range', () => {
    const storage = new MemoryStorage();
    const packed = JSON.parse(encodeStoredSetup(typicalSetup())) as { c: Record<string, unknown> };
    packed.c.t = 'circles';
    packed.c.p = 100_000;
    storage.setItem(SETUP_STORAGE_KEY, JSON.stringify(packed));

    const { setup, notes } = expectSetup(storage);
    expect(setup.config.task.id).toBe('circles');
    expect(setup.config.search.population).toBe(200);
    expect(notes.map((note) => note.field)).toEqual(['search.population']);
    expect(storage.getItem(SETUP_STORAGE_KEY)).not.toBeNull();
  });

  it('replaces a network that does not fit the task', () => {
    const storage = new MemoryStorage();
    const packed = JSON.parse(encodeStoredSetup(typicalSetup())) as { g: { n: unknown[] } };
    // A layer of an unknown kind code cannot be restored, so the network cannot be either.
    packed.g.n = [[0, []], [99, [0]], [1, [1]]];
    storage.setItem(SETUP_STORAGE_KEY, JSON.stringify(packed));

    const { setup, notes } = expectSetup(storage);
    expect(setup.graph.nodes.length).toBeGreaterThan(2);
    expect(notes.map((note) => note.reason).join('\n')).toMatch(/replaced by the starting network/);
  });

  it('removes the old entry when a setup is over the cap', () => {
    const storage = new MemoryStorage();
    storeSetup(typicalSetup(), storage);
    const huge = { config: defaultRunConfig('xor'), graph: denseChain(3_000) };
    expect(encodeStoredSetup(huge).length).toBeGreaterThan(MAX_STORED_SETUP_CHARS);

    expect(storeSetup(huge, storage)).toBe('too-large');
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBeNull();
  });

  it('removes the old entry when the storage is full', () => {
    const storage = new MemoryStorage();
    storeSetup(typicalSetup(), storage);
    storage.full = true;

    expect(storeSetup({ ...typicalSetup(), config: defaultRunConfig('circles') }, storage)).toBe('unavailable');
    expect(storage.getItem(SETUP_STORAGE_KEY)).toBeNull();
    expect(storeSetup(typicalSetup(), null)).toBe('unavailable');
  });
});
