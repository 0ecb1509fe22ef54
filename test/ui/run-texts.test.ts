import { describe, expect, it } from 'vitest';
import { nodeAssetReader } from '../../src/data/node-assets';
import { defaultRunConfig } from '../../src/state/config';
import { buildRunFile } from '../../src/state/files/run-file';
import { Session } from '../../src/state/session/session';
import { starterGenome } from '../../src/state/starter';
import { createAppStore, type AppStore } from '../../src/state/store';
import { progressTexts, selectShownStrategy, selectStepUnit } from '../../src/ui/run/run-texts';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { RunConfig } from '../../src/workers/run-config';

/** A search on XOR small enough to run in a test: dense layers of 4 or 8 units, tanh or relu, one deep (4 chains). */
function smallConfig(strategy: 'exhaustive' | 'random'): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    search: {
      ...base.search,
      strategy,
      seed: 5,
      generations: 1,
      population: 2,
      networksPerBlueprint: 1,
      candidateSet: { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh', 'relu'] } }], maxDepth: 1 },
    },
    training: { ...base.training, epochs: 1 },
    finalEpochs: 0,
    backend: 'cpu',
    workers: 1,
  };
}

const texts = (app: AppStore) => ({ ...progressTexts(app.getState(), null), unit: selectStepUnit(app.getState()), strategy: selectShownStrategy(app.getState()) });

/** Changes every setting the run panel's words name, as a user may once a search has ended. */
function editSettings(app: AppStore, strategy: 'exhaustive' | 'random') {
  const { actions, config } = app.getState();
  actions.setStrategy(strategy);
  actions.setNumber('search.seed', 99);
  actions.setEarlyStopping('median');
  actions.setCandidateSet({ layers: [...config.search.candidateSet.layers, { kind: 'dense', params: { units: [16], activation: ['sigmoid'] } }], maxDepth: 2 });
}

describe('run panel texts', () => {
  it('keep an exhaustive run\'s settings after edits', async () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory }, { config: smallConfig('exhaustive') });
    await app.getState().actions.startSearch();
    const ran = texts(app);
    expect(ran.status).toBe('Search finished: every batch of chains was evaluated.');
    expect(ran.result).toMatch(/ is the best of all 4 chains of 1 layer from this candidate set, as trained with search seed 5\.$/);
    expect(ran.unit).toBe('batch');

    editSettings(app, 'random');

    expect(texts(app)).toEqual(ran);
  }, 60_000);

  it('keep another strategy\'s words after choosing exhaustive', async () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory }, { config: smallConfig('random') });
    await app.getState().actions.startSearch();

    editSettings(app, 'exhaustive');

    expect(texts(app)).toEqual({ status: 'Search finished: every generation was evaluated.', result: '', unit: 'generation', strategy: 'random' });
  }, 60_000);

  it('follow the chosen strategy before any run', () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory }, { config: smallConfig('random') });
    app.getState().actions.setStrategy('exhaustive');
    expect(selectStepUnit(app.getState())).toBe('batch');
  });

  it('come from an imported run\'s own config', async () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    const session = new Session(app, {
      address: { fragment: '', replace() {}, push() {} },
      openDatabase: () => Promise.reject(new Error('IndexedDB is not available in Node.')),
    });
    await session.start();
    // A run of all 4 chains, of which the file lists only the best.
    const config = { ...smallConfig('exhaustive'), seedGenome: starterGenome('xor') };
    const genome = starterGenome('xor');
    const best = {
      candidate: { id: 'g0-1', generation: 0, genome, hash: 'h1', origin: { type: 'random' as const } },
      metrics: null,
      fitness: 0.9,
      reused: false,
      worker: 0,
      evaluation: 1,
      finishedAt: 0,
    };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [best], generations: [], best, final: null, counts: null });
    await session.importRunFile(JSON.stringify(file), 'xor-run.json');

    const { config: runConfig, ...settings } = app.getState().run.settings!;
    expect(settings).toEqual({ strategy: 'exhaustive', seed: 5, earlyStopping: 'off', maxEvaluations: 0, space: { count: 4, maxDepth: 1 } });
    expect(runConfig.search.seed).toBe(5);
    expect(runConfig.seedGenome).toEqual(genome);
    const imported = texts(app);
    editSettings(app, 'random');
    expect(texts(app)).toEqual(imported);
  });

  it('come from a shared link\'s config', async () => {
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory });
    const session = new Session(app, {
      address: { fragment: '', replace() {}, push() {} },
      openDatabase: () => Promise.reject(new Error('IndexedDB is not available in Node.')),
    });
    await session.start();
    const { seedGenome: _seed, ...config } = smallConfig('exhaustive');
    const genome = starterGenome('xor');
    session.applyShare(
      {
        config,
        graph: genome,
        results: [{ id: 'g0-1', genome, fitness: 0.9, validationAccuracy: 0.9, testAccuracy: 0.88, validationR2: null, testR2: null, trainMs: 10, backend: 'cpu' }],
      },
      [],
    );

    expect(app.getState().run.settings?.strategy).toBe('exhaustive');
    // The link's network is the run's starting network, which the run file names.
    expect(app.getState().run.settings?.config.seedGenome).toEqual(genome);
    editSettings(app, 'random');
    expect(selectStepUnit(app.getState())).toBe('batch');
  });
});
