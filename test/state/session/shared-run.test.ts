import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../../src/state/config';
import type { RunSettings } from '../../../src/state/run-state';
import { viewRunState } from '../../../src/state/session/shared-run';
import { partialGeneration } from '../../../src/ui/run/chart-data';
import { candidate, evaluated, summary } from '../../ui/run-fixtures';

const COEVOLUTION: RunSettings = { config: defaultRunConfig(), strategy: 'coevolution', seed: 1, earlyStopping: 'off', maxEvaluations: 0, space: null };

describe('viewRunState', () => {
  const firstGeneration = [evaluated(candidate(0, 0), 1, 0.7), evaluated(candidate(0, 1), 2, 0.5)];
  const cutShort = [...firstGeneration, evaluated(candidate(1, 0), 3, 0.8)];

  it('shows a stopped generation as unfinished', () => {
    const view = viewRunState('saved:1', COEVOLUTION, cutShort, [summary(0, [0.7, 0.6])], 'stopped');
    expect(view.generation).toBe(1);
    expect(partialGeneration(view.generations, view.evaluations, view.generation)).toEqual({
      row: { generation: 1, networksBest: 80, networksMean: 80 },
      count: 1,
    });
  });

  it('shows a completed run without one', () => {
    const view = viewRunState('saved:2', COEVOLUTION, firstGeneration, [summary(0, [0.7, 0.6])], 'completed');
    expect(view.generation).toBe(0);
    expect(partialGeneration(view.generations, view.evaluations, view.generation)).toBeNull();
  });

  it('shows shared top results without one', () => {
    const view = viewRunState('shared', COEVOLUTION, cutShort, [], null, 0, false);
    expect(partialGeneration(view.generations, view.evaluations, view.generation)).toBeNull();
    expect(view.best?.candidate.id).toBe('g1-0');
  });
});
