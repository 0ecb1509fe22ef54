/** Small run-state fixtures for the UI helper tests. */

import { chainGenome } from '../../src/core/genome';
import type { Candidate, GenerationSummary } from '../../src/core/strategy';
import { IDLE_RUN, type RunState } from '../../src/state/run-state';
import type { EvaluationMetrics } from '../../src/train/types';
import type { EvaluatedCandidate } from '../../src/workers/coordinator';

export function candidate(generation: number, index: number): Candidate {
  return {
    id: `g${generation}-${index}`,
    generation,
    genome: chainGenome([{ kind: 'dense', params: { units: 4 + index } }]),
    hash: `hash-${generation}-${index}`,
    origin: { type: 'random' },
  };
}

export function metrics(fitness: number, extra: Partial<EvaluationMetrics> = {}): EvaluationMetrics {
  return {
    fitness,
    validationLoss: 0.5,
    validationAccuracy: fitness,
    testLoss: 0.5,
    testAccuracy: fitness - 0.01,
    trainLoss: [0.7, 0.5],
    params: 42,
    flops: 100,
    epochs: 2,
    trainMs: 1500,
    backend: 'cpu',
    ...extra,
  };
}

export function evaluated(source: Candidate, evaluation: number, fitness: number, extra: Partial<EvaluatedCandidate> = {}): EvaluatedCandidate {
  return {
    candidate: source,
    metrics: metrics(fitness),
    fitness,
    reused: false,
    worker: 0,
    evaluation,
    finishedAt: evaluation * 1000,
    ...extra,
  };
}

export function summary(generation: number, networks: [best: number, mean: number], modules?: [number, number]): GenerationSummary {
  const population = (name: 'networks' | 'modules', [best, mean]: [number, number]) => ({
    name,
    best,
    mean,
    worst: 0,
    size: 4,
    species: [],
  });
  return {
    generation,
    populations: modules ? [population('networks', networks), population('modules', modules)] : [population('networks', networks)],
  };
}

export function runState(overrides: Partial<RunState>): RunState {
  return { ...IDLE_RUN, runId: 'run-1', phase: 'running', startedAt: 0, totalGenerations: 2, ...overrides };
}
