import { describe, expect, it } from 'vitest';
import { nodeAssetReader } from '../../../src/data/node-assets';
import type { RunDatabase } from '../../../src/state/persist/run-db';
import { REPLAY_NAME_PREFIX, RunRecorder } from '../../../src/state/persist/run-recorder';
import { readRunRecord, type RunRecord } from '../../../src/state/persist/run-records';
import { createAppStore } from '../../../src/state/store';
import { nodeWorkerFactory } from '../../../src/workers/node-pool';

/** Keeps saved records in memory: IndexedDB does not exist in Node, and the recorder uses only these two calls. */
function memoryDatabase() {
  const records = new Map<string, RunRecord>();
  const database = {
    getRecord: (id: string) => Promise.resolve(records.get(id) ?? null),
    save: (record: RunRecord) => {
      records.set(record.id, record);
      return Promise.resolve();
    },
  };
  return { records, database: database as unknown as RunDatabase };
}

/** Records one run that starts and finishes in the store, and returns its saved record. */
async function recordRun(runId: string, replays: readonly string[]): Promise<RunRecord> {
  const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
  const { records, database } = memoryDatabase();
  const recorder = new RunRecorder(app, database, { isReplay: (id) => replays.includes(id) });
  const stop = recorder.start();
  const run = app.getState().run;
  app.setState({ run: { ...run, runId, phase: 'running' } });
  app.setState({ run: { ...run, runId, phase: 'finished', outcome: 'completed' } });
  await recorder.flush();
  stop();
  return records.get(runId)!;
}

describe('RunRecorder', () => {
  it('names a replay of a link', async () => {
    const record = await recordRun('run-replay', ['run-replay']);
    expect(record.name.startsWith(REPLAY_NAME_PREFIX)).toBe(true);
    expect(record.name).toMatch(/^Replay of link · Spiral · Coevolution · seed \d+ · /);
    expect(record.source).toBe('replay');
  });

  it('names an own run without the prefix', async () => {
    const record = await recordRun('run-own', ['run-replay']);
    expect(record.name).toMatch(/^Spiral · Coevolution · seed \d+ · /);
    expect(record.source).toBeUndefined();
  });

  it('keeps the replay marker when read back', async () => {
    const record = await recordRun('run-replay', ['run-replay']);
    const read = readRunRecord(JSON.parse(JSON.stringify(record)));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.record.source).toBe('replay');
  });
});
