/** The JSON files `--json` writes for a comparison and for a preset run. */

import type { Preset } from '../state/presets';
import type { ComparisonEntry, ComparisonResult } from '../workers/comparison';
import type { RunConfig } from '../workers/run-config';
import type { PresetOutcome } from './compare';

function entryRecord(entry: ComparisonEntry) {
  const best = entry.result.best;
  return {
    strategy: entry.strategy,
    seed: entry.seed,
    status: entry.result.status,
    elapsedMs: entry.result.elapsedMs,
    trained: entry.curve.length,
    evaluations: entry.result.candidates.length,
    curve: entry.curve,
    best: best ? { id: best.candidate.id, hash: best.candidate.hash, fitness: best.fitness, genome: best.candidate.genome, metrics: best.metrics } : null,
    epochsTrained: entry.result.candidates.reduce((sum, evaluated) => sum + (evaluated.reused ? 0 : (evaluated.metrics?.epochs ?? 0)), 0),
  };
}

export function comparisonFile(config: RunConfig, comparison: ComparisonResult) {
  return {
    tool: 'nas-playground',
    kind: 'comparison',
    config,
    space: comparison.space,
    optimum: [...comparison.optimum.values()].map(entryRecord),
    runs: comparison.entries.map(entryRecord),
  };
}

export function presetFile(preset: Preset, outcomes: readonly PresetOutcome[]) {
  return {
    tool: 'nas-playground',
    kind: 'preset',
    preset: preset.id,
    runs: outcomes.map((outcome) => ({ variant: outcome.variant, config: outcome.entry.config, ...entryRecord(outcome.entry) })),
  };
}
