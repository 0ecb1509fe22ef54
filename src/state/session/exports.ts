/** The files the Export menu offers, built from what the app store shows. */

import { canonicalHash } from '../../core/canonical';
import { analyzeGenome, type Genome } from '../../core/genome';
import type { ShapeContext } from '../../core/layers';
import { deriveSeed } from '../../core/rng';
import { slotTrainingProblem } from '../../core/template';
import { loadedDataFile, taskOf } from '../../data/tasks';
import type { Dataset } from '../../data/types';
import type { EvaluatedCandidate, RunStatus } from '../../workers/coordinator';
import type { ExportRequest } from '../../workers/export-protocol';
import type { RunConfig } from '../../workers/run-config';
import { buildGenomeFile, buildNetworkGenomeFile } from '../files/genome-file';
import { kerasPythonCode } from '../files/keras-code';
import { leaderboardCsv } from '../files/leaderboard-csv';
import { buildRunFile } from '../files/run-file';
import { shapeContextOf } from '../graph-context';
import { withEditorIds } from '../graph-model';
import { leaderboard, type RunState } from '../run-state';
import type { AppState } from '../store';

/** Returns the candidate the best-network exports use: the retrained final network when there is one. */
const exportedOf = (run: Pick<RunState, 'best' | 'final'>): EvaluatedCandidate | null => run.final ?? run.best;

/** The candidate the best-network exports use: the retrained final network when there is one. */
export const exportedCandidate = (state: AppState): EvaluatedCandidate | null => exportedOf(state.run);

/**
 * The network in the editor, which Export offers beside the best network when the two differ.
 * It is a candidate opened from the run, or the user's own network. The search's best counts
 * as opened when the final retraining kept another architecture.
 */
export interface EditorNetwork {
  readonly genome: Genome;
  /** The run's evaluation of this architecture, or null for a network the run shown did not train. */
  readonly result: EvaluatedCandidate | null;
  /** The reason the network cannot be built or trained, or null. A network with module slots can still be saved as a genome. */
  readonly problem: string | null;
  /** Whether the problem also rules out the genome file: an invalid graph, not only unfilled module slots. */
  readonly invalid: boolean;
}

/**
 * Returns the editor's network for Export, or null when it is the network the best-network
 * section saves already (the final network when there is one). The run's candidates are
 * matched by canonical hash, since the editor renames the layers of a network it opens.
 */
export function editorNetwork(graph: Genome, run: Pick<RunState, 'evaluations' | 'best' | 'final'>, context: ShapeContext): EditorNetwork | null {
  const hash = canonicalHash(graph);
  if (exportedOf(run)?.candidate.hash === hash) return null;
  const result = run.evaluations.find((evaluation) => !evaluation.reused && evaluation.candidate.hash === hash) ?? null;
  const issue = analyzeGenome(graph, context).issues[0]?.message ?? null;
  const problem = issue ?? slotTrainingProblem(graph);
  return { genome: graph, result, problem, invalid: issue !== null };
}

/**
 * Returns the configuration of the run shown, with its starting network. The page's settings
 * stay editable after a run, so the run file and the exports of the run's networks read this.
 * Without a run it is the page's configuration and network.
 */
export function runConfigOf(state: AppState): RunConfig {
  const config = state.run.settings?.config;
  if (!config) return { ...state.config, seedGenome: state.graph };
  return config.seedGenome ? config : { ...config, seedGenome: state.graph };
}

/** Returns whether the editor shows `seed` with the same layer ids, so that the editor's positions lay it out. */
function editorShows(graph: Genome, seed: Genome | undefined): boolean {
  if (!seed || canonicalHash(graph) !== canonicalHash(seed)) return false;
  const ids = new Set(graph.nodes.map((node) => node.id));
  return ids.size === seed.nodes.length && seed.nodes.every((node) => ids.has(node.id));
}

const stamp = (config: RunConfig): string => `${config.task.id}-seed${config.search.seed}`;

export function runFileName(state: AppState): string {
  return `nas-run-${stamp(runConfigOf(state))}.json`;
}

export function runFileText(state: AppState): string {
  const run = state.run;
  const config = runConfigOf(state);
  let status: RunStatus | 'running' = 'running';
  if (run.phase === 'finished') status = run.outcome ?? 'stopped';
  else if (run.phase === 'idle') status = 'stopped';
  const file = buildRunFile({
    config,
    // Without positions, importing the file lays the network out anew.
    positions: editorShows(state.graph, config.seedGenome) ? state.editor.model.positions : undefined,
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

/** Writes the genome file of a network the run shown evaluated. */
export function genomeFileText(state: AppState, candidate: EvaluatedCandidate): string {
  const config = runConfigOf(state);
  return `${JSON.stringify(buildGenomeFile(candidate, config.task.id, shapeContextOf(config)), null, 2)}\n`;
}

/** Writes the genome file of a network no search evaluated, such as the user's own in the editor. */
export function networkGenomeFileText(state: AppState, genome: Genome): string {
  return `${JSON.stringify(buildNetworkGenomeFile(genome, state.config.task.id, shapeContextOf(state.config)), null, 2)}\n`;
}

/** The standardisations of a data set's features and, for a regression file, of its targets. */
export type DatasetScalings = Pick<Dataset, 'scaling' | 'targetScaling'>;

/**
 * Writes the Keras code of `candidate`, a network of the run shown, with the run's training
 * settings. Standardised features and targets take their scaling from `scalings`, or from the
 * data set this page last loaded when it is this task's.
 */
export function kerasCodeText(state: AppState, candidate: EvaluatedCandidate, scalings = loadedScalings(state)): string {
  const config = runConfigOf(state);
  const task = taskOf(config.task);
  const fitness = task.kind === 'regression' ? `validation R² ${candidate.fitness.toFixed(3)}` : `${(candidate.fitness * 100).toFixed(1)}% validation accuracy`;
  // Layers get the names the editor gives them when the network opens there, not the search's internal ids.
  // A final network's retraining ran for other epochs than the search's candidates.
  const epochs = candidate.metrics?.epochs ?? config.training.epochs;
  return networkKerasCode(config, withEditorIds(candidate.candidate.genome), `NAS Playground candidate ${candidate.candidate.id} on ${task.name} (${fitness}).`, epochs, scalings);
}

/** Writes the Keras code of the user's own network in the editor, which no search evaluated, with the page's training settings. */
export function editorKerasCodeText(state: AppState, genome: Genome, scalings = loadedScalings(state)): string {
  const task = taskOf(state.config.task);
  return networkKerasCode(state.config, genome, `NAS Playground network built in the editor for ${task.name} (not evaluated by a search).`, state.config.training.epochs, scalings);
}

function networkKerasCode(config: RunConfig, genome: Genome, title: string, epochs: number, scalings: DatasetScalings | undefined): string {
  const task = taskOf(config.task);
  return kerasPythonCode(genome, shapeContextOf(config), {
    title,
    taskKind: task.kind,
    training: { ...config.training, epochs },
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
 * Builds the request that trains `candidate` as the run did, with the run's training settings
 * and seed. The retrained final network trains on all training rows up to the epoch whose
 * weights were scored, or for the run's `finalEpochs` when the result does not record it.
 * The backend is the page's, the one the user chose for this device now.
 */
export function modelExportRequest(state: AppState, candidate: EvaluatedCandidate, assetBaseUrl: string, wasmPaths: Record<string, string>, probabilities: boolean): ExportRequest {
  const config = runConfigOf(state);
  const final = candidate === state.run.final && config.finalEpochs > 0;
  // The scored weights are those after the best epoch. A time budget can stop the final
  // retraining before finalEpochs, and more epochs could then find a different best.
  const finalEpochs = candidate.metrics?.bestEpoch ?? config.finalEpochs;
  const settings = final ? { ...config.training, epochs: finalEpochs, maxTrainRows: 0 } : config.training;
  const seed = deriveSeed(config.search.seed, final ? 'final' : 'train', candidate.candidate.hash);
  const dataFile = config.task.id === 'custom' ? (loadedDataFile() ?? undefined) : undefined;
  const { backend } = state.config;
  return { type: 'export', backend, wasmPaths, assetBaseUrl, task: config.task, dataFile, genome: candidate.candidate.genome, settings, seed, keepBestEpoch: final, probabilities };
}

/**
 * Builds the request that trains the user's own network as the Train button does: on all
 * training rows, with the seed a search would give this architecture.
 */
export function editorModelExportRequest(state: AppState, genome: Genome, assetBaseUrl: string, wasmPaths: Record<string, string>, probabilities: boolean): ExportRequest {
  const { config } = state;
  const settings = { ...config.training, maxTrainRows: 0 };
  const seed = deriveSeed(config.search.seed, 'train', canonicalHash(genome));
  const dataFile = config.task.id === 'custom' ? (loadedDataFile() ?? undefined) : undefined;
  return { type: 'export', backend: config.backend, wasmPaths, assetBaseUrl, task: config.task, dataFile, genome, settings, seed, keepBestEpoch: false, probabilities };
}
