/**
 * The store's part for comparisons: the comparison state and the actions that start and
 * stop one. A comparison uses the workers, so it never runs beside a search or a training
 * run, and neither starts while it runs.
 */

import { parseRunConfig } from './config';
import { ComparisonController } from './comparison-controller';
import type { ComparisonPlan } from './comparison-plan';
import {
  IDLE_COMPARISON,
  beginComparison,
  candidateEvaluated,
  comparisonFinished,
  isComparisonActive,
  runFinished,
  runStarted,
  type ComparisonState,
} from './comparison-state';
import type { RunEnvironment } from './run-controller';
import type { RunPhase } from './run-state';
import { isTrainingActive, type TrainingState } from './training-state';

export interface ComparisonActions {
  /** Runs the plan and returns once it has ended. Rejected, with a message, while a search or training runs. */
  startComparison(plan: ComparisonPlan): Promise<void>;
  stopComparison(): void;
}

export interface ComparisonSlice {
  readonly comparison: ComparisonState;
  readonly comparisonActions: ComparisonActions;
}

interface ComparisonHost extends ComparisonSlice {
  readonly run: { readonly phase: RunPhase };
  readonly training: TrainingState;
}

const SEARCH_PHASES_THAT_BLOCK: readonly RunPhase[] = ['starting', 'running', 'paused', 'stopping'];

/** Returns the reason a comparison cannot start now, or null when it can. */
export function comparisonBlocker(state: Pick<ComparisonHost, 'run' | 'training' | 'comparison'>): string | null {
  if (isComparisonActive(state.comparison)) return 'A comparison is already running; stop it first.';
  if (SEARCH_PHASES_THAT_BLOCK.includes(state.run.phase)) return 'A search is running; stop it on the Search tab first.';
  if (isTrainingActive(state.training)) return 'A network is training; stop it on the Training tab first.';
  return null;
}

/** Checks every series' config against the schema; returns the problems, each naming its series. */
export function planProblems(plan: ComparisonPlan): string[] {
  if (plan.series.length === 0) return ['Choose at least one strategy to compare.'];
  return plan.series.flatMap((series) => {
    const parsed = parseRunConfig(series.config);
    return parsed.ok ? [] : parsed.errors.map((error) => `${series.label}: ${error}`);
  });
}

export function createComparisonSlice(
  set: (partial: { comparison: ComparisonState }) => void,
  get: () => ComparisonHost,
  environment: RunEnvironment,
): ComparisonSlice {
  const update = (id: string, change: (state: ComparisonState) => ComparisonState) => {
    const state = get().comparison;
    if (state.id === id) set({ comparison: change(state) });
  };
  const controller = new ComparisonController(environment, {
    onRunStarted: (id, index) => update(id, (state) => runStarted(state, index)),
    onCandidate: (id, index, evaluated) => update(id, (state) => candidateEvaluated(state, index, evaluated)),
    onRunFinished: (id, index, result) => update(id, (state) => runFinished(state, index, result)),
    onFinished: (id, { stopped, error }) =>
      update(id, (state) => comparisonFinished(state, error ?? (stopped ? 'Stopped: the runs not started were skipped.' : null))),
  });

  const comparisonActions: ComparisonActions = {
    async startComparison(plan) {
      if (isComparisonActive(get().comparison)) return;
      const blocker = comparisonBlocker(get());
      const problems = blocker ? [blocker] : planProblems(plan);
      const id = `compare-${Date.now().toString(36)}`;
      if (problems.length > 0) {
        set({ comparison: { ...IDLE_COMPARISON, id, plan, phase: 'finished', message: problems.join(' ') } });
        return;
      }
      set({ comparison: beginComparison(id, plan, Date.now()) });
      await controller.run(id, plan);
    },
    stopComparison() {
      const state = get().comparison;
      if (state.phase !== 'running') return;
      set({ comparison: { ...state, phase: 'stopping' } });
      controller.stop();
    },
  };

  return { comparison: IDLE_COMPARISON, comparisonActions };
}
