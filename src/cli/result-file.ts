/** The JSON file `--json` writes: the config, every evaluated candidate and the best one. */

import type { Dataset } from '../data/types';
import type { EvaluatedCandidate, RunResult } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';

export const RESULT_FILE_VERSION = 1;

function candidateRecord(evaluated: EvaluatedCandidate) {
  const { candidate, metrics } = evaluated;
  return {
    id: candidate.id,
    generation: candidate.generation,
    hash: candidate.hash,
    origin: candidate.origin,
    genome: candidate.genome,
    fitness: evaluated.fitness,
    metrics,
    failure: evaluated.failure ?? null,
    reused: evaluated.reused,
    worker: evaluated.worker,
    finishedAtMs: evaluated.finishedAt,
  };
}

export function buildResultFile(
  config: RunConfig,
  result: RunResult,
  dataset: Dataset,
  backends: readonly string[],
  startedAt: Date,
) {
  return {
    version: RESULT_FILE_VERSION,
    tool: 'nas-playground',
    startedAt: startedAt.toISOString(),
    status: result.status,
    message: result.message ?? null,
    elapsedMs: result.elapsedMs,
    backends,
    task: {
      id: dataset.task,
      name: dataset.name,
      inputShape: dataset.inputShape,
      outputUnits: dataset.outputUnits,
      counts: { train: dataset.train.count, validation: dataset.validation.count, test: dataset.test.count },
    },
    config,
    generations: result.generations,
    candidates: result.candidates.map(candidateRecord),
    best: result.best ? candidateRecord(result.best) : null,
    final: result.final ? candidateRecord(result.final) : null,
  };
}
