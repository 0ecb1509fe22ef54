/**
 * Runs a comparison plan for the page: every run one after another through the search
 * coordinator, on one worker pool per task (series on the same task share it). Stopping
 * ends the run in progress, keeping its results, and skips the rest.
 */

import { SearchCoordinator, type EvaluatedCandidate, type RunResult } from '../workers/coordinator';
import { poolKey, type KeptPool } from '../workers/pool-keeper';
import type { RunConfig } from '../workers/run-config';
import { planRuns, type ComparisonPlan } from './comparison-plan';
import { acquirePool, releasePool, type RunEnvironment } from './run-controller';

export interface ComparisonListener {
  onRunStarted(id: string, index: number): void;
  onCandidate(id: string, index: number, evaluated: EvaluatedCandidate): void;
  onRunFinished(id: string, index: number, result: RunResult): void;
  /** The comparison ended: all runs done, stopped (`stopped` true), or failed with `error`. */
  onFinished(id: string, outcome: { stopped: boolean; error: string | null }): void;
}

interface Session {
  readonly id: string;
  coordinator: SearchCoordinator | null;
  stopped: boolean;
}

export class ComparisonController {
  private session: Session | null = null;

  constructor(
    private readonly environment: RunEnvironment,
    private readonly listener: ComparisonListener,
  ) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** Runs every run of the plan in turn; a comparison already going is stopped first. */
  async run(id: string, plan: ComparisonPlan): Promise<void> {
    this.stop();
    const session: Session = { id, coordinator: null, stopped: false };
    this.session = session;
    // Runs on one pool need the same data set, backend and worker count.
    let workers: { readonly config: RunConfig; readonly kept: KeptPool } | null = null;
    let error: string | null = null;
    try {
      const runs = planRuns(plan);
      for (let index = 0; index < runs.length && !session.stopped; index++) {
        const { config } = runs[index];
        if (!workers || poolKey(config) !== poolKey(workers.config)) {
          if (workers) releasePool(this.environment, workers.config, workers.kept);
          workers = null; // A failed start leaves nothing to release.
          workers = { config, kept: await acquirePool(this.environment, config) };
        }
        if (session.stopped) break;
        const { pool, dataset } = workers.kept;

        this.listener.onRunStarted(id, index);
        session.coordinator = new SearchCoordinator({
          runId: `${id}-${index}`,
          config,
          dataset,
          pool,
          strategyHost: this.environment.strategyHost,
          onEvent: (event) => {
            if (event.type === 'candidate-evaluated') this.listener.onCandidate(id, index, event.result);
          },
        });
        const result = await session.coordinator.run();
        session.coordinator = null;
        this.listener.onRunFinished(id, index, result);
        if (result.status === 'failed') {
          error = result.message ?? 'The run failed without a message.';
          break;
        }
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (workers) releasePool(this.environment, workers.config, workers.kept);
      if (this.session === session) this.session = null;
      this.listener.onFinished(id, { stopped: session.stopped, error });
    }
  }

  stop(): void {
    if (!this.session) return;
    this.session.stopped = true;
    this.session.coordinator?.stop();
  }
}
