import { describe, expect, it } from 'vitest';
import { groupOptions } from '../../src/ui/controls/SelectField';
import { groupedTasks, taskGroup } from '../../src/ui/header/task-groups';

describe('task groups', () => {
  it.each([
    ['spiral', 'Toy 2D'],
    ['gaussians', 'Toy 2D'],
    ['iris', 'Real data'],
    ['mnist', 'Real data'],
    ['parity', 'Sequences'],
    ['adding', 'Sequences'],
    ['sin', 'Regression'],
    ['polynomial', 'Regression'],
    ['custom', null],
  ] as const)('lists %s under %s', (id, group) => {
    expect(taskGroup(id)).toBe(group);
  });

  it('keeps each group together in group order', () => {
    const groups = groupedTasks().map((entry) => entry.group);
    expect([...new Set(groups)]).toEqual(['Toy 2D', 'Real data', 'Sequences', 'Regression']);
    expect(groupOptions(groupedTasks().map((entry) => ({ value: entry.id, label: entry.id, group: entry.group }))).map((entry) => entry.options.length)).toEqual([4, 2, 3, 4]);
  });
});
