import { describe, expect, it } from 'vitest';
import { TASK_IDS } from '../../src/data/types';
import { defaultRunConfig, parseRunConfig } from '../../src/state/config';
import { rangeFor } from '../../src/ui/inspector/ConfigNumber';

describe('rangeFor', () => {
  it('stops the samples field where each generator does', () => {
    for (const id of TASK_IDS) {
      const { max } = rangeFor('task.samples', id);
      const config = defaultRunConfig(id);
      const result = parseRunConfig({ ...config, task: { ...config.task, samples: max } });
      // The field's top value is one the config accepts, whatever the task.
      expect(result.ok ? '' : result.errors.join(' '), id).toBe('');
    }
    expect(rangeFor('task.samples', 'sin').max).toBe(20_000);
    expect(rangeFor('task.samples', 'parity').max).toBe(20_000);
  });

  it('leaves other fields at the schema range', () => {
    expect(rangeFor('training.epochs', 'sin')).toEqual({ min: 1, max: 200, integer: true, label: 'Epochs' });
  });
});
