/**
 * The contents of a link or a run file: the setup of a search (config, hand-built graph and
 * its canvas positions) and the best results found, plus the notes a restore makes about
 * values it ignored or changed.
 */

import type { Genome } from '../../core/genome';
import type { BackendName } from '../../train/types';
import type { RunConfig } from '../../workers/run-config';
import type { XY } from '../graph-model';

/** One of the best candidates of a run, as a link carries it. */
export interface SharedResult {
  /** Candidate id in its run, for example "g3-7". */
  readonly id: string;
  readonly genome: Genome;
  /** Validation fitness in [0, 1]. */
  readonly fitness: number;
  readonly validationAccuracy: number | null;
  readonly testAccuracy: number | null;
  /** A regression result's R² on each split, not clipped at 0; null or absent for classification and in older links. */
  readonly validationR2?: number | null;
  readonly testR2?: number | null;
  /** Milliseconds the candidate took to train where it was trained. */
  readonly trainMs: number;
  readonly backend: BackendName;
}

export interface ShareState {
  /** The run configuration; the hand-built graph travels in `graph`, not in `config.seedGenome`. */
  readonly config: RunConfig;
  readonly graph: Genome;
  /** Canvas position of every node of `graph`; absent when the graph is laid out automatically. */
  readonly positions?: ReadonlyMap<string, XY>;
  /** Best candidates first, at most `MAX_SHARED_RESULTS`. */
  readonly results: readonly SharedResult[];
}

/** A value a restore ignored or changed, with the reason, for the notice the page shows. */
export interface RestoreNote {
  /** Path of the value, for example "search.population" or "results[2].genome". */
  readonly field: string;
  readonly reason: string;
}

export const PANEL_NAMES = ['palette', 'inspector', 'run', 'charts', 'architecture', 'leaderboard', 'controls', 'menu'] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

/** View options of a link: a presentation layout and panels to hide, for a projector. */
export interface ViewOptions {
  readonly present: boolean;
  readonly hide: readonly PanelName[];
}

export const DEFAULT_VIEW: ViewOptions = { present: false, hide: [] };

export const MAX_SHARED_RESULTS = 10;
