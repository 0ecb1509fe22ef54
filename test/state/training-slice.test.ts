import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome } from '../../src/core/genome';
import { nodeAssetReader } from '../../src/data/node-assets';
import { defaultRunConfig } from '../../src/state/config';
import { shapeContextOf } from '../../src/state/graph-context';
import { createAppStore, type AppStore } from '../../src/state/store';
import type { TrainingState } from '../../src/state/training-state';
import { nodeWorkerFactory } from '../../src/workers/node-pool';

const NETWORK = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'tanh' } }]);

function trainingStore(epochs: number, samples = 200): AppStore {
  const base = defaultRunConfig('xor');
  const config = {
    ...base,
    task: { ...base.task, samples },
    training: { ...base.training, epochs, maxTrainRows: 50 },
    backend: 'cpu' as const,
  };
  return createAppStore({ readAsset: nodeAssetReader(), workerFactory: nodeWorkerFactory }, { config, graph: NETWORK });
}

/** Resolves with the training state once `done` holds for it. */
function waitFor(store: AppStore, done: (training: TrainingState) => boolean): Promise<TrainingState> {
  return new Promise((resolve) => {
    if (done(store.getState().training)) resolve(store.getState().training);
    const unsubscribe = store.subscribe((state) => {
      if (!done(state.training)) return;
      unsubscribe();
      resolve(state.training);
    });
  });
}

describe('training slice', () => {
  it('trains the editor graph and keeps its plot', async () => {
    const store = trainingStore(3);

    await store.getState().trainingActions.startTraining();
    const training = store.getState().training;

    expect(training.phase).toBe('finished');
    expect(training.outcome).toBe('completed');
    expect(training.task).toBe('xor');
    expect(training.kind).toBe('classification');
    expect(training.settings?.maxTrainRows).toBe(0);
    expect(training.params).toBe(analyzeGenome(NETWORK, shapeContextOf(store.getState().config)).totalParams);
    expect(training.backend).toBe('cpu');
    expect(training.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(training.metrics?.validationAccuracy).toBeGreaterThanOrEqual(0);
    expect(training.plot?.probe.kind).toBe('grid');
    expect(training.plot?.points.count).toBe(120);
    expect(training.plot?.points.x).toHaveLength(240);
    expect(training.prediction?.epoch).toBe(3);
    expect(training.prediction?.values).toHaveLength(50 * 50 * 2);
  });

  it('trains despite search setting errors', async () => {
    const store = trainingStore(2);
    store.getState().actions.setCandidateSet({ ...store.getState().config.search.candidateSet, layers: [] });
    expect(store.getState().configErrors).toEqual(['search.candidateSet: The candidate set is empty: enable at least one layer kind.']);

    await store.getState().trainingActions.startTraining();

    expect(store.getState().training.outcome).toBe('completed');
    expect(store.getState().configErrors).toHaveLength(1);
  });

  it('stops mid-training and says where', async () => {
    // The maximum epochs the config allows, on enough rows that training outlasts the test.
    const store = trainingStore(200, 2000);

    const finished = store.getState().trainingActions.startTraining();
    await waitFor(store, (training) => training.epochs.length >= 2);
    store.getState().trainingActions.stopTraining();
    await finished;
    const training = store.getState().training;

    expect(training.phase).toBe('finished');
    expect(training.outcome).toBe('stopped');
    expect(training.message).toMatch(/^Stopped after epoch \d+\.$/);
    expect(training.metrics).toBeNull();
  });

  it('stops at once while the worker starts', async () => {
    const store = trainingStore(3);

    const finished = store.getState().trainingActions.startTraining();
    store.getState().trainingActions.stopTraining();
    const stopped = store.getState().training;
    await finished;

    expect(stopped.phase).toBe('finished');
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.message).toBe('Stopped before the first epoch ended.');
    expect(store.getState().training).toBe(stopped);
  });

  it('does not start while a search runs', async () => {
    const store = trainingStore(3);
    store.setState({ run: { ...store.getState().run, phase: 'running' } });

    await store.getState().trainingActions.startTraining();

    expect(store.getState().training.phase).toBe('idle');
  });

  it('reports invalid settings instead of starting', async () => {
    const store = trainingStore(3);
    store.setState({ config: { ...store.getState().config, training: { ...store.getState().config.training, epochs: 0 } } });

    await store.getState().trainingActions.startTraining();

    expect(store.getState().training.phase).toBe('idle');
    expect(store.getState().configErrors.join(' ')).toMatch(/training\.epochs/);
  });

  it('rejects a graph with a module slot', async () => {
    const store = trainingStore(3);
    const withSlot = {
      nodes: [...NETWORK.nodes.filter((gene) => gene.kind !== 'output'), { id: 's1', kind: 'moduleSlot' as const, params: {}, inputs: ['l1'] }, { id: 'output', kind: 'output' as const, params: {}, inputs: ['s1'] }],
    };
    store.getState().editorActions.loadGraph(withSlot);

    await store.getState().trainingActions.startTraining();

    expect(store.getState().training.phase).toBe('idle');
    expect(store.getState().configErrors).toEqual(['Module slot "s1" is filled only by a search; replace it with layers to train this network alone.']);
  });
});
