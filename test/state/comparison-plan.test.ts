import { describe, expect, it } from 'vitest';
import { parseRunConfig, defaultRunConfig } from '../../src/state/config';
import { parseSeeds, planRuns, presetPlan, restrictToChains, strategyComparisonPlan } from '../../src/state/comparison-plan';
import { PRESETS, presetById } from '../../src/state/presets';

const base = { ...defaultRunConfig('sin'), search: { ...defaultRunConfig('sin').search, candidateSet: { ...defaultRunConfig('sin').search.candidateSet, maxDepth: 2 } } };

describe('strategyComparisonPlan', () => {
  const plan = strategyComparisonPlan(base, { strategies: ['coevolution', 'random', 'exhaustive'], seeds: [1, 2], budget: 10, chainsOnly: true });

  it('runs each strategy once per seed', () => {
    expect(plan.series.map((series) => series.id)).toEqual(['coevolution', 'random', 'exhaustive']);
    const runs = planRuns(plan);
    expect(runs.map((run) => `${run.seriesId}:${run.seed}`)).toEqual(['coevolution:1', 'coevolution:2', 'random:1', 'random:2', 'exhaustive:1', 'exhaustive:2']);
    for (const run of runs) expect(run.config.search.seed).toBe(run.seed);
  });

  it('exempts exhaustive from the budget', () => {
    const budgets = Object.fromEntries(plan.series.map((series) => [series.id, series.config.search.maxEvaluations]));
    expect(budgets).toEqual({ coevolution: 10, random: 10, exhaustive: 0 });
    expect(plan.series.filter((series) => series.optimum).map((series) => series.id)).toEqual(['exhaustive']);
  });

  it('leaves generations for the budget', () => {
    const coevolution = plan.series[0].config.search;
    expect(coevolution.generations * coevolution.population).toBeGreaterThanOrEqual(3 * 10);
  });

  it('keeps every series config valid', () => {
    for (const series of plan.series) expect(parseRunConfig(series.config)).toMatchObject({ ok: true });
  });

  it('restricts strategies to chains', () => {
    const restricted = restrictToChains(base);
    const kinds = restricted.search.candidateSet.layers.map((entry) => entry.kind);
    expect(kinds).not.toContain('add');
    expect(kinds).not.toContain('concatenate');
    expect(restricted.search).toMatchObject({ maxModuleLayers: 2, maxBlueprintSlots: 1 });
    const free = strategyComparisonPlan(base, { strategies: ['random'], seeds: [1], budget: 5, chainsOnly: false });
    expect(free.series[0].config.search.maxBlueprintSlots).toBe(base.search.maxBlueprintSlots);
  });
});

describe('presetPlan', () => {
  it.each(PRESETS.map((preset) => [preset.id]))('plans %s with the chosen budget', (id) => {
    const preset = presetById(id);
    const plan = presetPlan(preset, { seeds: [4], budget: 6, epochs: 30 });
    expect(plan.series.map((series) => series.label)).toEqual(preset.variants.map((variant) => variant.label));
    for (const series of plan.series) {
      expect(series.config.training.epochs).toBe(30);
      const exhaustive = series.config.search.strategy === 'exhaustive';
      expect(series.config.search.maxEvaluations).toBe(exhaustive ? 0 : 6);
      expect(parseRunConfig(series.config)).toMatchObject({ ok: true });
    }
    expect(planRuns(plan).every((run) => run.seed === 4)).toBe(true);
  });

  it('marks presets across tasks', () => {
    expect(presetPlan(presetById('one-set-two-targets'), { seeds: [1], budget: 0, epochs: 10 }).acrossTasks).toBe(true);
    expect(presetPlan(presetById('parity-feedforward-vs-recurrent'), { seeds: [1], budget: 6, epochs: 10 }).acrossTasks).toBe(false);
  });
});

describe('parseSeeds', () => {
  it.each([
    ['1, 2, 3', [1, 2, 3]],
    ['7 7 8', [7, 8]],
  ])('reads "%s"', (text, seeds) => {
    expect(parseSeeds(text)).toEqual({ ok: true, seeds });
  });

  it.each([
    ['', /at least one seed/],
    ['1, -2', /Seed "-2" is not a whole number from 0 to 4294967295/],
    ['1.5', /Seed "1.5"/],
    ['1 2 3 4 5 6 7 8 9 10 11', /at most 10 seeds; got 11/],
  ])('rejects "%s"', (text, message) => {
    const parsed = parseSeeds(text);
    expect(parsed.ok ? '' : parsed.error).toMatch(message);
  });
});
