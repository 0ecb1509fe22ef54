/**
 * Saves the search run of the app store as it goes: the run record when it starts, then
 * each evaluated candidate and generation summary, written in batches so a busy search
 * costs one IndexedDB transaction per interval. A page that closes loses at most the last
 * interval, which a resumed run trains again.
 */

import type { GenerationSummary } from '../../core/strategy';
import { TASKS, taskOf } from '../../data/tasks';
import { STRATEGY_LABELS } from '../comparison-plan';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import type { RunState } from '../run-state';
import type { AppState, AppStore } from '../store';
import type { RunDatabase } from './run-db';
import { RECORD_SCHEMA, type RunRecord } from './run-records';

/** Run ids of runs that are only shown (shared or reopened results) start with this; they are not saved again. */
export const VIEW_RUN_PREFIX = 'view:';

export const isViewOnlyRun = (runId: string | null): boolean => runId === null || runId.startsWith(VIEW_RUN_PREFIX);

export interface RecorderOptions {
  /** Milliseconds between batched writes while a run goes on. */
  readonly flushIntervalMs?: number;
  readonly onError?: (message: string) => void;
  /** Called after each write, for example to refresh the run history. */
  readonly onSaved?: (runId: string) => void;
  /** Returns whether a run replays a shared link's search, so that its saved name can state it. */
  readonly isReplay?: (runId: string) => boolean;
}

/** The start of a replay's name, which sets it apart from the user's own runs in the Runs list. */
export const REPLAY_NAME_PREFIX = 'Replay of link · ';

interface Tracked {
  readonly runId: string;
  /** The record as first written, or as found when the run resumed. */
  base: RunRecord | null;
  readonly fresh: RunRecord;
  written: { evaluations: number; generations: number };
  pending: { candidates: EvaluatedCandidate[]; generations: GenerationSummary[] };
  latest: RunState;
}

/**
 * Cuts a data file's name to `max` characters (60, or less after the replay prefix), so that a
 * run's name keeps its strategy, seed and time within 120.
 */
function shortFileName(file: string | undefined, max: number): string | undefined {
  return file !== undefined && file.length > max ? `${file.slice(0, max - 1)}…` : file;
}

function freshRecord(state: AppState, runId: string, replay: boolean): RunRecord {
  const now = Date.now();
  const prefix = replay ? REPLAY_NAME_PREFIX : '';
  const task = shortFileName(state.config.task.file, 60 - prefix.length) ?? TASKS[state.config.task.id].name;
  return {
    schema: RECORD_SCHEMA,
    id: runId,
    // The task and strategy are named as the page names them. The start time, in the reader's
    // locale like the Runs table's dates, distinguishes runs of the same task, strategy and seed.
    name: `${prefix}${task} · ${STRATEGY_LABELS[state.config.search.strategy]} · seed ${state.config.search.seed} · ${new Date(now).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`,
    createdAt: now,
    updatedAt: now,
    status: 'running',
    taskId: state.config.task.id,
    strategy: state.config.search.strategy,
    bestFitness: null,
    kind: taskOf(state.config.task).kind,
    evaluations: 0,
    elapsedMs: 0,
    config: { ...state.config, seedGenome: state.graph },
    positions: [...state.editor.model.positions].map(([id, at]) => [id, at.x, at.y] as const),
    ...(replay ? { source: 'replay' as const } : {}),
  };
}

export class RunRecorder {
  private tracked: Tracked | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AppStore,
    private readonly db: RunDatabase,
    private readonly options: RecorderOptions = {},
  ) {}

  /** Starts following the store; returns a function that stops following it. */
  start(): () => void {
    return this.store.subscribe((state, previous) => {
      if (state.run !== previous.run) this.observe(state);
    });
  }

  /** Writes everything pending now; resolves once it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const tracked = this.tracked;
    if (tracked) this.writing = this.writing.then(() => this.write(tracked));
    return this.writing;
  }

  private observe(state: AppState): void {
    const run = state.run;
    if (isViewOnlyRun(run.runId) || run.phase === 'idle' || run.phase === 'starting') return;
    if (this.tracked?.runId !== run.runId) {
      if (this.tracked) void this.flush();
      this.tracked = {
        runId: run.runId!,
        base: null,
        fresh: freshRecord(state, run.runId!, this.options.isReplay?.(run.runId!) ?? false),
        written: { evaluations: 0, generations: 0 },
        pending: { candidates: [], generations: [] },
        latest: run,
      };
    }
    const tracked = this.tracked;
    tracked.latest = run;
    tracked.pending.candidates.push(...run.evaluations.slice(tracked.written.evaluations));
    tracked.pending.generations.push(...run.generations.slice(tracked.written.generations));
    tracked.written = { evaluations: run.evaluations.length, generations: run.generations.length };

    if (run.phase === 'finished') void this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs ?? 1000);
  }

  private async write(tracked: Tracked): Promise<void> {
    const candidates = tracked.pending.candidates.splice(0);
    const generations = tracked.pending.generations.splice(0);
    const run = tracked.latest;
    try {
      tracked.base ??= (await this.db.getRecord(tracked.runId)) ?? tracked.fresh;
      const record: RunRecord = {
        ...tracked.base,
        updatedAt: Date.now(),
        status: run.phase === 'finished' ? (run.outcome ?? 'stopped') : 'running',
        bestFitness: run.best?.metrics ? run.best.fitness : tracked.base.bestFitness,
        evaluations: run.evaluations.length,
        elapsedMs: run.elapsedMs,
        final: run.final ?? tracked.base.final,
      };
      await this.db.save(record, candidates, generations);
      this.options.onSaved?.(tracked.runId);
    } catch (error) {
      this.options.onError?.(`Saving run ${tracked.runId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
