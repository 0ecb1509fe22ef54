/** Selectors about the run's phase that several components share. */

import type { AppState } from '../state/store';

/** True while a search is starting, running, paused or stopping: settings are locked then. */
export const selectRunActive = (state: AppState): boolean =>
  state.run.phase === 'starting' || state.run.phase === 'running' || state.run.phase === 'paused' || state.run.phase === 'stopping';
