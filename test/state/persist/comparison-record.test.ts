import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/canonical';
import { chainGenome } from '../../../src/core/genome';
import { strategyComparisonPlan } from '../../../src/state/comparison-plan';
import { beginComparison, comparisonFinished, runFinished, type ComparisonState } from '../../../src/state/comparison-state';
import { defaultRunConfig } from '../../../src/state/config';
import { comparisonRecordText, readComparisonRecord } from '../../../src/state/persist/comparison-record';
import type { EvaluatedCandidate } from '../../../src/workers/coordinator';

function evaluated(id: string, units: number, fitness: number): EvaluatedCandidate {
  const genome = chainGenome([{ kind: 'dense', params: { units, activation: 'relu' } }]);
  return {
    candidate: { id, generation: 0, genome, hash: canonicalHash(genome), origin: { type: 'random' } },
    metrics: { fitness, validationLoss: 0.3, validationAccuracy: fitness, testLoss: 0.3, testAccuracy: fitness, trainLoss: [0.5], params: 10, flops: 10, epochs: 1, trainMs: 5, backend: 'wasm' },
    fitness,
    reused: false,
    worker: 0,
    evaluation: 1,
    finishedAt: 1,
  };
}

/** Builds a finished comparison of random search and the enumeration on xor, each run with two results. */
function finishedComparison(): ComparisonState {
  const plan = strategyComparisonPlan(defaultRunConfig('xor'), { strategies: ['random', 'exhaustive'], seeds: [1], budget: 4, chainsOnly: true });
  let state = beginComparison('comparison-1', plan, 1_000);
  state.runs.forEach((_, index) => {
    const candidates = [evaluated(`g0-${index}`, 4, 0.8), evaluated(`g0-${index + 2}`, 8, 0.9)];
    state = runFinished(state, index, { runId: `r${index}`, status: 'completed', best: candidates[1], final: null, candidates, generations: [], elapsedMs: 700 });
  });
  return comparisonFinished(state, null);
}

describe('comparison record', () => {
  it('reads back a finished comparison', () => {
    const state = finishedComparison();
    const read = readComparisonRecord(comparisonRecordText(state)!);

    expect(read).toEqual(state);
    expect(read?.runs[1].best?.fitness).toBe(0.9);
  });

  it('writes nothing while a comparison runs', () => {
    expect(comparisonRecordText({ ...finishedComparison(), phase: 'running' })).toBeNull();
  });

  it('writes nothing for a plan rejected before it ran', () => {
    expect(comparisonRecordText({ ...finishedComparison(), runs: [], message: 'Choose at least one strategy to compare.' })).toBeNull();
  });

  it('rejects a record it cannot trust', () => {
    const text = comparisonRecordText(finishedComparison())!;
    const record = JSON.parse(text) as { version: number; state: { runs: Record<string, unknown>[]; plan: { series: Record<string, unknown>[] } } };
    const edited = (change: (copy: typeof record) => void) => {
      const copy = structuredClone(record);
      change(copy);
      return JSON.stringify(copy);
    };

    expect(readComparisonRecord('{"version":1')).toBeNull();
    expect(readComparisonRecord(edited((copy) => (copy.version = 2)))).toBeNull();
    expect(readComparisonRecord(edited((copy) => (copy.state.runs[0].seriesId = 'nowhere')))).toBeNull();
    expect(readComparisonRecord(edited((copy) => (copy.state.runs[0].curve = [{ evaluations: 1, best: 'high' }])))).toBeNull();
    expect(readComparisonRecord(edited((copy) => ((copy.state.runs[0].best as { genome: unknown }).genome = { nodes: 'dense' })))).toBeNull();
    expect(readComparisonRecord(edited((copy) => ((copy.state.plan.series[0].config as { training: { epochs: number } }).training.epochs = -4)))).toBeNull();
  });
});
