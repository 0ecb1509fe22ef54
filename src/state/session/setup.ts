/** Loading a setup (config, graph, canvas positions) into the app store, and keys to compare setups. */

import type { Genome } from '../../core/genome';
import type { RunConfig } from '../../workers/run-config';
import { defaultRunConfig } from '../config';
import { shapeContextOf } from '../graph-context';
import type { XY } from '../graph-model';
import type { RunRecord } from '../persist/run-records';
import { encodeSharePayload } from '../share/link-codec';
import { restoreGenome } from '../share/restore-share';
import type { RestoreNote } from '../share/share-state';
import { starterGenome } from '../starter';
import type { AppState, AppStore } from '../store';

export interface Setup {
  /** The run config without `seedGenome`; the graph is `graph`. */
  readonly config: RunConfig;
  readonly graph: Genome;
  readonly positions?: ReadonlyMap<string, XY>;
}

export const isRunActive = (state: AppState): boolean => ['starting', 'running', 'paused', 'stopping'].includes(state.run.phase);

/** Replaces the config and the canvas graph, with a fresh undo history. */
export function loadSetup(store: AppStore, setup: Setup): void {
  store.setState({ config: setup.config, configErrors: [], dataset: null });
  store.getState().editorActions.loadGraph(setup.graph, { positions: setup.positions, resetHistory: true });
}

/** Returns the setup the page shows now. */
export function currentSetup(state: AppState): Setup {
  const { seedGenome: _graph, ...config } = state.config;
  return { config, graph: state.graph, positions: state.editor.model.positions };
}

/** Returns a text that is equal for two setups exactly when a link would carry the same config, graph and positions. */
export function setupKey(setup: Setup): string {
  return encodeSharePayload({ ...setup, results: [] });
}

/**
 * Returns a text that is equal for two setups exactly when a search would find the same
 * results with them. Layer positions on the canvas do not count. The worker count does not
 * count either, since each candidate trains with its own seed, unless a time budget is set:
 * then it decides how many candidates train in time. Nor does a data file's recorded shape,
 * which the file decides and which links made before it was recorded lack.
 */
export function resultsKey(setup: Setup): string {
  const { config } = setup;
  const workers = config.timeBudgetSeconds > 0 ? config.workers : 0;
  const { fileShape: _shape, ...task } = config.task;
  return setupKey({ config: { ...config, task, workers }, graph: setup.graph });
}

/**
 * Returns the default setup of the task `config` names: its default settings and starting
 * network. A data-file setup keeps its file's name and shape, which the task's default cannot know.
 */
export function taskDefaultSetup(config: RunConfig): Setup {
  const { seedGenome: _graph, ...defaults } = defaultRunConfig(config.task.id);
  const task = { ...defaults.task, file: config.task.file, fileShape: config.task.fileShape };
  return { config: { ...defaults, task }, graph: starterGenome(config.task.id) };
}

/** Tells whether `setup` is its task's default setup, wherever its layers sit on the canvas. */
export function isTaskDefault(setup: Setup): boolean {
  return resultsKey(setup) === resultsKey(taskDefaultSetup(setup.config));
}

/** Reads the setup a saved run started with; its graph is checked against the task like a link's. */
export function setupOfRecord(record: RunRecord, notes: RestoreNote[]): Setup {
  const { seedGenome, ...config } = record.config;
  const graph = seedGenome === undefined ? null : restoreGenome(seedGenome, shapeContextOf(config), `runs.${record.id}.graph`, notes, true);
  if (graph === null) return { config, graph: starterGenome(config.task.id) };
  const ids = new Set(graph.nodes.map((gene) => gene.id));
  const positions = new Map((record.positions ?? []).filter(([id]) => ids.has(id)).map(([id, x, y]) => [id, { x, y }]));
  return { config, graph, positions: positions.size === ids.size ? positions : undefined };
}
