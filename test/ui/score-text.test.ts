import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/state/config';
import { IDLE_RUN } from '../../src/state/run-state';
import { fitnessTickText, formatScore, runTaskKind } from '../../src/ui/run/score-text';

describe('formatScore', () => {
  it('classification shows accuracy in percent', () => {
    expect(formatScore('classification', 0.9375, null)).toBe('93.8%');
  });

  it('regression shows R², not a percentage', () => {
    expect(formatScore('regression', null, 0.91234)).toBe('R² 0.912');
  });

  it('regression leaves out the name on request', () => {
    expect(formatScore('regression', null, 0.91234, false)).toBe('0.912');
  });

  it('regression keeps a negative R²', () => {
    expect(formatScore('regression', null, -0.5)).toBe('R² -0.500');
  });

  it.each([null, undefined, Number.NaN])('missing score %s shows a dash', (value) => {
    expect(formatScore('regression', null, value)).toBe('–');
    expect(formatScore('classification', value, null)).toBe('–');
  });

  it('fitness ticks follow the task kind', () => {
    expect(fitnessTickText('classification', 75)).toBe('75%');
    expect(fitnessTickText('regression', 75)).toBe('0.75');
  });
});

describe('runTaskKind', () => {
  const config = defaultRunConfig('custom');
  const result = (metrics: Record<string, unknown>) => ({ metrics }) as never;

  it('reads regression from results of a file not loaded', () => {
    const run = { ...IDLE_RUN, evaluations: [result({ validationAccuracy: null, validationR2: 0.8 })] };
    expect(runTaskKind({ dataset: null, config, run })).toBe('regression');
  });

  it('keeps the task kind otherwise', () => {
    expect(runTaskKind({ dataset: null, config, run: IDLE_RUN })).toBe('classification');
    expect(runTaskKind({ dataset: null, config: defaultRunConfig('sin'), run: IDLE_RUN })).toBe('regression');
  });
});
