/** The files the Export menu offers, built from what the app store shows. */

import { deriveSeed } from '../../core/rng';
import { loadedDataFile, taskOf } from '../../data/tasks';
import type { Dataset } from '../../data/types';
import type { EvaluatedCandidate, RunStatus } from '../../workers/coordinator';
import type { ExportRequest } from '../../workers/export-protocol';
import { buildGenomeFile } from '../files/genome-file';
import { kerasPythonCode } from '../files/keras-code';
import { leaderboardCsv } from '../files/leaderboard-csv';
import { buildRunFile } from '../files/run-file';
import { shapeContextOf } from '../graph-context';
import { withEditorIds } from '../graph-model';
import { leaderboard } from '../run-state';
import type { AppState } from '../store';

/** The candidate the best-network exports use: the retrained final network when there is one. */
export const exportedCandidate = (state: AppState): EvaluatedCandidate | null => state.run.final ?? state.run.best;

const stamp = (state: AppState): string => `${state.config.task.id}-seed${state.config.search.seed}`;

export function runFileName(state: AppState): string {
  return `nas-run-${stamp(state)}.json`;
}

export function runFileText(state: AppState): string {
  const run = state.run;
  let status: RunStatus | 'running' = 'running';
  if (run.phase === 'finished') status = run.outcome ?? 'stopped';
  else if (run.phase === 'idle') status = 'stopped';
  const file = buildRunFile({
    config: { ...state.config, seedGenome: state.graph },
    positions: state.editor.model.positions,
    status,
    message: run.message,
    elapsedMs: run.elapsedMs,
    startedAt: new Date(run.startedAt ?? Date.now()),
    evaluations: run.evaluations,
    generations: run.generations,
    best: run.best,
    final: run.final,
    counts: state.dataset ? { train: state.dataset.train, validation: state.dataset.validation, test: state.dataset.test } : null,
  });
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function leaderboardCsvText(state: AppState): string {
  return leaderboardCsv(leaderboard(state.run, Number.POSITIVE_INFINITY));
}

export function genomeFileText(state: AppState, candidate: EvaluatedCandidate): string {
  return `${JSON.stringify(buildGenomeFile(candidate, state.config.task.id, shapeContextOf(state.config)), null, 2)}\n`;
}

/** The standardisations of a data set's features and, for a regression file, of its targets. */
export type DatasetScalings = Pick<Dataset, 'scaling' | 'targetScaling'>;

/**
 * Writes the Keras code of `candidate`. Standardised features and targets take their scaling
 * from `scalings`, or from the data set this page last loaded when it is this task's.
 */
export function kerasCodeText(state: AppState, candidate: EvaluatedCandidate, scalings = loadedScalings(state)): string {
  const task = taskOf(state.config.task);
  const fitness = task.kind === 'regression' ? `validation R² ${candidate.fitness.toFixed(3)}` : `${(candidate.fitness * 100).toFixed(1)}% validation accuracy`;
  // Layers get the names the editor gives them when the network opens there, not the search's internal ids.
  return kerasPythonCode(withEditorIds(candidate.candidate.genome), shapeContextOf(state.config), {
    title: `NAS Playground candidate ${candidate.candidate.id} on ${task.name} (${fitness}).`,
    taskKind: task.kind,
    // A final network's retraining ran for other epochs than the search's candidates.
    training: { ...state.config.training, epochs: candidate.metrics?.epochs ?? state.config.training.epochs },
    inputScaling: scalings?.scaling,
    scalingUnknown: task.standardised === true && scalings?.scaling === undefined,
    targetScaling: scalings?.targetScaling,
  });
}

/** Returns the scalings of the data set this page last loaded, when it is the task's now. */
export function loadedScalings(state: AppState): DatasetScalings | undefined {
  return state.dataset?.task === state.config.task.id ? { scaling: state.dataset.scaling, targetScaling: state.dataset.targetScaling } : undefined;
}

/**
 * Builds the request that trains `candidate` as the run did: the search's settings and seed, or
 * for the retrained final network, all training rows up to the epoch whose weights were scored
 * (`finalEpochs` when the result does not record it).
 */
export function modelExportRequest(state: AppState, candidate: EvaluatedCandidate, assetBaseUrl: string, wasmPaths: Record<string, string>, probabilities: boolean): ExportRequest {
  const { config } = state;
  const final = candidate === state.run.final && config.finalEpochs > 0;
  // The scored weights are those after the best epoch. A time budget can stop the final
  // retraining before finalEpochs, and more epochs could then find a different best.
  const finalEpochs = candidate.metrics?.bestEpoch ?? config.finalEpochs;
  const settings = final ? { ...config.training, epochs: finalEpochs, maxTrainRows: 0 } : config.training;
  const seed = deriveSeed(config.search.seed, final ? 'final' : 'train', candidate.candidate.hash);
  const dataFile = config.task.id === 'custom' ? (loadedDataFile() ?? undefined) : undefined;
  return { type: 'export', backend: config.backend, wasmPaths, assetBaseUrl, task: config.task, dataFile, genome: candidate.candidate.genome, settings, seed, keepBestEpoch: final, probabilities };
}
