/**
 * The app store: the run configuration the user edits, the state of the current run, and
 * the actions that change them. Components read selections of it; only actions write it.
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Genome } from '../core/genome';
import type { ShapeContext } from '../core/layers';
import type { EarlyStoppingRule } from '../core/early-stopping';
import type { CandidateSet, StrategyName } from '../core/strategy';
import { DataFileError } from '../data/data-file';
import { TASKS, fileShapeOf, loadedDataFile, setDataFile, type DataFileText } from '../data/tasks';
import type { Dataset, TaskId } from '../data/types';
import { failedBackendsNote } from '../train/backend-notes';
import type { BackendPreference, OptimizerName } from '../train/types';
import type { RunConfig } from '../workers/run-config';
import { MAX_FILE_NAME, NUMERIC_FIELDS, defaultRunConfig, parseRunConfig, type NumericPath } from './config';
import { RunController, type ResumeOptions, type RunEnvironment } from './run-controller';
import { IDLE_RUN, applyRunEvent, plannedGenerations, runSettingsOf, type RunState, type WorkerInfo } from './run-state';
import { isRunActive } from './session/setup';
import { createFrameBatcher } from './frame-batcher';
import type { RunEvent } from '../workers/coordinator';
import { starterGenome } from './starter';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createComparisonSlice, type ComparisonSlice } from './comparison-slice';
import { isTrainingActive } from './training-state';
import { isComparisonActive } from './comparison-state';
import { shapeContextOf } from './graph-context';
import { withEditorIds } from './graph-model';
import { canonicalHash } from '../core/canonical';
import { genomeMisfit } from '../core/genome';
import { paceKey, readPaces, storePace, type PaceTable } from './persist/pace-storage';
import { epochsTrained, measurePace, modelledCostMs, timedResults, withEpochs } from './run-pace';
import { expectedTrainRows } from './exhaustive-estimate';

export interface DatasetSummary {
  readonly task: TaskId;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  readonly inputShape: readonly number[];
  /** The standardisation of the features, which exported code must apply to raw inputs. */
  readonly scaling?: Dataset['scaling'];
  /** The standardisation of a regression file's targets, which exported code must undo. */
  readonly targetScaling?: Dataset['targetScaling'];
}

export interface AppState extends EditorSlice, TrainingSlice, ComparisonSlice {
  readonly config: RunConfig;
  /** The network shown on the canvas, always `editor.model.genome`; it enters the search's first generation. */
  readonly graph: Genome;
  readonly run: RunState;
  readonly dataset: DatasetSummary | null;
  /** The data file the data-file task reads, or null before one is loaded on this page. */
  readonly dataFile: { readonly name: string } | null;
  /** Messages about the configuration the user should see (invalid values and the like). */
  readonly configErrors: readonly string[];
  /** Training paces measured by searches in this browser, for the estimates before a search. */
  readonly paces: PaceTable;
  readonly actions: AppActions;
}

export interface AppActions {
  setTask(id: TaskId): void;
  /**
   * Reads a data file and switches to the data-file task on its rows. Returns the file's
   * problem, naming the line or field, when it cannot be read; the page then stays as it was.
   */
  loadDataFile(file: DataFileText): string | null;
  setNumber(path: NumericPath, value: number): void;
  setStrategy(strategy: StrategyName): void;
  /** Replaces the candidate set; problems with it appear in `configErrors`. */
  setCandidateSet(set: CandidateSet): void;
  setEarlyStopping(rule: EarlyStoppingRule): void;
  setBackend(backend: BackendPreference): void;
  setOptimizer(optimizer: OptimizerName): void;
  setGraph(graph: Genome): void;
  /**
   * Loads a searched network into the editor, its internal layer ids renamed as the editor
   * names layers, with a notice that names it (`name`, a candidate id) and how to undo.
   */
  openNetwork(graph: Genome, name?: string): void;
  /** Starts a search with the current config and graph; `resume` continues a saved run instead. */
  startSearch(resume?: ResumeOptions): Promise<void>;
  pauseSearch(): void;
  resumeSearch(): void;
  stopSearch(): void;
}

export type AppStore = StoreApi<AppState>;

/** The shortest time between two updates of the run state from search events: five a second at most. */
export const RUN_EVENT_INTERVAL_MS = 200;

function withPath(config: RunConfig, path: string, value: unknown): RunConfig {
  const copy = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
  const [head, tail] = path.split('.');
  if (tail === undefined) (copy as Record<string, unknown>)[head] = value;
  else copy[head][tail] = value;
  return copy as unknown as RunConfig;
}

export function createAppStore(environment: RunEnvironment, initial?: Partial<Pick<AppState, 'config' | 'graph'>>): AppStore {
  const config = initial?.config ?? defaultRunConfig();
  return createStore<AppState>()((set, get) => {
    const editorSlice = createEditorSlice(set, get, initial?.graph ?? starterGenome(config.task.id), () => shapeContextOf(get().config));
    const trainingSlice = createTrainingSlice(set, get, environment);
    const comparisonSlice = createComparisonSlice(set, get, environment);
    const applyToRun = (update: (run: RunState) => RunState) => set((state) => ({ run: update(state.run) }));
    // Search events arrive in bursts, a dozen a second with two workers. The run state takes
    // them in an animation frame at most every RUN_EVENT_INTERVAL_MS, so that rendering the
    // run panel leaves the processor to the workers.
    const runEvents = createFrameBatcher<RunEvent>(
      (events) => applyToRun((run) => events.reduce((state, event) => applyRunEvent(state, event, Date.now()), run)),
      { minIntervalMs: RUN_EVENT_INTERVAL_MS },
    );
    // Page time when the coordinator's clock started, once the data set loaded and the workers
    // started. It is noted as the event comes in, because the batch applies it a frame later.
    let clockStarted: { readonly runId: string; readonly at: number } | null = null;
    // Other changes to the run come after the events already received.
    const setRun = (update: (run: RunState) => RunState) => {
      runEvents.flush();
      applyToRun(update);
    };
    const setWorker = (runId: string, index: number, info: WorkerInfo) =>
      setRun((run) => {
        if (run.runId !== runId) return run;
        const workers = [...run.workers];
        workers[index] = info;
        return { ...run, workers };
      });

    const controller = new RunController(environment, {
      onRunEvent: (event) => {
        if (event.type === 'run-started') clockStarted = { runId: event.runId, at: Date.now() };
        runEvents.push(event);
      },
      onDataset: (runId, dataset) => {
        if (get().run.runId !== runId) return;
        set({
          dataset: {
            task: dataset.task,
            train: dataset.train.count,
            validation: dataset.validation.count,
            test: dataset.test.count,
            inputShape: dataset.inputShape,
            scaling: dataset.scaling,
            targetScaling: dataset.targetScaling,
          },
        });
      },
      onPoolEvent: (runId, event) => {
        if (event.type === 'worker-ready') {
          setWorker(runId, event.worker, { backend: event.backend, note: failedBackendsNote(event.tried) ?? undefined });
        } else {
          setWorker(runId, event.worker, { backend: null, note: `Restarted: ${event.reason}` });
        }
      },
      onStartFailed: (runId, message) =>
        setRun((run) => (run.runId === runId ? { ...run, phase: 'finished', outcome: 'failed', message } : run)),
    });

    const editConfig = (next: RunConfig) => {
      const parsed = parseRunConfig(next);
      set({ config: next, configErrors: parsed.ok ? [] : parsed.errors });
    };

    /**
     * Switches to task `id` with its defaults. `previousContext` is the shape context the
     * network had before, which a data file changes before the switch.
     */
    const switchTask = (id: TaskId, previousContext: ShapeContext) => {
      const previousConfig = get().config;
      const previous = previousConfig.task.id;
      const graph = get().graph;
      const next = defaultRunConfig(id);
      if (previous === 'custom' && id === 'custom') {
        // Another data file: the settings stay as they were, a link's included, so that its
        // search can run again on the file.
        editConfig({ ...previousConfig });
      } else {
        // Keep the user's search and run settings; the task brings its own data, training
        // defaults and candidate set.
        editConfig({
          ...next,
          search: { ...previousConfig.search, candidateSet: next.search.candidateSet },
          backend: previousConfig.backend,
          workers: previousConfig.workers,
        });
      }
      set({ dataset: null });
      // The last search's results belong to the old task, and its saved run stays in Runs.
      // A running search locks the task picker, so this only clears a finished one.
      if (previous !== id && !isRunActive(get())) setRun(() => IDLE_RUN);

      // An untouched starting network gives way to the new task's. A network the user
      // built stays, unless it could be built for the old task and not for the new one:
      // then the new task's starting network replaces it, as an edit that Undo takes back.
      const { editorActions } = editorSlice;
      if (canonicalHash(graph) === canonicalHash(starterGenome(previous))) {
        editorActions.loadGraph(starterGenome(id), { resetHistory: true });
        return;
      }
      const misfit = genomeMisfit(graph, shapeContextOf(get().config));
      if (misfit === null || genomeMisfit(graph, previousContext) !== null) return;
      editorActions.loadGraph(starterGenome(id));
      const name = TASKS[id].name;
      editorActions.showNotice(`Switched to ${name}, whose data your network does not fit. ${misfit} The editor shows ${name}'s starting network; Undo brings yours back.`);
    };

    /** Measures the pace of the run that just ended and keeps it. */
    const recordPace = (config: RunConfig) => {
      const { run, dataset } = get();
      const trainRows = dataset?.train ?? expectedTrainRows(config);
      const costOf = (result: RunState['evaluations'][number]) =>
        withEpochs(modelledCostMs(result.candidate, config, trainRows), epochsTrained(result, config), config.training.epochs);
      const preStartMs = clockStarted?.runId === run.runId && run.startedAt !== null ? clockStarted.at - run.startedAt : 0;
      const pace = measurePace(timedResults(run.evaluations, costOf), Math.max(1, run.workers.length), preStartMs, run.pauses);
      if (pace) set({ paces: storePace(get().paces, paceKey(config), pace) });
    };

    const actions: AppActions = {
      setTask(id) {
        if (!(id in TASKS)) return;
        switchTask(id, shapeContextOf(get().config));
      },
      loadDataFile(file) {
        if (isRunActive(get())) return 'Stop the search before loading a data file.';
        // Links and saved runs name the file, so a name they cannot keep is rejected before the file loads.
        if (file.name.length > MAX_FILE_NAME) {
          return `The file name is ${file.name.length} characters long, above the ${MAX_FILE_NAME} a setup can keep; rename the file to a shorter name and load it again.`;
        }
        const before = { config: get().config, file: loadedDataFile() };
        const previousContext = shapeContextOf(before.config);
        let dataset: Dataset;
        try {
          dataset = setDataFile(file);
        } catch (error) {
          if (error instanceof DataFileError) return error.message;
          throw error;
        }
        set({ dataFile: { name: file.name } });
        switchTask('custom', previousContext);
        // The config names its file and records its shape, so that a link or a saved run
        // names the rows it needs and shows its networks as they are before they come.
        const config = get().config;
        editConfig({ ...config, task: { ...config.task, file: file.name, fileShape: fileShapeOf(dataset) } });
        // The last search's results came from the rows of the file loaded before.
        if (before.config.task.id === 'custom' && before.file !== null) setRun(() => IDLE_RUN);
        return null;
      },
      setNumber(path, value) {
        const field = NUMERIC_FIELDS[path];
        if (!Number.isFinite(value)) return;
        const clamped = Math.min(field.max, Math.max(field.min, field.integer ? Math.round(value) : value));
        editConfig(withPath(get().config, path, clamped));
      },
      setStrategy: (strategy) => editConfig(withPath(get().config, 'search.strategy', strategy)),
      setCandidateSet: (candidateSet) => editConfig(withPath(get().config, 'search.candidateSet', candidateSet)),
      setEarlyStopping: (rule) => editConfig(withPath(get().config, 'search.earlyStopping', rule)),
      setBackend: (backend) => editConfig(withPath(get().config, 'backend', backend)),
      setOptimizer: (optimizer) => editConfig(withPath(get().config, 'training.optimizer', optimizer)),
      setGraph: (graph) => editorSlice.editorActions.loadGraph(graph),
      openNetwork(graph, name) {
        const before = canonicalHash(get().graph);
        editorSlice.editorActions.loadGraph(withEditorIds(graph));
        // A search's network replaces the user's own in the editor: the notice names the way back.
        if (canonicalHash(get().graph) !== before) {
          editorSlice.editorActions.showNotice(`The editor now shows ${name ?? 'the network you opened'}. Undo (Ctrl+Z) brings back the network it had before.`);
        }
      },

      async startSearch(resume) {
        const { config, graph } = get();
        if (isTrainingActive(get().training) || isComparisonActive(get().comparison)) return;
        const parsed = parseRunConfig({ ...config, seedGenome: graph });
        if (!parsed.ok) {
          set({ configErrors: parsed.errors });
          return;
        }
        const runId = resume?.runId ?? `run-${Date.now().toString(36)}`;
        const startedAt = Date.now() - (resume?.previousElapsedMs ?? 0);
        const settings = runSettingsOf(parsed.config);
        set({
          configErrors: [],
          run: { ...IDLE_RUN, runId, settings, phase: 'starting', startedAt, totalGenerations: plannedGenerations(parsed.config, settings) },
        });
        await controller.start(runId, parsed.config, resume);
        setRun((run) =>
          run.runId === runId && run.phase !== 'finished' ? { ...run, phase: 'finished', outcome: 'stopped' } : run,
        );
        // A resumed run's clock includes its earlier sessions, so only whole runs measure the pace.
        if (!resume) recordPace(parsed.config);
      },
      pauseSearch: () => controller.pause(),
      resumeSearch: () => controller.resume(),
      stopSearch() {
        setRun((run) => (run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting' ? { ...run, phase: 'stopping' } : run));
        controller.stop();
      },
    };

    return {
      config,
      ...editorSlice,
      ...trainingSlice,
      ...comparisonSlice,
      graph: editorSlice.editor.model.genome,
      run: IDLE_RUN,
      dataset: null,
      dataFile: loadedDataFile() && { name: loadedDataFile()!.name },
      configErrors: [],
      paces: readPaces(),
      actions,
    };
  });
}
