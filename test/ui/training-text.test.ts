import { describe, expect, it } from 'vitest';
import { IDLE_TRAINING, beginTraining, type TrainingState } from '../../src/state/training-state';
import type { EpochRecord } from '../../src/train/live';
import { curveRows, regressionScores, scoreOf, trainBlockReason, trainingStatus } from '../../src/ui/training/training-text';

const SETTINGS = { epochs: 20, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 0 } as const;

const record = (epoch: number, overrides: Partial<EpochRecord> = {}): EpochRecord => ({
  epoch,
  epochs: 20,
  batchLoss: 0.5,
  train: { loss: 0.4, accuracy: 0.875, r2: null },
  validation: { loss: 0.5, accuracy: 0.8, r2: null },
  elapsedMs: epoch * 10,
  ...overrides,
});

const training = (overrides: Partial<TrainingState>): TrainingState => ({
  ...beginTraining('t', { task: 'xor', kind: 'classification', settings: SETTINGS, params: 10, startedAt: 0 }),
  ...overrides,
});

describe('trainingStatus', () => {
  const cases: [string, TrainingState, RegExp][] = [
    ['idle', IDLE_TRAINING, /^Press Train to train the network in the editor alone\.$/],
    ['starting', training({}), /^Starting: loading the data and the training worker…$/],
    ['training', training({ phase: 'training', epochs: [record(1), record(2)] }), /^Training: epoch 3 of 20$/],
    ['last epoch', training({ phase: 'training', epochs: Array.from({ length: 20 }, (_, i) => record(i + 1)) }), /^Training: epoch 20 of 20$/],
    ['stopping', training({ phase: 'stopping' }), /^Stopping…$/],
    ['completed', training({ phase: 'finished', outcome: 'completed', epochs: [record(1)] }), /^Training finished after 1 epoch\.$/],
    ['diverged', training({ phase: 'finished', outcome: 'diverged', message: 'Training loss became NaN at epoch 2.' }), /^Training diverged: Training loss became NaN at epoch 2\.$/],
    ['stopped', training({ phase: 'finished', outcome: 'stopped', message: 'Stopped after epoch 4.' }), /^Training stopped\. Stopped after epoch 4\.$/],
    ['failed', training({ phase: 'finished', outcome: 'failed', message: 'The worker crashed.' }), /^Training failed: The worker crashed\.$/],
  ];
  for (const [name, state, expected] of cases) {
    it(`describes ${name}`, () => {
      expect(trainingStatus(state)).toMatch(expected);
    });
  }

  it('says why Train is disabled', () => {
    expect(trainingStatus(IDLE_TRAINING, 'A search is running; stop it on the Search tab first.')).toBe(
      'Not ready to train: A search is running; stop it on the Search tab first.',
    );
  });
});

describe('trainBlockReason', () => {
  it('blocks training during a search', () => {
    expect(trainBlockReason(true, 0, null)).toMatch(/^A search is running; stop it on the Search tab first\.$/);
  });

  it('blocks training on invalid settings', () => {
    expect(trainBlockReason(false, 2, null)).toMatch(/^Fix the settings listed in the alert first\.$/);
  });

  it('passes on the graph problem', () => {
    expect(trainBlockReason(false, 0, 'Fix the network first: x')).toBe('Fix the network first: x');
  });

  it('allows a valid network', () => {
    expect(trainBlockReason(false, 0, null)).toBeNull();
  });
});

describe('curveRows', () => {
  it('gives losses per epoch', () => {
    expect(curveRows([record(1), record(2)], 'loss', 'classification')).toEqual([
      { epoch: 1, train: 0.4, validation: 0.5 },
      { epoch: 2, train: 0.4, validation: 0.5 },
    ]);
  });

  it('gives accuracy in percent', () => {
    expect(curveRows([record(1)], 'score', 'classification')).toEqual([{ epoch: 1, train: 87.5, validation: 80 }]);
  });

  it('turns values that are not finite into gaps', () => {
    const broken = record(1, { train: { loss: Number.NaN, accuracy: 0.5, r2: null }, validation: { loss: Infinity, accuracy: 0.5, r2: null } });

    expect(curveRows([broken], 'loss', 'classification')).toEqual([{ epoch: 1, train: null, validation: null }]);
  });
});

describe('regressionScores', () => {
  it('shows a negative R² as it is', () => {
    // The fitness of a network worse than the mean is 0, and the R² shows by how much it is worse.
    expect(regressionScores({ fitness: 0, validationR2: -0.085, testR2: 0.329 })).toEqual({ validation: '-0.085', test: '0.329' });
  });

  it('falls back to the fitness without an R²', () => {
    expect(regressionScores({ fitness: 0.5 })).toEqual({ validation: '0.500', test: null });
  });
});

describe('scoreOf', () => {
  const cases: [string, Parameters<typeof scoreOf>, number | null][] = [
    ['accuracy in percent', [{ loss: 1, accuracy: 0.12345, r2: null }, 'classification'], 12.35],
    ['R² of a regression', [{ loss: 1, accuracy: null, r2: 0.75 }, 'regression'], 0.75],
    ['negative R² clipped at 0', [{ loss: 1, accuracy: null, r2: -3 }, 'regression'], 0],
    ['missing R² as null', [{ loss: 1, accuracy: null, r2: null }, 'regression'], null],
  ];
  for (const [name, args, expected] of cases) {
    it(`gives ${name}`, () => {
      expect(scoreOf(...args)).toBe(expected);
    });
  }
});
