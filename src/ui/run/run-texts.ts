/**
 * The run panel's words that depend on the run's settings. They follow the settings of the
 * run shown, because the settings stay editable once a run ends. Before any run they follow
 * the settings on the page.
 */

import type { StrategyName } from '../../core/strategy';
import type { AppState } from '../../state/store';
import { exhaustiveResultText } from './exhaustive-result';
import { phaseText } from './phase-text';

/** Returns the strategy of the run shown, or before any run the chosen one. */
export const selectShownStrategy = (state: Pick<AppState, 'run' | 'config'>): StrategyName => state.run.settings?.strategy ?? state.config.search.strategy;

/** Returns the word for one step of the run shown: an exhaustive search trains batches of chains, the others generations. */
export const selectStepUnit = (state: Pick<AppState, 'run' | 'config'>): 'batch' | 'generation' => (selectShownStrategy(state) === 'exhaustive' ? 'batch' : 'generation');

export interface ProgressTexts {
  readonly status: string;
  /** The finding of a finished exhaustive run, or ''. */
  readonly result: string;
}

/** Returns the status and result lines of the progress panel. `startBlocker` is why Start search is disabled, or null. */
export function progressTexts(state: Pick<AppState, 'run' | 'config'>, startBlocker: string | null): ProgressTexts {
  const { run } = state;
  const exhaustive = selectStepUnit(state) === 'batch';
  return {
    status: phaseText(run, startBlocker, exhaustive),
    result: run.settings ? exhaustiveResultText(run, run.settings) : '',
  };
}
