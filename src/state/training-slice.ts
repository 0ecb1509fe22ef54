/**
 * The store's part for training the editor's network alone: the training state and the
 * actions that start and stop it. A training run and a search never run at the same time.
 */

import { canonicalHash } from '../core/canonical';
import type { Genome } from '../core/genome';
import { deriveSeed } from '../core/rng';
import { slotTrainingProblem } from '../core/template';
import { taskOf } from '../data/tasks';
import type { RunConfig } from '../workers/run-config';
import { defaultRunConfig, parseRunConfig } from './config';
import { isComparisonActive, type ComparisonState } from './comparison-state';
import { analyzeGraph } from './graph-analysis';
import { shapeContextOf } from './graph-context';
import type { RunEnvironment } from './run-controller';
import type { RunPhase } from './run-state';
import { TrainingController } from './training-controller';
import { IDLE_TRAINING, applyTrainingEvent, beginTraining, isTrainingActive, type TrainingState } from './training-state';

export interface TrainingActions {
  /** Trains the editor's graph with the config's training settings, on all training rows. */
  startTraining(): Promise<void>;
  stopTraining(): void;
}

export interface TrainingSlice {
  readonly training: TrainingState;
  readonly trainingActions: TrainingActions;
}

/** The parts of the app state the slice reads. */
interface TrainingHost extends TrainingSlice {
  readonly config: RunConfig;
  readonly graph: Genome;
  readonly run: { readonly phase: RunPhase };
  readonly comparison: ComparisonState;
}

type SetTraining = (partial: { training: TrainingState } | { configErrors: readonly string[] }) => void;

const SEARCH_PHASES_THAT_BLOCK: readonly RunPhase[] = ['starting', 'running', 'paused', 'stopping'];

export function createTrainingSlice(set: SetTraining, get: () => TrainingHost, environment: RunEnvironment): TrainingSlice {
  const update = (change: (training: TrainingState) => TrainingState) => set({ training: change(get().training) });
  const controller = new TrainingController(environment, (event) => update((training) => applyTrainingEvent(training, event)));

  const trainingActions: TrainingActions = {
    async startTraining() {
      const { config, graph, training, run, comparison } = get();
      if (isTrainingActive(training) || SEARCH_PHASES_THAT_BLOCK.includes(run.phase) || isComparisonActive(comparison)) return;
      // Training one network uses no search setting, so an empty candidate set, say, does not stop it.
      const parsed = parseRunConfig({ ...config, search: defaultRunConfig(config.task.id).search, seedGenome: graph });
      if (!parsed.ok) {
        set({ configErrors: parsed.errors });
        return;
      }
      const slotProblem = slotTrainingProblem(graph);
      if (slotProblem) {
        set({ configErrors: [slotProblem] });
        return;
      }

      const runId = `train-${Date.now().toString(36)}`;
      // The whole training split, as the search's final retraining uses.
      const settings = { ...config.training, maxTrainRows: 0 };
      const params = analyzeGraph(graph, shapeContextOf(config)).totalParams;
      const kind = taskOf(config.task).kind;
      set({ training: beginTraining(runId, { task: config.task.id, kind, settings, params, startedAt: Date.now() }) });
      // The seed a search would give this architecture, so both train it alike.
      const seed = deriveSeed(config.search.seed, 'train', canonicalHash(graph));
      await controller.start(runId, { task: config.task, genome: graph, settings, seed, backend: config.backend });
    },

    stopTraining() {
      if (!isTrainingActive(get().training)) return;
      update((training) => ({ ...training, phase: 'stopping' }));
      controller.stop();
    },
  };

  return { training: IDLE_TRAINING, trainingActions };
}
