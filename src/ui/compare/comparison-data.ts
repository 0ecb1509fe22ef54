/**
 * Chart and table data of a comparison. Per series: the mean best-so-far fitness over its
 * seeds with the min–max band, and the evaluations each run needed to come within 1% of the
 * exhaustive optimum. Also the optimum as a level, and each architecture's fitness per target.
 */

import { bestAt, evaluationsToReach, type CurvePoint } from '../../core/curves';
import type { ComparisonPlan } from '../../state/comparison-plan';
import { zoomedFitnessDomain } from '../run/chart-data';
import type { ComparisonRunRecord, ComparisonState } from '../../state/comparison-state';

/** Tolerance of "reached the optimum": within 1% of its fitness. */
export const OPTIMUM_TOLERANCE = 0.01;

export interface RunCurve {
  readonly seed: number;
  readonly points: readonly CurvePoint[];
  /** True once the run ended: its best then holds for any larger budget. */
  readonly complete: boolean;
}

export interface SeriesCurves {
  readonly id: string;
  readonly label: string;
  readonly index: number;
  readonly optimum: boolean;
  readonly curves: readonly RunCurve[];
}

const ENDED: readonly ComparisonRunRecord['status'][] = ['completed', 'stopped', 'time-budget', 'failed'];

/** Groups the curves of the runs that started by series, in plan order. */
export function seriesCurves(state: ComparisonState): SeriesCurves[] {
  const plan = state.plan;
  if (!plan) return [];
  return plan.series.map((series, index) => ({
    id: series.id,
    label: series.label,
    index,
    optimum: series.optimum,
    curves: state.runs
      .filter((run) => run.seriesId === series.id && run.curve.length > 0)
      .map((run) => ({ seed: run.seed, points: run.curve, complete: ENDED.includes(run.status) })),
  }));
}

/** One row per evaluation count: `evaluations`, and per series `<id>` (mean) and `<id>Band` ([min, max]). */
export type SpreadRow = { readonly evaluations: number } & Record<string, number | [number, number]>;

/**
 * Returns the mean and the min–max band of each series' best-so-far fitness after 1, 2, …
 * evaluations, up to the longest curve or `limit` (0: no limit). A finished run that
 * trained fewer architectures than that keeps its final best; a run in progress counts only
 * up to where it got.
 */
export function spreadRows(series: readonly SeriesCurves[], limit = 0): SpreadRow[] {
  const longest = Math.max(0, ...series.flatMap((entry) => entry.curves.map((curve) => curve.points.length)));
  const length = limit > 0 ? Math.min(limit, longest) : longest;
  return Array.from({ length }, (_, offset) => {
    const evaluations = offset + 1;
    const row: Record<string, number | [number, number]> = { evaluations };
    for (const entry of series) {
      const values = entry.curves
        .filter((curve) => curve.complete || curve.points.length >= evaluations)
        .map((curve) => bestAt(curve.points, evaluations));
      if (values.length === 0) continue;
      row[entry.id] = values.reduce((sum, value) => sum + value, 0) / values.length;
      row[`${entry.id}Band`] = [Math.min(...values), Math.max(...values)];
    }
    return row as SpreadRow;
  });
}

export interface OptimumLevel {
  /** Best fitness of the exhaustive enumeration per seed. */
  readonly bySeed: ReadonlyMap<number, number>;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Chains the enumeration trained (per seed: the same space). */
  readonly chains: number;
}

/**
 * Returns the optimum found by the exhaustive series, from its completed runs only: a
 * stopped enumeration did not see the whole space, so its best is no optimum.
 */
export function optimumLevel(state: ComparisonState): OptimumLevel | null {
  const ids = new Set(state.plan?.series.filter((series) => series.optimum).map((series) => series.id));
  const runs = state.runs.filter((run) => ids.has(run.seriesId) && run.status === 'completed' && run.best !== null);
  if (runs.length === 0) return null;
  const values = runs.map((run) => run.best!.fitness);
  return {
    bySeed: new Map(runs.map((run) => [run.seed, run.best!.fitness])),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    chains: runs[0].trained,
  };
}

export interface SeriesSummary {
  readonly id: string;
  readonly label: string;
  readonly index: number;
  readonly runs: number;
  /** Final best fitness over the finished runs: mean, min and max; null before any finished. */
  readonly best: { mean: number; min: number; max: number } | null;
  /** Per finished run: evaluations until within 1% of its seed's optimum, or null when never. Empty without an optimum. */
  readonly toOptimum: readonly (number | null)[];
  /** Architecture of the best network over all seeds. */
  readonly bestArchitecture: string | null;
  readonly trained: number;
  readonly reused: number;
}

/** Sums up each series: final best over seeds, evaluations to the optimum, best architecture. */
export function seriesSummaries(state: ComparisonState): SeriesSummary[] {
  const optimum = optimumLevel(state);
  return (state.plan?.series ?? []).map((series, index) => {
    const runs = state.runs.filter((run) => run.seriesId === series.id);
    const finished = runs.filter((run) => ENDED.includes(run.status) && run.best !== null);
    const finals = finished.map((run) => run.best!.fitness);
    const top = [...finished].sort((a, b) => b.best!.fitness - a.best!.fitness)[0];
    const toOptimum =
      optimum && !series.optimum
        ? finished.map((run) => {
            const target = optimum.bySeed.get(run.seed);
            return target === undefined ? null : evaluationsToReach(run.curve, target, OPTIMUM_TOLERANCE);
          })
        : [];
    return {
      id: series.id,
      label: series.label,
      index,
      runs: finished.length,
      best: finals.length > 0 ? { mean: finals.reduce((sum, value) => sum + value, 0) / finals.length, min: Math.min(...finals), max: Math.max(...finals) } : null,
      toOptimum,
      bestArchitecture: top?.best?.description ?? null,
      trained: runs.reduce((sum, run) => sum + run.trained, 0),
      reused: runs.reduce((sum, run) => sum + run.reused, 0),
    };
  });
}

export interface ArchitectureRow {
  readonly description: string;
  /** Mean fitness over seeds on each series' target, in plan order; null where the series did not train it. */
  readonly fitness: readonly (number | null)[];
  /** True in the column where this architecture is that target's best. */
  readonly best: readonly boolean[];
}

/**
 * Lists each architecture trained by any series with its mean fitness per series, for
 * plans across tasks: it shows whether one target's best architecture is another's best.
 * Sorted by the first series' fitness, best first.
 */
export function architectureRows(state: ComparisonState): ArchitectureRow[] {
  const plan: ComparisonPlan | null = state.plan;
  if (!plan) return [];
  const sums = new Map<string, { total: number; count: number }[]>();
  plan.series.forEach((series, column) => {
    for (const run of state.runs.filter((entry) => entry.seriesId === series.id)) {
      for (const architecture of run.architectures) {
        const cells = sums.get(architecture.description) ?? plan.series.map(() => ({ total: 0, count: 0 }));
        cells[column].total += architecture.fitness;
        cells[column].count += 1;
        sums.set(architecture.description, cells);
      }
    }
  });
  const rows = [...sums].map(([description, cells]) => ({
    description,
    fitness: cells.map((cell) => (cell.count > 0 ? cell.total / cell.count : null)),
  }));
  const bestPerColumn = plan.series.map((_, column) => Math.max(...rows.map((row) => row.fitness[column] ?? -Infinity)));
  return rows
    .map((row) => ({ ...row, best: row.fitness.map((value, column) => value !== null && value === bestPerColumn[column]) }))
    .sort((a, b) => (b.fitness[0] ?? -Infinity) - (a.fitness[0] ?? -Infinity) || a.description.localeCompare(b.description));
}

/**
 * Returns the fraction of the comparison done, counting finished runs whole and the run in
 * progress by its trained architectures over `targetOf` it.
 */
export function comparisonFraction(state: ComparisonState, targetOf: (run: ComparisonRunRecord) => number): number {
  if (state.runs.length === 0) return 0;
  const done = state.runs.reduce((sum, run) => {
    if (ENDED.includes(run.status)) return sum + 1;
    if (run.status !== 'running') return sum;
    const target = targetOf(run);
    return sum + (target > 0 ? Math.min(1, run.trained / target) : 0);
  }, 0);
  return done / state.runs.length;
}

/**
 * Estimates the milliseconds a comparison has left, or null before anything to go by. The
 * runs go one after another. A strategy's runs take much the same time, while strategies
 * and presets' variants can differ several times over: in the parity preset, the runs with
 * recurrent layers take four times as long as the dense-only ones. So each run is expected to take as long as the finished runs of its
 * series took on average. A series with none finished goes by the run in progress, whose
 * time to its last result is scaled up by its share of its budget, or else by the mean of
 * all finished runs.
 */
export function comparisonTimeLeft(state: ComparisonState, targetOf: (run: ComparisonRunRecord) => number): number | null {
  const finished = state.runs.filter((run) => ENDED.includes(run.status));
  const meanMs = (runs: readonly ComparisonRunRecord[]) => (runs.length === 0 ? null : runs.reduce((sum, run) => sum + run.elapsedMs, 0) / runs.length);
  const overall = meanMs(finished);
  const current = state.runs.find((run) => run.status === 'running');
  const currentShare = current && targetOf(current) > 0 ? Math.min(1, current.trained / targetOf(current)) : 0;
  const currentMs = current && currentShare > 0 ? current.elapsedMs / currentShare : null;
  const expectedMs = (run: ComparisonRunRecord) =>
    meanMs(finished.filter((other) => other.seriesId === run.seriesId)) ?? (run.seriesId === current?.seriesId ? currentMs : null) ?? overall ?? currentMs;

  let left = 0;
  for (const run of state.runs) {
    if (run.status !== 'queued' && run.status !== 'running') continue;
    const expected = expectedMs(run);
    if (expected === null) return null;
    left += run.status === 'running' ? Math.max(0, expected - run.elapsedMs) : expected;
  }
  return left;
}

/** Returns the fitness axis range of a comparison chart: from just below its lowest mean, band edge or optimum, up to 1. */
export function fitnessAxisDomain(rows: readonly SpreadRow[], optimum: OptimumLevel | null): [number, number] {
  let lowest = optimum?.mean ?? 1;
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (key === 'evaluations') continue;
      lowest = Math.min(lowest, Array.isArray(value) ? value[0] : value);
    }
  }
  return zoomedFitnessDomain(lowest, 1);
}
