import { describe, expect, it } from 'vitest';
import { IDLE_COMPARISON } from '../../src/state/comparison-state';
import { comparisonStatus } from '../../src/ui/compare/ComparisonProgress';

describe('comparisonStatus', () => {
  it('describes an idle comparison', () => {
    expect(comparisonStatus(IDLE_COMPARISON, () => 0)).toBe('No comparison has run yet.');
  });

  it('says why a comparison cannot start', () => {
    expect(comparisonStatus(IDLE_COMPARISON, () => 0, 'A search is running; stop it on the Search tab first.')).toBe(
      'Not ready to compare: A search is running; stop it on the Search tab first.',
    );
  });
});
