import { describe, expect, it } from 'vitest';
import { nodeAssetReader } from '../../src/data/node-assets';
import { defaultRunConfig } from '../../src/state/config';
import { strategyComparisonPlan } from '../../src/state/comparison-plan';
import { createAppStore } from '../../src/state/store';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { RunConfig } from '../../src/workers/run-config';

/** Dense layers of 4 or 8 units with tanh or relu, chains of one or two: 4 + 16 = 20 chains. */
function smallConfig(): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 100 },
    search: {
      ...base.search,
      population: 4,
      modulePopulation: 6,
      candidateSet: { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh', 'relu'] } }], maxDepth: 2 },
    },
    training: { ...base.training, epochs: 3 },
    backend: 'wasm',
    workers: 2,
  };
}

const environment = { readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory };

describe('comparison slice with real workers', () => {
  it('bounds random search by the optimum', async () => {
    const store = createAppStore(environment, { config: smallConfig() });
    const plan = strategyComparisonPlan(smallConfig(), { strategies: ['random', 'exhaustive'], seeds: [1], budget: 4, chainsOnly: true });
    await store.getState().comparisonActions.startComparison(plan);

    const { comparison } = store.getState();
    expect(comparison.phase).toBe('finished');
    expect(comparison.message).toBeNull();
    const [random, exhaustive] = comparison.runs;
    expect(random).toMatchObject({ seriesId: 'random', status: 'completed', trained: 4 });
    expect(exhaustive).toMatchObject({ seriesId: 'exhaustive', status: 'completed', trained: 20 });
    expect(exhaustive.curve).toHaveLength(20);
    for (const run of [random, exhaustive]) {
      const bests = run.curve.map((point) => point.best);
      expect(bests).toEqual([...bests].sort((a, b) => a - b));
    }
    // Training seeds follow the search seed and the architecture, so each architecture
    // random search trained has the fitness the enumeration gave it.
    const enumerated = new Map(exhaustive.architectures.map((entry) => [entry.hash, entry.fitness]));
    for (const entry of random.architectures) expect(enumerated.get(entry.hash)).toBe(entry.fitness);
    expect(random.best!.fitness).toBeLessThanOrEqual(exhaustive.best!.fitness);
  }, 60_000);

  it('stops and leaves the rest queued', async () => {
    const store = createAppStore(environment, { config: smallConfig() });
    const plan = strategyComparisonPlan(smallConfig(), { strategies: ['exhaustive', 'random'], seeds: [1, 2], budget: 4, chainsOnly: true });
    const unsubscribe = store.subscribe((state) => {
      if (state.comparison.runs[0]?.trained >= 2) store.getState().comparisonActions.stopComparison();
    });
    await store.getState().comparisonActions.startComparison(plan);
    unsubscribe();

    const { comparison } = store.getState();
    expect(comparison.phase).toBe('finished');
    expect(comparison.message).toMatch(/Stopped: the runs not started were skipped/);
    expect(comparison.runs[0].status).toBe('stopped');
    expect(comparison.runs[0].trained).toBeLessThan(20);
    expect(comparison.runs.slice(1).map((run) => run.status)).toEqual(['queued', 'queued', 'queued']);
  }, 60_000);

  it('rejects a blocked or empty plan', async () => {
    const store = createAppStore(environment, { config: smallConfig() });
    store.setState({ run: { ...store.getState().run, phase: 'running' } });
    const plan = strategyComparisonPlan(smallConfig(), { strategies: ['random'], seeds: [1], budget: 2, chainsOnly: true });
    await store.getState().comparisonActions.startComparison(plan);
    expect(store.getState().comparison.message).toMatch(/A search is running; stop it on the Search tab first/);

    store.setState({ run: { ...store.getState().run, phase: 'idle' } });
    await store.getState().comparisonActions.startComparison({ ...plan, series: [] });
    expect(store.getState().comparison.message).toMatch(/Choose at least one strategy/);
  });
});
