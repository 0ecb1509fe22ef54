import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { TASKS } from '../../src/data/tasks';
import { defaultRunConfig } from '../../src/state/config';
import { presetPlan } from '../../src/state/comparison-plan';
import { CANDIDATE_OVERHEAD_MS, candidateCostMs, comparisonWorkload, effectiveWorkers, estimateExhaustive, expectedTrainRows, parallelSpeedup } from '../../src/state/exhaustive-estimate';
import { presetById } from '../../src/state/presets';

const sin = presetById('one-set-two-targets').variants[0].config;
const parity = defaultRunConfig('parity');
const parityContext = { inputShape: TASKS.parity.inputShape, outputUnits: TASKS.parity.outputUnits };

describe('estimateExhaustive', () => {
  it('estimates the 12-chain preset in seconds', () => {
    const estimate = estimateExhaustive(sin, 2);
    expect(estimate.rejection).toBeNull();
    expect(estimate.space.count).toBe(12);
    // 12 chains of 1000 steps each at about 0.25 ms a step, on 1.6 workers' worth of speed.
    // The browser app ran them in 2.0 to 3.3 s.
    expect(estimate.estimatedMs! / 1000).toBeGreaterThan(1);
    expect(estimate.estimatedMs! / 1000).toBeLessThan(10);
  });

  it('halves with half the epochs', () => {
    const half = { ...sin, training: { ...sin.training, epochs: sin.training.epochs / 2 } };
    const ratio = estimateExhaustive(half, 2).estimatedMs! / estimateExhaustive(sin, 2).estimatedMs!;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.6);
  });

  it('rejects the parity default set with advice', () => {
    const estimate = estimateExhaustive(parity, 2);
    expect(estimate.estimatedMs).toBeNull();
    expect(estimate.rejection).toMatch(/above the limit of 2,000\. Shrink it: enable fewer layer kinds/);
    expect(estimate.rejection).toMatch(/lower the maximum depth from 2 to 1/);
  });

  it('rejects a set that fits no input', () => {
    const config = { ...parity, search: { ...parity.search, candidateSet: { layers: [{ kind: 'conv2d' as const, params: {} }], maxDepth: 1 } } };
    expect(estimateExhaustive(config, 1).rejection).toMatch(/No chain of 1 to 1 layers .* \(dense accepts any\)/);
  });
});

describe('candidateCostMs', () => {
  it('prices recurrent chains above dense ones', () => {
    const rows = expectedTrainRows(parity);
    const dense = candidateCostMs(chainGenome([{ kind: 'flatten' }, { kind: 'dense', params: { units: 16 } }]), parityContext, parity.training, rows);
    const gru = candidateCostMs(chainGenome([{ kind: 'gru', params: { units: 16 } }]), parityContext, parity.training, rows);
    expect(gru / dense).toBeGreaterThan(5);
  });

  it('counts only the training rows a candidate sees', () => {
    const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }]);
    const all = candidateCostMs(genome, parityContext, parity.training, 600);
    const capped = candidateCostMs(genome, parityContext, { ...parity.training, maxTrainRows: 300 }, 600);
    // Batches of 32: 10 steps an epoch on 300 rows, 19 on 600; building and scoring cost the same.
    expect((capped - CANDIDATE_OVERHEAD_MS) / (all - CANDIDATE_OVERHEAD_MS)).toBeCloseTo(10 / 19, 10);
  });
});

describe('workers', () => {
  it.each([
    [0, 'auto', 2, 2],
    [0, 'webgl', 2, 1],
    [3, 'webgl', 2, 3],
  ] as const)('%s workers on %s with %s cores train on %s', (workers, backend, cores, expected) => {
    expect(effectiveWorkers(workers, backend, cores)).toBe(expected);
  });

  it('gives two workers 1.6 times the speed of one', () => {
    expect(parallelSpeedup(1)).toBe(1);
    expect(parallelSpeedup(2)).toBeCloseTo(1.6);
  });
});

describe('comparisonWorkload', () => {
  const parityPreset = presetById('parity-feedforward-vs-recurrent');
  const targetsPreset = presetById('one-set-two-targets');

  it('counts budget × seeds × variants', () => {
    const workload = comparisonWorkload(presetPlan(parityPreset, { seeds: [1, 2, 3], budget: 12, epochs: 40 }), 2);
    expect(workload.networks).toBe(2 * 3 * 12);
    expect(workload.estimatedMs).toBeGreaterThan(0);
  });

  it('counts every chain of an exhaustive variant', () => {
    const workload = comparisonWorkload(presetPlan(targetsPreset, { seeds: [1, 2], budget: 5, epochs: 100 }), 2);
    expect(workload.networks).toBe(2 * 2 * 12);
  });

  it('grows with seeds, budget and epochs', () => {
    const time = (seeds: number[], budget: number, epochs: number) => comparisonWorkload(presetPlan(parityPreset, { seeds, budget, epochs }), 2).estimatedMs!;
    const base = time([1], 4, 20);
    expect(time([1, 2], 4, 20) / base).toBeCloseTo(2, 6);
    expect(time([1], 8, 20) / base).toBeCloseTo(2, 6);
    expect(time([1], 4, 40)).toBeGreaterThan(1.8 * base);
  });
});
