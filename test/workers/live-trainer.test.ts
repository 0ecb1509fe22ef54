import { afterEach, describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { nodeAssetReader } from '../../src/data/node-assets';
import { loadDataset } from '../../src/data/tasks';
import type { Dataset } from '../../src/data/types';
import { evaluateCandidate } from '../../src/train/evaluate';
import type { EpochSnapshot } from '../../src/train/live';
import { probeFor } from '../../src/train/probe';
import type { TrainingSettings } from '../../src/train/types';
import { LiveTrainer } from '../../src/workers/live-trainer';
import { nodeWorkerFactory } from '../../src/workers/node-pool';
import type { WorkerFactory } from '../../src/workers/pool';
import { useBackend } from '../train/fixtures';

const NETWORK = chainGenome([{ kind: 'dense', params: { units: 8, activation: 'tanh' } }]);
const SETTINGS: TrainingSettings = { epochs: 3, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 };

const trainers: LiveTrainer[] = [];
afterEach(() => {
  for (const trainer of trainers.splice(0)) trainer.close();
});

const xor = (): Promise<Dataset> => loadDataset({ id: 'xor', samples: 200, noise: 0.1, seed: 1 }, nodeAssetReader());

async function startTrainer(dataset: Dataset, factory: WorkerFactory = nodeWorkerFactory): Promise<LiveTrainer> {
  const trainer = await LiveTrainer.start({ factory, backend: 'cpu', dataset });
  trainers.push(trainer);
  return trainer;
}

describe('LiveTrainer', () => {
  it('streams epochs and grid predictions from a worker thread', async () => {
    const dataset = await xor();
    const trainer = await startTrainer(dataset);
    const snapshots: EpochSnapshot[] = [];

    const outcome = await trainer.train({
      runId: 'r1',
      genome: NETWORK,
      settings: SETTINGS,
      seed: 9,
      probe: probeFor(dataset)!,
      onEpoch: (snapshot) => snapshots.push(snapshot),
    });
    await useBackend('cpu');
    const oracle = await evaluateCandidate(NETWORK, dataset, SETTINGS, 9);

    expect(trainer.backend).toBe('cpu');
    expect(outcome).toMatchObject({ ok: true, metrics: { validationAccuracy: oracle.validationAccuracy } });
    expect(snapshots.map((s) => s.record.epoch)).toEqual([1, 2, 3]);
    expect(snapshots.map((s) => s.record.batchLoss)).toEqual(oracle.trainLoss);
    expect(snapshots[0].prediction).toBeInstanceOf(Float32Array);
    expect(snapshots.at(-1)!.prediction).toHaveLength(50 * 50 * 2);
  });

  it('reports batches within each epoch', async () => {
    const dataset = await xor();
    const trainer = await startTrainer(dataset);
    const progress: { epoch: number; batch: number; batches: number }[] = [];

    await trainer.train({ runId: 'r1', genome: NETWORK, settings: SETTINGS, seed: 9, onEpoch: () => {}, onProgress: (step) => progress.push(step) });

    // Each epoch reports at least its last batch, of ceil(training rows / 32).
    const batches = Math.ceil(dataset.train.count / SETTINGS.batchSize);
    expect(progress.filter((step) => step.batch === batches).map((step) => step.epoch)).toEqual([1, 2, 3]);
    expect(progress.every((step) => step.batches === batches && step.batch >= 1 && step.batch <= batches)).toBe(true);
  });

  it('reports an invalid network as failed', async () => {
    const trainer = await startTrainer(await xor());
    const broken = { nodes: NETWORK.nodes.filter((gene) => gene.kind !== 'dense') };

    const outcome = await trainer.train({ runId: 'r2', genome: broken, settings: SETTINGS, seed: 1, onEpoch: () => {} });

    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid network:\n- Output head "output" takes input from "l1", which does not exist\./),
    });
  });

  it('resolves as stopped when closed mid-training', async () => {
    const trainer = await startTrainer(await xor());
    let epochs = 0;

    const outcome = await trainer.train({
      runId: 'r3',
      genome: NETWORK,
      settings: { ...SETTINGS, epochs: 500 },
      seed: 1,
      onEpoch: () => {
        epochs++;
        if (epochs === 2) trainer.close();
      },
    });

    expect(outcome).toEqual({ ok: false, message: 'Training was stopped.' });
    expect(epochs).toBe(2);
    await expect(trainer.train({ runId: 'r4', genome: NETWORK, settings: SETTINGS, seed: 1, onEpoch: () => {} })).resolves.toEqual({
      ok: false,
      message: 'The training worker is closed.',
    });
  });

  it('rejects start when the worker cannot start', async () => {
    const dataset = await xor();
    const failing: WorkerFactory = () => ({
      post: () => {},
      onMessage: (listener) => queueMicrotask(() => listener({ type: 'init-failed', message: 'no backend could start' })),
      onError: () => {},
      terminate: () => {},
    });

    await expect(startTrainer(dataset, failing)).rejects.toThrow(/^The training worker could not start: no backend could start$/);
  });

  it('terminates a worker stopped while starting', async () => {
    const dataset = await xor();
    let terminated = false;
    const silent: WorkerFactory = () => ({
      post: () => {},
      onMessage: () => {},
      onError: () => {},
      terminate: () => {
        terminated = true;
      },
    });
    const abort = new AbortController();

    const starting = LiveTrainer.start({ factory: silent, backend: 'cpu', dataset, signal: abort.signal });
    abort.abort();

    await expect(starting).rejects.toThrow(/^The training worker was stopped while starting\.$/);
    expect(terminated).toBe(true);
  });
});
