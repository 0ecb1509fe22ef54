import { describe, expect, it } from 'vitest';
import { exhaustiveBatchUnit } from '../../src/ui/inspector/SearchSettings';

describe('exhaustiveBatchUnit', () => {
  it('names the population as the batch size', () => {
    expect(exhaustiveBatchUnit(8, 1)).toBe('chains per batch');
  });

  it('counts a batch of several networks per blueprint', () => {
    expect(exhaustiveBatchUnit(8, 2)).toBe('16 chains per batch');
    expect(exhaustiveBatchUnit(600, 2)).toBe('1,200 chains per batch');
  });
});
