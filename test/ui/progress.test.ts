import { describe, expect, it } from 'vitest';
import { runProgress } from '../../src/ui/run/progress';
import { candidate, evaluated, runState, summary } from './run-fixtures';

const batch0 = [0, 1, 2, 3].map((index) => candidate(0, index));
const batch1 = [0, 1, 2, 3].map((index) => candidate(1, index));
const doneGeneration0 = batch0.map((source, index) => evaluated(source, index + 1, 0.5));

describe('runProgress', () => {
  it('counts done, training and queued in the first generation', () => {
    const progress = runProgress(
      runState({
        currentBatch: batch0,
        evaluations: [evaluated(batch0[0], 1, 0.6)],
        inFlight: { 'g0-1': { epoch: 1, epochs: 5, loss: 0.6 }, 'g0-2': { epoch: 0, epochs: 5, loss: 0.7 } },
      }),
    );
    expect(progress).toEqual({ generationsDone: 0, totalGenerations: 2, evaluated: 1, reused: 0, training: 2, queued: 1, fraction: 1 / 8 });
  });

  it('counts a finished generation once', () => {
    const progress = runProgress(runState({ currentBatch: batch0, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] }));
    expect(progress.fraction).toBe(0.5);
    expect(progress.generationsDone).toBe(1);
    expect(progress.queued).toBe(0);
  });

  it('moves to the next generation when it starts', () => {
    const progress = runProgress(
      runState({ generation: 1, currentBatch: batch1, evaluations: doneGeneration0, generations: [summary(0, [0.5, 0.5])] }),
    );
    expect(progress.generationsDone).toBe(1);
    expect(progress.queued).toBe(4);
    expect(progress.fraction).toBe(0.5);
  });

  it('reports an idle run as nothing done', () => {
    const progress = runProgress(runState({ phase: 'idle', totalGenerations: 0 }));
    expect(progress).toEqual({ generationsDone: 0, totalGenerations: 0, evaluated: 0, reused: 0, training: 0, queued: 0, fraction: 0 });
  });
});
