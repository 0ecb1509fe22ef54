import { describe, expect, it } from 'vitest';
import { phaseText } from '../../src/ui/run/phase-text';

describe('phaseText', () => {
  it('says searching while candidates train', () => {
    expect(phaseText({ phase: 'running', outcome: null, finalTraining: null })).toBe('Searching…');
  });

  it('says retraining while the final retraining runs', () => {
    expect(phaseText({ phase: 'running', outcome: null, finalTraining: 'g5-1-final' })).toMatch(/^Retraining the best candidates on all training rows/);
  });

  it('names the time budget as the end of a run', () => {
    expect(phaseText({ phase: 'finished', outcome: 'time-budget' })).toMatch(/time budget/);
  });
});
