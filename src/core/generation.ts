/**
 * Pieces every strategy shares around a generation: rejecting a second `propose()` before
 * `observe()`, checking the results handed to `observe()` and summarising fitness per
 * population and species.
 */

import { analyzeGenome, type Genome, type SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import type { Candidate, CandidateResult, GenerationSummary, PopulationSummary, SpeciesSummary } from './strategy';

/** Throws an Error when `propose()` is called while the batch of `generation` still awaits its results. */
export function checkNoPendingBatch(batch: readonly unknown[] | null, generation: number): void {
  if (batch) {
    throw new Error(`propose() was called again while generation ${generation} awaits its results; pass them to observe() first.`);
  }
}

/** Throws an Error saying what is wrong when `results` do not match the pending batch. */
export function checkResults(batch: readonly Candidate[] | null, results: readonly CandidateResult[], generation: number): void {
  if (!batch) {
    throw new Error('observe() received results, but no generation awaits them; call propose() first.');
  }
  if (results.length !== batch.length) {
    throw new Error(
      `observe() expected ${batch.length} results for generation ${generation}, one per candidate in batch order, but received ${results.length}.`,
    );
  }
  results.forEach((result, index) => {
    const expected = batch[index].id;
    if (result.candidateId !== expected) {
      throw new Error(
        `observe() received a result for candidate "${result.candidateId}" at position ${index}, where generation ${generation} has "${expected}"; pass results in batch order.`,
      );
    }
    if (typeof result.fitness !== 'number' || !Number.isFinite(result.fitness)) {
      throw new Error(
        `The result for candidate "${expected}" has fitness ${String(result.fitness)}; fitness must be a finite number (report a failed candidate with fitness 0 and failed: true).`,
      );
    }
  });
}

export interface MemberFitness {
  readonly species: number;
  /** Undefined for a member that was not evaluated this generation. */
  readonly fitness: number | undefined;
}

/**
 * Summarises a population. Best, mean and worst cover evaluated members only and are 0
 * when none was evaluated; `size` counts every member.
 */
export function populationSummary(
  name: PopulationSummary['name'],
  members: readonly MemberFitness[],
  withSpecies: boolean,
): PopulationSummary {
  const stats = fitnessStats(members);
  const species: SpeciesSummary[] = [];
  if (withSpecies) {
    const ids = [...new Set(members.map((member) => member.species))].sort((a, b) => a - b);
    for (const id of ids) {
      const inSpecies = members.filter((member) => member.species === id);
      const { best, mean } = fitnessStats(inSpecies);
      species.push({ id, size: inSpecies.length, bestFitness: best, meanFitness: mean });
    }
  }
  return { name, ...stats, size: members.length, species };
}

/** Summarises a generation of one population of networks without species, counting a failed network as fitness 0. */
export function networkGenerationSummary(generation: number, results: readonly CandidateResult[]): GenerationSummary {
  const fitness = results.map((result) => ({ species: 0, fitness: result.failed ? 0 : result.fitness }));
  return { generation, populations: [populationSummary('networks', fitness, false)] };
}

function fitnessStats(members: readonly MemberFitness[]): { best: number; mean: number; worst: number } {
  const values = members.map((member) => member.fitness).filter((value): value is number => value !== undefined);
  if (values.length === 0) return { best: 0, mean: 0, worst: 0 };
  return {
    best: Math.max(...values),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    worst: Math.min(...values),
  };
}

/** Throws an Error listing the issues when a user's seed network does not fit the task. */
export function checkSeedGenome(seed: Genome, context: ShapeContext, limits: SizeLimits): void {
  const analysis = analyzeGenome(seed, context, limits);
  if (!analysis.valid) {
    const issues = analysis.issues.map((issue) => issue.message).join(' ');
    throw new Error(`The seed network is not valid for this task: ${issues} Fix it in the editor, or start the search without it.`);
  }
}
