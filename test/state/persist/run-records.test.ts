import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../../src/core/genome';
import { defaultRunConfig } from '../../../src/state/config';
import { RECORD_SCHEMA, readCandidateRecord, readGenerationRecord, readRunRecord } from '../../../src/state/persist/run-records';

const config = { ...defaultRunConfig('circles'), seedGenome: chainGenome([{ kind: 'dense', params: { units: 3, activation: 'relu' } }]) };

const current = {
  schema: RECORD_SCHEMA,
  id: 'run-1',
  name: 'circles run',
  createdAt: 10,
  updatedAt: 20,
  status: 'running',
  taskId: 'circles',
  strategy: 'coevolution',
  bestFitness: 0.9,
  evaluations: 12,
  elapsedMs: 3000,
  config,
  positions: [['input', 0, 0]],
};

describe('stored run records', () => {
  it('reads a current record unchanged', () => {
    const read = readRunRecord(current);
    if (!read.ok) throw new Error(read.note.reason);
    expect(read.record).toEqual({ ...current, source: undefined });
    expect(read.notes).toEqual([]);
  });

  it('keeps the final network', () => {
    const genome = config.seedGenome;
    const final = { candidate: { id: 'g1-0-final', generation: 1, genome, hash: 'h', origin: { type: 'random' } }, metrics: null, fitness: 0, failure: 'stopped', reused: false, worker: 0, evaluation: 12 };
    const read = readRunRecord({ ...current, final });
    if (!read.ok) throw new Error(read.note.reason);
    expect(read.record.final).toEqual(final);
    expect(read.notes).toEqual([]);

    const damaged = readRunRecord({ ...current, final: { candidate: 'g1-0-final' } });
    if (!damaged.ok) throw new Error(damaged.note.reason);
    expect(damaged.record.final).toBeUndefined();
    expect(damaged.notes.map((note) => `${note.field}: ${note.reason}`)).toEqual([
      "runs.run-1.final: The saved final network is damaged; it was skipped, so Export saves the search's best candidate instead.",
    ]);
  });

  it('migrates a record without a schema field', () => {
    const { schema: _schema, name: _name, strategy: _strategy, ...old } = current;
    const read = readRunRecord(old);
    if (!read.ok) throw new Error(read.note.reason);
    expect(read.record.schema).toBe(RECORD_SCHEMA);
    expect(read.record.name).toBe('circles · coevolution');
    expect(read.record.strategy).toBe('coevolution');
  });

  it('repairs a config the schema no longer accepts', () => {
    const read = readRunRecord({ ...current, config: { ...config, workers: 99, retired: true } });
    if (!read.ok) throw new Error(read.note.reason);
    expect(read.record.config.workers).toBe(16);
    expect(read.notes.map((note) => `${note.field}: ${note.reason}`).join('\n')).toMatch(/runs\.run-1\.retired: is not a known setting/);
  });

  const skipped: [string, unknown, RegExp][] = [
    ['a newer schema', { ...current, schema: RECORD_SCHEMA + 1 }, /saved by a newer version of the app/],
    ['an invalid schema', { ...current, schema: 'two' }, /invalid schema version two/],
    ['a record without an id', { ...current, id: 7 }, /without an id was skipped/],
  ];
  for (const [name, raw, message] of skipped) {
    it(`skips ${name} with a note`, () => {
      const read = readRunRecord(raw);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.note.reason).toMatch(message);
    });
  }

  it('skips damaged candidates and generations', () => {
    const candidate = readCandidateRecord({ schema: 1, runId: 'run-1', candidateId: 'g0-0', result: { candidate: { id: 'g0-0' } } });
    const generation = readGenerationRecord({ schema: 1, runId: 'run-1', generation: 0, summary: null });
    expect(candidate.ok).toBe(false);
    if (!candidate.ok) expect(candidate.note.reason).toMatch(/"g0-0" is damaged; it was skipped and will be trained again/);
    expect(generation.ok).toBe(false);
    if (!generation.ok) expect(generation.note.reason).toMatch(/generation 0 is damaged/);
  });
});
