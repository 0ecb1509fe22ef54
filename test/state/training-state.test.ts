import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../src/train/live';
import type { EvaluationMetrics, TrainingSettings } from '../../src/train/types';
import {
  IDLE_TRAINING,
  applyTrainingEvent,
  beginTraining,
  isTrainingActive,
  type TrainingEvent,
  type TrainingPlot,
  type TrainingState,
} from '../../src/state/training-state';

const SETTINGS: TrainingSettings = { epochs: 3, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 };

const starting = (): TrainingState => beginTraining('t1', { task: 'xor', kind: 'classification', settings: SETTINGS, params: 42, startedAt: 1000 });

const record = (epoch: number): EpochRecord => ({
  epoch,
  epochs: 3,
  batchLoss: 1 / epoch,
  train: { loss: 1 / epoch, accuracy: 0.5 + epoch / 10, r2: null },
  validation: { loss: 1.1 / epoch, accuracy: 0.5 + epoch / 12, r2: null },
  elapsedMs: epoch * 100,
});

const METRICS: EvaluationMetrics = {
  fitness: 0.8,
  validationLoss: 0.4,
  validationAccuracy: 0.8,
  testLoss: 0.45,
  testAccuracy: 0.75,
  trainLoss: [1, 0.5, 0.33],
  params: 42,
  flops: 84,
  epochs: 3,
  trainMs: 300,
  backend: 'wasm',
};

const PLOT: TrainingPlot = {
  kind: 'classification',
  probe: { kind: 'grid', xRange: [-1, 1], yRange: [-1, 1], resolution: 2 },
  points: { x: new Float32Array([0, 0]), y: new Float32Array([1]), count: 1 },
  outputUnits: 2,
  classNames: ['a', 'b'],
};

const fold = (state: TrainingState, events: TrainingEvent[]) => events.reduce((folded, event) => applyTrainingEvent(folded, event, 5_000), state);

describe('applyTrainingEvent', () => {
  it('beginTraining clears the previous run', () => {
    const finished = fold(starting(), [{ type: 'epoch', runId: 't1', record: record(1) }, { type: 'finished', runId: 't1', metrics: METRICS }]);

    const next = beginTraining('t2', { task: 'circles', kind: 'classification', settings: SETTINGS, params: 7, startedAt: 2000 });

    expect(finished.epochs).toHaveLength(1);
    expect(next).toEqual({
      ...IDLE_TRAINING,
      runId: 't2',
      phase: 'starting',
      task: 'circles',
      kind: 'classification',
      settings: SETTINGS,
      params: 7,
      startedAt: 2000,
    });
  });

  it('moves to training once the backend is ready', () => {
    const state = fold(starting(), [
      { type: 'data-ready', runId: 't1', plot: PLOT },
      { type: 'backend-ready', runId: 't1', backend: 'wasm', note: 'webgpu unavailable: software adapter' },
    ]);

    expect(state.phase).toBe('training');
    expect(state.plot).toBe(PLOT);
    expect(state.backend).toBe('wasm');
    expect(state.backendNote).toBe('webgpu unavailable: software adapter');
  });

  it('appends epochs and keeps the latest prediction', () => {
    const first = new Float32Array([0.1, 0.9]);
    const state = fold(starting(), [
      { type: 'epoch', runId: 't1', record: record(1), prediction: first },
      { type: 'epoch', runId: 't1', record: record(2) },
    ]);

    expect(state.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(state.prediction).toEqual({ epoch: 1, values: first });

    const third = new Float32Array([0.7, 0.3]);
    const later = applyTrainingEvent(state, { type: 'epoch', runId: 't1', record: record(3), prediction: third });
    expect(later.prediction).toEqual({ epoch: 3, values: third });
  });

  it('finishes with the final metrics', () => {
    const state = applyTrainingEvent(starting(), { type: 'finished', runId: 't1', metrics: METRICS });

    expect(state.phase).toBe('finished');
    expect(state.outcome).toBe('completed');
    expect(state.metrics).toBe(METRICS);
    expect(state.message).toBeNull();
    expect(isTrainingActive(state)).toBe(false);
  });

  it('marks a diverged run with its reason', () => {
    const reason = 'Training loss became NaN at epoch 2, batch 3 of 10.';
    const state = applyTrainingEvent(starting(), { type: 'finished', runId: 't1', metrics: { ...METRICS, fitness: 0, diverged: reason } });

    expect(state.outcome).toBe('diverged');
    expect(state.message).toBe(reason);
  });

  it('keeps the failure message', () => {
    const state = applyTrainingEvent(starting(), { type: 'failed', runId: 't1', message: 'The training worker could not start: no backend' });

    expect(state.phase).toBe('finished');
    expect(state.outcome).toBe('failed');
    expect(state.message).toMatch(/^The training worker could not start/);
  });

  const stops: { name: string; epochs: number; message: RegExp }[] = [
    { name: 'before the first epoch', epochs: 0, message: /^Stopped before the first epoch ended\.$/ },
    { name: 'after two epochs', epochs: 2, message: /^Stopped after epoch 2\.$/ },
  ];
  for (const { name, epochs, message } of stops) {
    it(`says where it stopped ${name}`, () => {
      const events: TrainingEvent[] = Array.from({ length: epochs }, (_, i) => ({ type: 'epoch', runId: 't1', record: record(i + 1) }));
      const state = fold(starting(), [...events, { type: 'stopped', runId: 't1' }]);

      expect(state.outcome).toBe('stopped');
      expect(state.message).toMatch(message);
      expect(state.endedAt).toBe(5_000);
    });
  }

  it('follows the batches of an epoch under way', () => {
    const halfway = fold(starting(), [{ type: 'batches', runId: 't1', epoch: 1, fraction: 0.5 }]);
    expect(halfway.partial).toEqual({ epoch: 1, fraction: 0.5 });

    // The epoch's own event ends it, and a late report of a finished epoch is ignored.
    const ended = fold(halfway, [{ type: 'epoch', runId: 't1', record: record(1) }, { type: 'batches', runId: 't1', epoch: 1, fraction: 1 }]);
    expect(ended.partial).toBeNull();
    expect(fold(ended, [{ type: 'stopped', runId: 't1' }]).partial).toBeNull();
  });

  it('drops events of another run', () => {
    const state = starting();

    const next = fold(state, [
      { type: 'epoch', runId: 'old', record: record(1) },
      { type: 'finished', runId: 'old', metrics: METRICS },
      { type: 'stopped', runId: 'old' },
    ]);

    expect(next).toBe(state);
  });

  it('ignores events after the run finished', () => {
    const finished = applyTrainingEvent(starting(), { type: 'finished', runId: 't1', metrics: METRICS });

    const next = fold(finished, [{ type: 'stopped', runId: 't1' }, { type: 'epoch', runId: 't1', record: record(3) }]);

    expect(next).toBe(finished);
  });
});

describe('isTrainingActive', () => {
  const phases: [TrainingState['phase'], boolean][] = [
    ['idle', false],
    ['starting', true],
    ['training', true],
    ['stopping', true],
    ['finished', false],
  ];
  for (const [phase, active] of phases) {
    it(`is ${active} when ${phase}`, () => {
      expect(isTrainingActive({ ...IDLE_TRAINING, phase })).toBe(active);
    });
  }
});
