import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import type { TrainingSettings } from '../../src/train/types';
import { compareCandidates, type EvaluatedCandidate } from '../../src/workers/coordinator';
import { finalCandidates, retrainingEstimateMs } from '../../src/workers/final-training';

const SETTINGS: TrainingSettings = { epochs: 2, batchSize: 32, learningRate: 0.01, optimizer: 'adam', maxTrainRows: 1000 };
const DATASET = { train: { x: new Float32Array(0), y: new Float32Array(0), count: 4000 } };

function evaluated(id: string, hash: string, fitness: number, trainMs: number | null): EvaluatedCandidate {
  const genome = chainGenome([{ kind: 'dense', params: { units: 8 } }]);
  return {
    candidate: { id, generation: 0, genome, hash, origin: { type: 'random' } },
    metrics:
      trainMs === null
        ? null
        : {
            fitness, validationLoss: 0.1, validationAccuracy: fitness, testLoss: 0.1, testAccuracy: fitness,
            trainLoss: [0.5, 0.2], params: 100, flops: 100, epochs: 2, trainMs, backend: 'wasm',
          },
    fitness,
    reused: false,
    worker: 0,
    evaluation: 1,
    finishedAt: 0,
  };
}

describe('finalCandidates', () => {
  it('takes the best distinct trained architectures', () => {
    const results = [
      evaluated('a', 'h1', 0.8, 100),
      evaluated('b', 'h2', 0.9, 100),
      evaluated('c', 'h2', 0.9, 100),
      evaluated('d', 'h3', 0.95, null),
      evaluated('e', 'h4', 0.7, 100),
    ];
    expect(finalCandidates(results, 2, compareCandidates).map((e) => e.candidate.id)).toEqual(['b', 'a']);
    expect(finalCandidates(results, 5, compareCandidates).map((e) => e.candidate.id)).toEqual(['b', 'a', 'e']);
  });
});

describe('compareCandidates', () => {
  it('ranks regressions of fitness 0 by their R²', () => {
    // Fitness clips each negative R² to 0, but the R² still separates a bad network from a worse one.
    const withR2 = (id: string, validationR2: number): EvaluatedCandidate => {
      const result = evaluated(id, id, 0, 100);
      return { ...result, metrics: { ...result.metrics!, validationAccuracy: null, validationR2 } };
    };
    const ranked = [withR2('worst', -0.461), withR2('good', 0.249), withR2('bad', -0.027), withR2('worse', -0.068)];
    ranked[1] = { ...ranked[1], fitness: 0.249 };
    expect(ranked.sort(compareCandidates).map((result) => result.candidate.id)).toEqual(['good', 'bad', 'worse', 'worst']);
  });
});

describe('retraining time', () => {
  // 1000 ms for 2 epochs on 1000 of 4000 rows: 2000 ms an epoch on all rows, 2600 with the margin.
  const candidate = evaluated('a', 'h1', 0.9, 1000);

  it('scales the search time by epochs and rows', () => {
    expect(retrainingEstimateMs(candidate, SETTINGS, 4, DATASET)).toBeCloseTo(4 * 2600, 6);
  });
});
