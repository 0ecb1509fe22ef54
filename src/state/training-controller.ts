/**
 * Trains the editor's network alone for the page: loads the data set, starts a dedicated
 * training worker and turns what it reports into training events. The store owns one.
 */

import type { Genome } from '../core/genome';
import { loadDataset } from '../data/tasks';
import type { Dataset, Split, TaskConfig } from '../data/types';
import { failedBackendsNote } from '../train/backend-notes';
import { probeFor } from '../train/probe';
import type { BackendPreference, TrainingSettings } from '../train/types';
import { LiveTrainer } from '../workers/live-trainer';
import type { RunEnvironment } from './run-controller';
import type { TrainingEvent, TrainingPlot } from './training-state';

/** Training points drawn on the plot; the split is shuffled, so its first rows are a fair sample. */
export const MAX_PLOT_POINTS = 1000;

export interface TrainingRequest {
  readonly task: TaskConfig;
  readonly genome: Genome;
  readonly settings: TrainingSettings;
  readonly seed: number;
  readonly backend: BackendPreference;
}

interface Session {
  readonly runId: string;
  /** Aborts the worker's start-up. */
  readonly abort: AbortController;
  trainer: LiveTrainer | null;
  stopped: boolean;
}

export class TrainingController {
  private session: Session | null = null;

  constructor(
    private readonly environment: RunEnvironment,
    private readonly emit: (event: TrainingEvent) => void,
  ) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** Trains one network to its end; training already going is stopped first. */
  async start(runId: string, request: TrainingRequest): Promise<void> {
    this.stop();
    const session: Session = { runId, abort: new AbortController(), trainer: null, stopped: false };
    this.session = session;
    try {
      const dataset = await loadDataset(request.task, this.environment.readAsset);
      if (session.stopped) return;
      const plot = plotOf(dataset);
      this.emit({ type: 'data-ready', runId, plot });

      session.trainer = await LiveTrainer.start({
        factory: this.environment.workerFactory,
        backend: request.backend,
        dataset,
        wasmPaths: this.environment.wasmPaths,
        signal: session.abort.signal,
      });
      if (session.stopped) return;
      this.emit({ type: 'backend-ready', runId, backend: session.trainer.backend, note: backendNote(session.trainer) });

      const outcome = await session.trainer.train({
        runId,
        genome: request.genome,
        settings: request.settings,
        seed: request.seed,
        probe: plot?.probe,
        onEpoch: ({ record, prediction }) => this.emit({ type: 'epoch', runId, record, prediction }),
        onProgress: ({ epoch, batch, batches }) => this.emit({ type: 'batches', runId, epoch, fraction: batch / batches }),
      });
      if (session.stopped) return;
      this.emit(outcome.ok ? { type: 'finished', runId, metrics: outcome.metrics } : { type: 'failed', runId, message: outcome.message });
    } catch (error) {
      if (!session.stopped) this.emit({ type: 'failed', runId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      session.trainer?.close();
      if (this.session === session) this.session = null;
    }
  }

  /**
   * Stops training at once: the worker is terminated, even while it starts, and the run
   * reports itself stopped before this returns.
   */
  stop(): void {
    const session = this.session;
    if (!session || session.stopped) return;
    session.stopped = true;
    session.abort.abort();
    session.trainer?.close();
    this.emit({ type: 'stopped', runId: session.runId });
  }
}

/** Returns the plot of a data set, or null when its inputs cannot be drawn. */
function plotOf(dataset: Dataset): TrainingPlot | null {
  const probe = probeFor(dataset);
  if (!probe) return null;
  return {
    kind: dataset.kind,
    probe,
    points: firstRows(dataset.train, Math.min(MAX_PLOT_POINTS, dataset.train.count)),
    outputUnits: dataset.outputUnits,
    classNames: dataset.classNames ?? [],
    units: {
      inputs: dataset.scaling?.mean.map((mean, feature) => ({ mean, std: dataset.scaling!.std[feature] })),
      target: dataset.targetScaling,
    },
  };
}

function firstRows(split: Split, count: number): Split {
  const inputWidth = split.x.length / Math.max(1, split.count);
  const targetWidth = split.y.length / Math.max(1, split.count);
  return { x: split.x.slice(0, count * inputWidth), y: split.y.slice(0, count * targetWidth), count };
}

function backendNote(trainer: LiveTrainer): string | null {
  return failedBackendsNote(trainer.tried);
}
