/**
 * Search settings and the factory that turns them into a strategy.
 */

import type { Genome, SizeLimits } from './genome';
import type { ShapeContext } from './layers';
import { STRATEGY_NAMES, type CandidateSet, type SearchStrategy, type StrategyName } from './strategy';
import { candidateSetProblems } from './candidate-set';
import { CoevolutionStrategy } from './coevolution';
import { EARLY_STOPPING_RULES, type EarlyStoppingRule } from './early-stopping';
import { maxDepthProblems } from './exhaustive';
import { ExhaustiveStrategy } from './exhaustive-search';
import { RandomSearchStrategy } from './random-search';
import { RegularizedEvolutionStrategy } from './regularized';
import { templateStrategyProblem } from './template';

export interface SearchSettings {
  readonly strategy: StrategyName;
  /** Number of batches the search proposes, at least 1. */
  readonly generations: number;
  /** Blueprints per generation; each generation evaluates population × networksPerBlueprint networks. */
  readonly population: number;
  readonly modulePopulation: number;
  /** Networks assembled from each blueprint per generation, each with other modules where the species allow. */
  readonly networksPerBlueprint: number;
  /** Maximum single-input layers in one module. */
  readonly maxModuleLayers: number;
  /** Maximum slots in one blueprint. */
  readonly maxBlueprintSlots: number;
  readonly seed: number;
  readonly candidateSet: CandidateSet;
  /**
   * Budget in distinct architectures trained: the run ends once this many were trained, an
   * architecture met again being counted once. 0 or absent means no limit.
   */
  readonly maxEvaluations?: number;
  /** Stops hopeless candidates before their last epoch; absent means 'off'. */
  readonly earlyStopping?: EarlyStoppingRule;
  /** Tournament size of regularized evolution; 0 or absent means a quarter of its population. */
  readonly sampleSize?: number;
}

export interface StrategyOptions {
  /**
   * A user's network; it becomes one of the first candidates. A network with module slots
   * is a template instead, which every candidate fills (see template.ts).
   */
  readonly seedGenome?: Genome;
  readonly limits?: SizeLimits;
}

export const DEFAULT_SEARCH: Omit<SearchSettings, 'candidateSet'> = {
  strategy: 'coevolution',
  generations: 6,
  population: 8,
  modulePopulation: 16,
  networksPerBlueprint: 1,
  maxModuleLayers: 4,
  maxBlueprintSlots: 4,
  seed: 1,
};

/** Accepted range of each numeric setting. */
export const SEARCH_SETTING_RANGES = {
  generations: { min: 1, max: 10_000 },
  population: { min: 1, max: 1000 },
  modulePopulation: { min: 1, max: 1000 },
  networksPerBlueprint: { min: 1, max: 16 },
  maxModuleLayers: { min: 1, max: 16 },
  maxBlueprintSlots: { min: 1, max: 16 },
  seed: { min: 0, max: 0xffffffff },
} as const satisfies Record<string, { min: number; max: number }>;

/** Accepted range of each optional numeric setting; 0 means "no limit" or "automatic". */
export const OPTIONAL_SETTING_RANGES = {
  maxEvaluations: { min: 0, max: 100_000 },
  sampleSize: { min: 0, max: 1000 },
} as const satisfies Record<string, { min: number; max: number }>;

/** Lists what is wrong with search settings, naming each field and value. */
export function searchSettingsProblems(settings: SearchSettings): string[] {
  const problems: string[] = [];
  if (!STRATEGY_NAMES.includes(settings.strategy)) {
    problems.push(`strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${String(settings.strategy)}".`);
  }
  for (const [field, { min, max }] of Object.entries(SEARCH_SETTING_RANGES)) {
    const value = settings[field as keyof typeof SEARCH_SETTING_RANGES];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${field} must be a whole number from ${min} to ${max}, got ${String(value)}.`);
    }
  }
  for (const [field, { min, max }] of Object.entries(OPTIONAL_SETTING_RANGES)) {
    const value = settings[field as keyof typeof OPTIONAL_SETTING_RANGES];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      problems.push(`${field} must be a whole number from ${min} to ${max} (0: ${field === 'maxEvaluations' ? 'no limit' : 'automatic'}), got ${String(value)}.`);
    }
  }
  if (settings.earlyStopping !== undefined && !EARLY_STOPPING_RULES.includes(settings.earlyStopping)) {
    problems.push(`earlyStopping must be one of ${EARLY_STOPPING_RULES.join(', ')}, got "${String(settings.earlyStopping)}".`);
  }
  problems.push(...candidateSetProblems(settings.candidateSet));
  problems.push(...maxDepthProblems(settings.candidateSet));
  return problems;
}

/** Creates the strategy the settings name; throws an Error listing every invalid setting. */
export function createStrategy(settings: SearchSettings, context: ShapeContext, options: StrategyOptions = {}): SearchStrategy {
  const problems = searchSettingsProblems(settings);
  if (problems.length > 0) throw new Error(`Invalid search settings:\n- ${problems.join('\n- ')}`);
  const templateProblem = options.seedGenome ? templateStrategyProblem(settings.strategy, options.seedGenome) : null;
  if (templateProblem) throw new Error(templateProblem);
  switch (settings.strategy) {
    case 'random':
      return new RandomSearchStrategy(settings, context, options);
    case 'regularized':
      return new RegularizedEvolutionStrategy(settings, context, options);
    case 'exhaustive':
      // Throws with a message on how to shrink the space when it exceeds EXHAUSTIVE_LIMIT.
      return new ExhaustiveStrategy(settings, context, options);
    case 'coevolution':
      return new CoevolutionStrategy(settings, context, options);
  }
}
