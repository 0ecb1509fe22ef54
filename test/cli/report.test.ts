import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/cli/report';
import { chainGenome } from '../../src/core/genome';
import { defaultRunConfig } from '../../src/state/config';
import type { EvaluatedCandidate, RunResult } from '../../src/workers/coordinator';

describe('summaryTable', () => {
  const iris = defaultRunConfig('iris');
  const emptyRun = (generations: number): RunResult => ({
    runId: 'r',
    status: 'completed',
    best: null,
    final: null,
    candidates: [],
    generations: Array.from({ length: generations }, (_, generation) => ({ generation, populations: [] })),
    elapsedMs: 1000,
  });

  it('writes one generation in the singular', () => {
    expect(summaryTable(emptyRun(1), ['wasm'], iris).split('\n')[0]).toMatch(/0 evaluations, 0 trained, 1 generation, backend wasm\.$/);
  });

  it('writes several generations in the plural', () => {
    expect(summaryTable(emptyRun(3), ['wasm'], iris).split('\n')[0]).toMatch(/, 3 generations, /);
  });

  it('writes R² for a retrained regression network', () => {
    const final = {
      candidate: { id: 'g0-0-final', hash: 'h', genome: chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]) },
      metrics: { fitness: 0.981, validationLoss: 0.02, validationAccuracy: null, testLoss: 0.03, testAccuracy: null, validationR2: 0.981, testR2: 0.975, trainLoss: [0.1], params: 33, flops: 66, epochs: 40, trainMs: 200, backend: 'wasm' },
      fitness: 0.981,
      reused: false,
      worker: 0,
      evaluation: 1,
      finishedAt: 1000,
    } as unknown as EvaluatedCandidate;
    const text = summaryTable({ ...emptyRun(1), final }, ['wasm'], defaultRunConfig('sin'));
    expect(text).toMatch(/^Retrained on all training rows for 40 epochs: validation R² 0\.981, test R² 0\.975, 0\.2 s\.$/m);
  });

  it('says when the final network scores below the best', () => {
    const candidate = (id: string, fitness: number, epochs: number) =>
      ({
        candidate: { id, hash: id, genome: chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]) },
        metrics: { fitness, validationLoss: 0.2, validationAccuracy: fitness, testLoss: 0.2, testAccuracy: fitness, trainLoss: [0.1], params: 33, flops: 66, epochs, trainMs: 200, backend: 'wasm' },
        fitness,
        reused: false,
        worker: 0,
        evaluation: 1,
        finishedAt: 1000,
      }) as unknown as EvaluatedCandidate;
    const text = summaryTable({ ...emptyRun(1), best: candidate('g0-1', 0.99, 30), final: candidate('g0-1-final', 0.9, 1) }, ['wasm'], iris);
    expect(text).toMatch(/^Retrained on all training rows for 1 epoch: validation 90\.0%/m);
    expect(text).toMatch(/^The final network scores below the search's best g0-1 on validation, which trained for 30 epochs: raise --final-epochs\.$/m);
  });

  /** A regression candidate whose training loss became NaN, scored as the trainer scores it. */
  const diverged = (id: string) =>
    ({
      candidate: { id, hash: id, genome: chainGenome([{ kind: 'dense', params: { units: 8, activation: 'relu' } }]) },
      metrics: { fitness: 0, validationLoss: NaN, validationAccuracy: null, testLoss: NaN, testAccuracy: null, trainLoss: [NaN], params: 33, flops: 66, epochs: 3, trainMs: 200, backend: 'wasm', diverged: 'Training loss became NaN at epoch 1, batch 2 of 4.' },
      fitness: 0,
      reused: false,
      worker: 0,
      evaluation: 1,
      finishedAt: 1000,
    }) as unknown as EvaluatedCandidate;

  describe('when every candidate diverged', () => {
    const sin = defaultRunConfig('sin');
    const config = { ...sin, finalEpochs: 20, training: { ...sin.training, learningRate: 0.5 } };
    const run = { ...emptyRun(1), best: diverged('g0-1'), candidates: [diverged('g0-0'), diverged('g0-1')] };
    const text = summaryTable(run, ['wasm'], config);

    it('says so with the learning rate', () => {
      expect(text).toMatch(/^Every candidate diverged \(its training loss became NaN or infinite\), so the search has no usable network\. Lower --learning-rate from 0\.5, for example to 0\.05, and run again\.$/m);
    });

    it('prints no percentage for regression', () => {
      expect(text).not.toMatch(/%/);
      expect(text).not.toMatch(/^Best:/m);
    });

    it('says the final retraining was skipped', () => {
      expect(text).toMatch(/^Skipped the final retraining \(--final-epochs 20\): no candidate finished training without diverging or failing\.$/m);
    });
  });
});
