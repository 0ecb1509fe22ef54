/** What the worker-scaling benchmarks share: one measured run, and the summary over runs. */

export interface ScalingRun {
  readonly workers: number;
  readonly perMinute: number;
  readonly trained: number;
  readonly seconds: number;
  /** The workers' summed training time over workers × wall time. */
  readonly busy: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
}

/** Describes a task's runs: median evaluations per minute with 1 and 2 workers, and their ratio. */
export function scalingSummary(task: string, runs: readonly ScalingRun[], where = ''): string {
  const oneWorker = median(runs.filter((run) => run.workers === 1).map((run) => run.perMinute));
  const twoWorkers = median(runs.filter((run) => run.workers === 2).map((run) => run.perMinute));
  const ratio = (twoWorkers / oneWorker).toFixed(2);
  return `${task}: median evaluations per minute${where} 1 worker ${oneWorker.toFixed(1)}, 2 workers ${twoWorkers.toFixed(1)}; 2 workers / 1 worker: ${ratio}×`;
}
