/** Rows for the fitness charts, in percent, derived from generation summaries and evaluations. */

import type { GenerationSummary, PopulationSummary } from '../../core/strategy';
import type { EvaluatedCandidate } from '../../workers/coordinator';

export type PopulationName = PopulationSummary['name'];

export const POPULATION_NAMES: readonly PopulationName[] = ['networks', 'modules', 'blueprints'];

/** One row per generation: `<population>Best` and `<population>Mean` fitness in percent. */
export type GenerationRow = { readonly generation: number } & Partial<Record<`${PopulationName}${'Best' | 'Mean'}`, number>>;

export interface EvaluationRow {
  readonly evaluation: number;
  /** This candidate's fitness in percent (0 for a failed or diverged one). */
  readonly fitness: number;
  /** Best fitness of all evaluations up to this one, in percent. */
  readonly bestSoFar: number;
  readonly candidateId: string;
  readonly failed: boolean;
}

const percent = (fraction: number): number => Math.round(fraction * 10_000) / 100;

export function generationRows(generations: readonly GenerationSummary[]): GenerationRow[] {
  return generations.map((summary) => {
    const row: Record<string, number> = { generation: summary.generation };
    for (const population of summary.populations) {
      row[`${population.name}Best`] = percent(population.best);
      row[`${population.name}Mean`] = percent(population.mean);
    }
    return row as GenerationRow;
  });
}

/** The generation in progress: its networks' best and mean fitness so far, in percent. */
export interface PartialGeneration {
  readonly row: GenerationRow;
  /** Networks evaluated so far in this generation. */
  readonly count: number;
}

/**
 * Summarises the networks of `generation` evaluated so far, as the generation's summary will
 * (a failed or diverged network counts as 0), so that the chart moves with each result instead of once a
 * generation. Returns null before the generation's first result and once it has its summary.
 * Modules and blueprints are credited only when the generation ends, so they are left out.
 */
export function partialGeneration(
  generations: readonly GenerationSummary[],
  evaluations: readonly EvaluatedCandidate[],
  generation: number,
): PartialGeneration | null {
  if (generations.some((summary) => summary.generation === generation)) return null;
  const fitness = evaluations
    .filter((result) => result.candidate.generation === generation)
    .map((result) => (result.metrics === null || result.metrics.diverged !== undefined ? 0 : result.fitness));
  if (fitness.length === 0) return null;
  const mean = fitness.reduce((sum, value) => sum + value, 0) / fitness.length;
  return { row: { generation, networksBest: percent(Math.max(...fitness)), networksMean: percent(mean) }, count: fitness.length };
}

/** Populations that appear in at least one summary, in the fixed display order. */
export function populationsPresent(generations: readonly GenerationSummary[]): PopulationName[] {
  const present = new Set(generations.flatMap((summary) => summary.populations.map((p) => p.name)));
  return POPULATION_NAMES.filter((name) => present.has(name));
}

/** Evaluations in the order they finished, each with the best fitness reached so far. */
export function evaluationRows(evaluations: readonly EvaluatedCandidate[]): EvaluationRow[] {
  const ordered = [...evaluations].sort((a, b) => a.evaluation - b.evaluation);
  let best = -Infinity;
  return ordered.map((result) => {
    const failed = result.metrics === null || result.metrics.diverged !== undefined;
    const fitness = failed ? 0 : result.fitness;
    best = Math.max(best, fitness);
    return {
      evaluation: result.evaluation,
      fitness: percent(fitness),
      bestSoFar: percent(best),
      candidateId: result.candidate.id,
      failed,
    };
  });
}

/** Most rows a live chart draws; more make every update of the page slow. */
export const MAX_CHART_POINTS = 400;

/**
 * Thins evaluation rows to about `max`: every k-th row, plus every row where the best so far
 * rises and the last row, so that the best-so-far line stays exact.
 */
export function thinRows(rows: readonly EvaluationRow[], max = MAX_CHART_POINTS): EvaluationRow[] {
  if (rows.length <= max) return [...rows];
  const step = Math.ceil(rows.length / max);
  return rows.filter((row, i) => i % step === 0 || i === rows.length - 1 || (i > 0 && row.bestSoFar > rows[i - 1].bestSoFar));
}

/**
 * Returns a fitness axis from the tenth of `top` just below `lowest` up to `top` (1, or 100
 * in percent). Best-so-far curves only rise and often end within a few points of each other,
 * so an axis from 0 would draw them as one line. A value on a tenth sits one tenth above the
 * axis, so that it does not hide in the axis line.
 */
export function zoomedFitnessDomain(lowest: number, top: number): [number, number] {
  const tenths = Math.floor((lowest / top) * 10 + 1e-9);
  const onTenth = Math.abs((tenths * top) / 10 - lowest) < 1e-9 * top;
  const bottom = Math.max(0, Math.min(9, onTenth ? tenths - 1 : tenths));
  return [(bottom * top) / 10, top];
}

/**
 * Returns six evenly spaced ticks over a domain from `zoomedFitnessDomain`, whose span is a
 * whole number of tenths of its top: 90, 92, … 100 rather than the rounded 90, 93, 96, 100.
 */
export function zoomedFitnessTicks([bottom, top]: readonly [number, number]): number[] {
  const step = (top - bottom) / 5;
  // Rounded, so that fractions such as 0.5 + 3 × 0.1 do not carry float noise into labels.
  return Array.from({ length: 6 }, (_, i) => Number((bottom + i * step).toFixed(10)));
}
