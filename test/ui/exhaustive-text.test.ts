import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/state/config';
import { estimateExhaustive } from '../../src/state/exhaustive-estimate';
import { presetById } from '../../src/state/presets';
import { exhaustiveBlocker, exhaustiveSummary } from '../../src/ui/inspector/exhaustive-text';

describe('exhaustiveSummary', () => {
  it('states chains, depth, primitives and time', () => {
    const estimate = estimateExhaustive(presetById('one-set-two-targets').variants[0].config, 2);
    expect(exhaustiveSummary(estimate)).toMatch(/^Trains 12 chains of 1 to 2 layers from 3 primitives: about \d+ s on 2 workers \(a rough estimate from the layer sizes\)\.$/);
    expect(exhaustiveBlocker(estimate)).toBeNull();
  });

  it('gives the rejection for a space above the limit', () => {
    const estimate = estimateExhaustive(defaultRunConfig('parity'), 1);
    expect(exhaustiveSummary(estimate)).toMatch(/chains .* above the limit of 2,000\. Shrink it:/);
    expect(exhaustiveBlocker(estimate)).toBe(estimate.rejection);
    expect(exhaustiveBlocker(null)).toBeNull();
  });

  it('says one layer and one worker in the singular', () => {
    const base = presetById('one-set-two-targets').variants[0].config;
    const config = { ...base, search: { ...base.search, candidateSet: { ...base.search.candidateSet, maxDepth: 1 } } };
    expect(exhaustiveSummary(estimateExhaustive(config, 1))).toMatch(/^Trains 3 chains of 1 layer .* on 1 worker /);
  });
});
