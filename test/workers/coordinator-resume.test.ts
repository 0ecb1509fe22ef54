import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset } from '../../src/data/types';
import { defaultRunConfig } from '../../src/state/config';
import { SearchCoordinator, type EvaluatedCandidate, type PreviousResult, type RunEvent, type RunResult } from '../../src/workers/coordinator';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import { WorkerPool, type Job } from '../../src/workers/pool';
import type { RunConfig } from '../../src/workers/run-config';

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.terminate();
});

function config(): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 200 },
    search: { ...base.search, generations: 3, population: 4, modulePopulation: 6, seed: 23 },
    training: { ...base.training, epochs: 3, batchSize: 32 },
    backend: 'wasm',
    workers: 1,
  };
}

interface Session {
  readonly result: RunResult;
  readonly events: RunEvent[];
  /** Candidate ids the pool was asked to train. */
  readonly trainedIds: string[];
}

async function runSession(
  dataset: Dataset,
  options: { previousResults?: ReadonlyMap<string, PreviousResult>; previousElapsedMs?: number; stopAfter?: number } = {},
): Promise<Session> {
  const pool = await WorkerPool.start({ size: 1, backend: 'wasm', dataset, factory: nodeWorkerFactory });
  pools.push(pool);
  const trainedIds: string[] = [];
  const countingPool = {
    size: pool.size,
    run: (job: Job) => {
      trainedIds.push(job.candidateId);
      return pool.run(job);
    },
    cancelRun: (runId: string) => pool.cancelRun(runId),
  };
  const events: RunEvent[] = [];
  const coordinator = new SearchCoordinator({
    runId: 'resume',
    config: config(),
    dataset,
    pool: countingPool,
    previousResults: options.previousResults,
    previousElapsedMs: options.previousElapsedMs,
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'candidate-evaluated' && event.result.evaluation === options.stopAfter) coordinator.stop();
    },
  });
  const result = await coordinator.run();
  pool.terminate();
  return { result, events, trainedIds };
}

/** What a page saves as it goes: the first result of each architecture, keyed by hash. */
function savedResults(candidates: readonly EvaluatedCandidate[]): Map<string, PreviousResult> {
  const saved = new Map<string, PreviousResult>();
  for (const evaluated of candidates) {
    if (!evaluated.reused && !saved.has(evaluated.candidate.hash)) saved.set(evaluated.candidate.hash, evaluated);
  }
  return saved;
}

function trace(result: RunResult) {
  return result.candidates.map((c) => ({ id: c.candidate.id, hash: c.candidate.hash, fitness: c.fitness, loss: c.metrics?.validationLoss }));
}

describe('SearchCoordinator resume', () => {
  it('continues a stopped run from its saved results', async () => {
    const dataset = await loadDataset(config().task, nodeAssetReader());
    const full = await runSession(dataset);
    const interrupted = await runSession(dataset, { stopAfter: 5 });
    const saved = savedResults(interrupted.result.candidates);
    const resumed = await runSession(dataset, { previousResults: saved, previousElapsedMs: 60_000 });

    expect(full.result.status).toBe('completed');
    expect(interrupted.result.status).toBe('stopped');
    expect(resumed.result.status).toBe('completed');
    expect(trace(resumed.result)).toEqual(trace(full.result));
    expect(resumed.result.best?.candidate.hash).toBe(full.result.best?.candidate.hash);

    const savedIds = new Set(interrupted.result.candidates.map((c) => c.candidate.id));
    expect(resumed.trainedIds.some((id) => savedIds.has(id))).toBe(false);
    expect(resumed.trainedIds.length).toBe(full.trainedIds.length - saved.size);
  });

  it('marks restored results and keeps counting time', async () => {
    const dataset = await loadDataset(config().task, nodeAssetReader());
    const first = await runSession(dataset, { stopAfter: 3 });
    const resumed = await runSession(dataset, { previousResults: savedResults(first.result.candidates), previousElapsedMs: 60_000 });
    const evaluated = resumed.events.flatMap((event) => (event.type === 'candidate-evaluated' ? [event.result] : []));
    const finished = resumed.events.at(-1);

    // A saved architecture that comes up again within the saved part counts as reused, as it did first time.
    expect(evaluated.slice(0, 3).every((result) => result.restored === true || result.reused)).toBe(true);
    expect(evaluated[0].restored).toBe(true);
    expect(evaluated.slice(3).some((result) => result.restored === true)).toBe(false);
    expect(evaluated.map((result) => result.evaluation)).toEqual(evaluated.map((_, index) => index + 1));
    expect(evaluated.every((result) => result.finishedAt >= 60_000)).toBe(true);
    expect(finished?.type).toBe('run-finished');
    if (finished?.type === 'run-finished') expect(finished.trained).toBe(resumed.trainedIds.length);
  });
});
