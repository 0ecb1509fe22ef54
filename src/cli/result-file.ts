/** The JSON file `--json` writes: the config, every evaluated candidate and the best one. */

import type { Dataset } from '../data/types';
import { resultCandidateRecord } from '../state/files/run-file';
import type { RunResult } from '../workers/coordinator';
import type { RunConfig } from '../workers/run-config';

export const RESULT_FILE_VERSION = 1;

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
    candidates: result.candidates.map(resultCandidateRecord),
    best: result.best ? resultCandidateRecord(result.best) : null,
    final: result.final ? resultCandidateRecord(result.final) : null,
  };
}
