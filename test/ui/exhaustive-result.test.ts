import { describe, expect, it } from 'vitest';
import type { EarlyStoppingRule } from '../../src/core/early-stopping';
import type { RunSettings } from '../../src/state/run-state';
import { exhaustiveResultText } from '../../src/ui/run/exhaustive-result';
import { candidate, evaluated, runState } from './run-fixtures';

/** A finished run that trained `trained` distinct chains, the second of them the best. */
function finishedRun(trained: number) {
  const evaluations = Array.from({ length: trained }, (_, index) => evaluated(candidate(Math.floor(index / 4), index % 4), index + 1, index === 1 ? 0.98 : 0.7));
  return runState({ phase: 'finished', outcome: 'completed', evaluations, best: evaluations[1] });
}

/** The settings of an exhaustive run whose space holds `count` chains of 1 to `maxDepth` layers. */
function settings(count: number, maxDepth: number, seed: number, earlyStopping: EarlyStoppingRule = 'off'): RunSettings {
  return { strategy: 'exhaustive', seed, earlyStopping, maxEvaluations: 0, space: { count, maxDepth } };
}

describe('exhaustiveResultText', () => {
  it('names the optimum of a fully trained space', () => {
    expect(exhaustiveResultText(finishedRun(6), settings(6, 2, 7))).toBe(
      'Exhaustive: g0-1 is the best of all 6 chains of 1 to 2 layers from this candidate set, as trained with search seed 7.',
    );
  });

  it('counts a chain trained twice once', () => {
    const run = finishedRun(3);
    const again = evaluated(run.evaluations[0].candidate, 4, 0.7, { reused: true });
    expect(exhaustiveResultText({ ...run, evaluations: [...run.evaluations, again] }, settings(4, 1, 1))).toMatch(/^Exhaustive: g0-1 is the best of the 3 of 4 chains trained/);
  });

  it('warns that early stopping weakens the optimum', () => {
    expect(exhaustiveResultText(finishedRun(2), settings(2, 1, 3, 'median'))).toBe(
      'Exhaustive: g0-1 is the best of all 2 chains of 1 layer from this candidate set, as trained with search seed 3.' +
        " Early stopping (median) cut some chains' training short, and one of those might have done better.",
    );
    expect(exhaustiveResultText(finishedRun(2), settings(2, 1, 3, 'off'))).not.toMatch(/Early stopping/);
  });

  it('claims no optimum for part of the space', () => {
    expect(exhaustiveResultText(finishedRun(5), settings(1190, 2, 7))).toBe(
      'Exhaustive: g0-1 is the best of the 5 of 1,190 chains trained before the search ended, so it need not be the optimum of this candidate set.',
    );
  });

  it('stays empty before the run ends', () => {
    expect(exhaustiveResultText({ ...finishedRun(6), phase: 'running' }, settings(6, 2, 7))).toBe('');
    expect(exhaustiveResultText({ ...finishedRun(0), best: null }, settings(6, 2, 7))).toBe('');
  });
});
