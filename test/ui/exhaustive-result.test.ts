import { describe, expect, it } from 'vitest';
import type { EarlyStoppingRule } from '../../src/core/early-stopping';
import type { RunSettings } from '../../src/state/run-state';
import type { RunStatus } from '../../src/workers/coordinator';
import { exhaustiveResultText } from '../../src/ui/run/exhaustive-result';
import { candidate, evaluated, runState } from './run-fixtures';

/** A finished run that trained `trained` distinct chains, the second of them the best (the first when it trained one). */
function finishedRun(trained: number, outcome: RunStatus = 'completed') {
  const evaluations = Array.from({ length: trained }, (_, index) => evaluated(candidate(Math.floor(index / 4), index % 4), index + 1, index === 1 ? 0.98 : 0.7));
  return runState({ phase: 'finished', outcome, evaluations, best: evaluations[Math.min(1, trained - 1)] ?? null });
}

/** The settings of an exhaustive run whose space contains `count` chains of 1 to `maxDepth` layers. */
function settings(count: number, maxDepth: number, seed: number, earlyStopping: EarlyStoppingRule = 'off', maxEvaluations = 0): Omit<RunSettings, 'config'> {
  return { strategy: 'exhaustive', seed, earlyStopping, maxEvaluations, space: { count, maxDepth } };
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
    expect(exhaustiveResultText(finishedRun(3), settings(3, 1, 3, 'median'))).toBe(
      'Exhaustive: g0-1 is the best of all 3 chains of 1 layer from this candidate set, as trained with search seed 3.' +
        " Early stopping (Median rule) cut some chains' training short, and one of those might have done better.",
    );
    expect(exhaustiveResultText(finishedRun(3), settings(3, 1, 3, 'halving'))).toMatch(/ Early stopping \(Successive halving\) cut /);
    expect(exhaustiveResultText(finishedRun(3), settings(3, 1, 3, 'off'))).not.toMatch(/Early stopping/);
  });

  it('names a space of one or two chains', () => {
    expect(exhaustiveResultText(finishedRun(2), settings(2, 1, 3))).toBe('Exhaustive: g0-1 is the best of both chains of 1 layer from this candidate set, as trained with search seed 3.');
    expect(exhaustiveResultText(finishedRun(1), settings(1, 1, 3))).toBe('Exhaustive: g0-0 is the only chain of 1 layer from this candidate set, as trained with search seed 3.');
  });

  it('claims no optimum for part of the space', () => {
    expect(exhaustiveResultText(finishedRun(5, 'failed'), settings(1190, 2, 7))).toBe(
      'Exhaustive: g0-1 is the best of the 5 of 1,190 chains trained before the search ended, so it need not be the optimum of this candidate set.',
    );
  });

  it('names what ended the search early', () => {
    expect(exhaustiveResultText(finishedRun(80), settings(1190, 2, 7, 'off', 80))).toBe(
      'Exhaustive: g0-1 is the best of the 80 of 1,190 chains trained before the evaluation budget of 80 stopped the search, so it need not be the optimum of this candidate set.',
    );
    expect(exhaustiveResultText(finishedRun(5, 'time-budget'), settings(1190, 2, 7))).toMatch(/ of 1,190 chains trained before the time budget ran out, so /);
    expect(exhaustiveResultText(finishedRun(5, 'stopped'), settings(1190, 2, 7))).toMatch(/ of 1,190 chains trained before the search was stopped, so /);
    expect(exhaustiveResultText(finishedRun(1, 'stopped'), settings(1190, 2, 7))).toBe(
      'Exhaustive: g0-0 is the only one of 1,190 chains trained before the search was stopped, so it need not be the optimum of this candidate set.',
    );
  });

  it('stays empty before the run ends', () => {
    expect(exhaustiveResultText({ ...finishedRun(6), phase: 'running' }, settings(6, 2, 7))).toBe('');
    expect(exhaustiveResultText({ ...finishedRun(0), best: null }, settings(6, 2, 7))).toBe('');
  });
});
