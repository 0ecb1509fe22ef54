/**
 * Everything a search run needs, as plain data: the store, a link and the CLI all produce
 * this after validating their own input.
 */

import type { Genome } from '../core/genome';
import type { SearchSettings } from '../core/search';
import type { TaskConfig } from '../data/types';
import type { BackendPreference, TrainingSettings } from '../train/types';

export interface RunConfig {
  readonly task: TaskConfig;
  readonly search: SearchSettings;
  readonly training: TrainingSettings;
  readonly backend: BackendPreference;
  /** Number of evaluation workers; 0 (auto) picks one per core on cpu and wasm, one on webgl and webgpu. */
  readonly workers: number;
  /** Epochs of retraining the best candidate on all training rows at the end; 0 skips it. */
  readonly finalEpochs: number;
  /** Stop after this many seconds and keep the best so far; 0 means no limit. */
  readonly timeBudgetSeconds: number;
  /** A hand-built network that enters the first generation. */
  readonly seedGenome?: Genome;
}
