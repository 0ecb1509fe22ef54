import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { nodeAssetReader } from '../../src/data/node-assets';
import { defaultRunConfig } from '../../src/state/config';
import { paceKey } from '../../src/state/persist/pace-storage';
import { createAppStore } from '../../src/state/store';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { WorkerFactory } from '../../src/workers/pool';
import type { RunConfig } from '../../src/workers/run-config';

/** Milliseconds each worker takes to report ready, on top of its own start. */
const READY_DELAY_MS = 1_500;

/** Real Node workers whose ready message comes `READY_DELAY_MS` late, as a slow backend start would. */
const slowStartFactory: WorkerFactory = (index) => {
  const handle = nodeWorkerFactory(index);
  return {
    ...handle,
    onMessage(listener) {
      handle.onMessage((message) => {
        if (message.type === 'ready') setTimeout(() => listener(message), READY_DELAY_MS);
        else listener(message);
      });
    },
  };
};

function smallSearch(): RunConfig {
  const base = defaultRunConfig('xor');
  return {
    ...base,
    task: { ...base.task, samples: 100 },
    search: {
      ...base.search,
      strategy: 'random',
      generations: 1,
      population: 4,
      candidateSet: { layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh', 'relu'] } }], maxDepth: 2 },
    },
    training: { ...base.training, epochs: 2 },
    finalEpochs: 0,
    backend: 'cpu',
    workers: 1,
  };
}

describe('store pace', () => {
  it('counts the worker start in the start-up', async () => {
    const config = smallSearch();
    const graph = chainGenome([{ kind: 'dense', params: { units: 4, activation: 'tanh' } }]);
    const app = createAppStore({ readAsset: nodeAssetReader(), workerFactory: slowStartFactory }, { config, graph });

    await app.getState().actions.startSearch();

    expect(app.getState().run.outcome).toBe('completed');
    const pace = app.getState().paces[paceKey(config)];
    expect(pace).toBeDefined();
    expect(pace.candidates).toBeGreaterThanOrEqual(3);
    expect(pace.startupMs).toBeGreaterThanOrEqual(READY_DELAY_MS);
  });
});
