/** Exhaustive searches recorded in the browser app, rebuilt as run results for the estimator tests. */

import { readFileSync } from 'node:fs';
import { enumerateChains } from '../../src/core/exhaustive';
import type { Candidate } from '../../src/core/strategy';
import { defaultRunConfig } from '../../src/state/config';
import { shapeContextOf } from '../../src/state/graph-context';
import { metrics } from '../ui/run-fixtures';
import type { EvaluatedCandidate } from '../../src/workers/coordinator';
import type { RunConfig } from '../../src/workers/run-config';

interface RecordedRun {
  readonly estimateShown: string;
  readonly pageMs: number;
  readonly coordinatorMs: number;
  readonly results: readonly [generation: number, index: number, finishedAt: number, trainMs: number][];
}

const recorded = JSON.parse(readFileSync(new URL('./recorded-exhaustive-runs.json', import.meta.url), 'utf8')) as Record<'depth1' | 'depth2', RecordedRun>;

export const POPULATION = 8;
export const TRAIN_ROWS = 300;

/** The spiral exhaustive setup of the recorded runs, `maxDepth` layers deep. */
export function recordedConfig(maxDepth: 1 | 2): RunConfig {
  const base = defaultRunConfig('spiral');
  return {
    ...base,
    workers: 2,
    search: { ...base.search, strategy: 'exhaustive', population: POPULATION, candidateSet: { ...base.search.candidateSet, maxDepth } },
  };
}

export interface ReplayedRun extends Omit<RecordedRun, 'results'> {
  readonly config: RunConfig;
  /** Every chain of the space, in enumeration order, as the run's candidates. */
  readonly candidates: readonly Candidate[];
  /** The results in the order they came in. */
  readonly results: readonly EvaluatedCandidate[];
}

/** Rebuilds the recorded run of `maxDepth` layers: its candidates and its results with their recorded times. */
export function recordedRun(maxDepth: 1 | 2): ReplayedRun {
  const run = recorded[maxDepth === 1 ? 'depth1' : 'depth2'];
  const config = recordedConfig(maxDepth);
  const chains = [...enumerateChains(config.search.candidateSet, shapeContextOf(config))];
  const candidates = chains.map((genome, chain): Candidate => {
    const generation = Math.floor(chain / POPULATION);
    return { id: `g${generation}-${chain % POPULATION}`, generation, genome, hash: `chain-${chain}`, origin: { type: 'random' } };
  });
  const results = run.results.map(([generation, index, finishedAt, trainMs], evaluation): EvaluatedCandidate => ({
    candidate: candidates[generation * POPULATION + index],
    metrics: metrics(0.5, { trainMs, epochs: config.training.epochs }),
    fitness: 0.5,
    reused: false,
    worker: evaluation % 2,
    evaluation: evaluation + 1,
    finishedAt,
    epochsTrained: config.training.epochs,
  }));
  return { ...run, config, candidates, results };
}
