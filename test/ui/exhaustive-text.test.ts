import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/state/config';
import { estimateExhaustive, expectedTrainRows } from '../../src/state/exhaustive-estimate';
import { exhaustiveWall } from '../../src/state/run-pace';
import { presetById } from '../../src/state/presets';
import { exhaustiveBlocker, exhaustiveSummary } from '../../src/ui/inspector/exhaustive-text';

describe('exhaustiveSummary', () => {
  it('states chains, depth, primitives and time', () => {
    const config = presetById('one-set-two-targets').variants[0].config;
    const estimate = estimateExhaustive(config, 2);
    const guess = exhaustiveWall(estimate, config, null, expectedTrainRows(config));
    expect(exhaustiveSummary(estimate, guess)).toMatch(/^Trains 12 chains of 1 to 2 layers from 3 primitives: (roughly \d+ s|under 10 s) on 2 workers \(a rough guess from the layer sizes; after a first search here, the estimate uses this machine's measured pace\)\.$/);
    const measured = exhaustiveWall(estimate, config, { wallPerModelMs: 2, startupMs: 2_500, candidates: 12 }, expectedTrainRows(config));
    expect(exhaustiveSummary(estimate, measured)).toMatch(/^Trains 12 chains .*: about \d+ s on 2 workers, at the pace of the last search of this task in this browser\.$/);
    expect(exhaustiveBlocker(estimate)).toBeNull();
  });

  it('gives the rejection for a space above the limit', () => {
    const estimate = estimateExhaustive(defaultRunConfig('parity'), 1);
    expect(exhaustiveSummary(estimate, null)).toMatch(/chains .* above the limit of 2,000\. Shrink it:/);
    expect(exhaustiveBlocker(estimate)).toBe(estimate.rejection);
    expect(exhaustiveBlocker(null)).toBeNull();
  });

  it('names the chains an evaluation budget leaves', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const config = { ...base, search: { ...base.search, maxEvaluations: 5 } };
    const estimate = estimateExhaustive(config, 2);
    const wall = exhaustiveWall(estimate, config, null, expectedTrainRows(config));
    expect(exhaustiveSummary(estimate, wall)).toMatch(/^Trains the first 5 of 12 chains of 1 to 2 layers from 3 primitives \(the evaluation budget\): /);
  });

  it('says when the time budget ends the search first', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const config = { ...base, timeBudgetSeconds: 30 };
    const estimate = estimateExhaustive(config, 2);
    const slowPace = { wallPerModelMs: 1_000, startupMs: 2_500, candidates: 12 };
    const wall = exhaustiveWall(estimate, config, slowPace, expectedTrainRows(config));
    expect(wall?.reachesTimeBudget).toBe(true);
    expect(exhaustiveSummary(estimate, wall)).toBe(
      'Trains 12 chains of 1 to 2 layers from 3 primitives, but needs more than its time budget of 30 s on 2 workers: the search stops there, before the last chains.',
    );
  });

  it('says may for an unmeasured time budget', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const estimate = estimateExhaustive(base, 2);
    expect(exhaustiveSummary(estimate, { ms: 30_000, measured: false, reachesTimeBudget: true })).toBe(
      'Trains 12 chains of 1 to 2 layers from 3 primitives, but may need more than its time budget of 30 s on 2 workers (a rough guess from the layer sizes): the search would stop there, before the last chains.',
    );
  });

  it('says when only the retraining is cut', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const estimate = estimateExhaustive(base, 2);
    expect(exhaustiveSummary(estimate, { ms: 30_000, measured: true, shortensRetraining: true })).toBe(
      'Trains 12 chains of 1 to 2 layers from 3 primitives within its time budget of 30 s on 2 workers, at the pace of the last search of this task in this browser, but the budget cuts the final retraining short.',
    );
    expect(exhaustiveSummary(estimate, { ms: 30_000, measured: false, shortensRetraining: true })).toBe(
      'Trains 12 chains of 1 to 2 layers from 3 primitives within its time budget of 30 s on 2 workers (a rough guess from the layer sizes), but the budget may cut the final retraining short.',
    );
  });

  it('says one layer and one worker in the singular', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const config = { ...base, search: { ...base.search, candidateSet: { ...base.search.candidateSet, maxDepth: 1 } } };
    expect(exhaustiveSummary(estimateExhaustive(config, 1), { ms: 20_000, measured: false })).toMatch(/^Trains 3 chains of 1 layer .*: roughly 20 s on 1 worker /);
  });
});
