/**
 * Saved runs in IndexedDB: one store of run records, one of evaluated candidates and one
 * of generation summaries, the latter two keyed by run id so a run is read or deleted in
 * one range. Every read goes through run-records.ts, which migrates old records and skips
 * ones it cannot read.
 */

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { GenerationSummary } from '../../core/strategy';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import type { RestoreNote } from '../share/share-state';
import {
  RECORD_SCHEMA,
  readCandidateRecord,
  readGenerationRecord,
  readRunRecord,
  type CandidateRecord,
  type GenerationRecord,
  type RunRecord,
} from './run-records';

export const DB_NAME = 'nas-playground';
/** Version 1 creates the three stores; a later version adds a step to `upgrade`. */
export const DB_VERSION = 1;

interface PlaygroundSchema extends DBSchema {
  runs: { key: string; value: unknown };
  candidates: { key: [string, string]; value: unknown; indexes: { runId: string } };
  generations: { key: [string, number]; value: unknown; indexes: { runId: string } };
}

/** A run as read back: its record, every evaluated candidate in evaluation order, and the generation summaries. */
export interface StoredRun {
  readonly record: RunRecord;
  readonly candidates: readonly EvaluatedCandidate[];
  readonly generations: readonly GenerationSummary[];
  readonly notes: readonly RestoreNote[];
}

export class RunDatabase {
  private constructor(private readonly db: IDBPDatabase<PlaygroundSchema>) {}

  /** Opens (and creates or upgrades) the database; rejects when IndexedDB is unavailable, as in some private windows. */
  static async open(): Promise<RunDatabase> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available here, so runs cannot be saved.');
    const db = await openDB<PlaygroundSchema>(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion) {
        // One step per version, applied in order, so a database of any older version reaches the current one.
        if (oldVersion < 1) {
          database.createObjectStore('runs', { keyPath: 'id' });
          database.createObjectStore('candidates', { keyPath: ['runId', 'candidateId'] }).createIndex('runId', 'runId');
          database.createObjectStore('generations', { keyPath: ['runId', 'generation'] }).createIndex('runId', 'runId');
        }
      },
      blocking() {
        // A newer version of the app wants to upgrade the database in another tab: let it.
        db.close();
      },
    });
    return new RunDatabase(db);
  }

  close(): void {
    this.db.close();
  }

  /** Lists saved runs, newest first, with notes on records that were skipped or repaired. */
  async listRuns(): Promise<{ runs: RunRecord[]; notes: RestoreNote[] }> {
    const runs: RunRecord[] = [];
    const notes: RestoreNote[] = [];
    for (const raw of await this.db.getAll('runs')) {
      const read = readRunRecord(raw);
      if (read.ok) runs.push(read.record);
      else notes.push(read.note);
    }
    return { runs: runs.sort((a, b) => b.createdAt - a.createdAt), notes };
  }

  /** Reads one run record without its candidates; null when it is missing or unreadable. */
  async getRecord(id: string): Promise<RunRecord | null> {
    const read = readRunRecord(await this.db.get('runs', id));
    return read.ok ? read.record : null;
  }

  async getRun(id: string): Promise<StoredRun | null> {
    const raw = await this.db.get('runs', id);
    if (raw === undefined) return null;
    const read = readRunRecord(raw);
    if (!read.ok) return null;

    const notes = [...read.notes];
    const candidates: EvaluatedCandidate[] = [];
    for (const value of await this.db.getAllFromIndex('candidates', 'runId', id)) {
      const candidate = readCandidateRecord(value);
      if (candidate.ok) candidates.push(candidate.record.result);
      else notes.push(candidate.note);
    }
    const generations: GenerationSummary[] = [];
    for (const value of await this.db.getAllFromIndex('generations', 'runId', id)) {
      const generation = readGenerationRecord(value);
      if (generation.ok) generations.push(generation.record.summary);
      else notes.push(generation.note);
    }
    candidates.sort((a, b) => a.evaluation - b.evaluation);
    generations.sort((a, b) => a.generation - b.generation);
    return { record: read.record, candidates, generations, notes };
  }

  /** Writes a run record, its new candidates and generations in one transaction. */
  async save(record: RunRecord, candidates: readonly EvaluatedCandidate[] = [], generations: readonly GenerationSummary[] = []): Promise<void> {
    const tx = this.db.transaction(['runs', 'candidates', 'generations'], 'readwrite');
    const writes: Promise<unknown>[] = [tx.objectStore('runs').put(record)];
    for (const result of candidates) {
      const value: CandidateRecord = { schema: RECORD_SCHEMA, runId: record.id, candidateId: result.candidate.id, result };
      writes.push(tx.objectStore('candidates').put(value));
    }
    for (const summary of generations) {
      const value: GenerationRecord = { schema: RECORD_SCHEMA, runId: record.id, generation: summary.generation, summary };
      writes.push(tx.objectStore('generations').put(value));
    }
    await Promise.all([...writes, tx.done]);
  }

  /** Changes fields of a stored run record; does nothing when the run is gone. */
  async updateRun(id: string, change: Partial<Pick<RunRecord, 'name' | 'status' | 'updatedAt'>>): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    const read = readRunRecord(await tx.store.get(id));
    if (read.ok) await tx.store.put({ ...read.record, ...change });
    await tx.done;
  }

  async deleteRun(id: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'candidates', 'generations'], 'readwrite');
    const range = IDBKeyRange.bound([id], [id, []]);
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('candidates').delete(range),
      tx.objectStore('generations').delete(range),
      tx.done,
    ]);
  }
}
