/** The task picker's groups: 2D toy sets, real data, sequences and regression targets. */

import { TASKS } from '../../data/tasks';
import { TASK_IDS, type TaskId } from '../../data/types';

export const TASK_GROUPS = ['Toy 2D', 'Real data', 'Sequences', 'Regression'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

/** Returns the group a task is listed under, or null for the data-file task, which the picker lists apart. */
export function taskGroup(id: TaskId): TaskGroup | null {
  const task = TASKS[id];
  if (task.origin === 'file') return null;
  if (task.kind === 'regression' && task.inputShape.length === 1) return 'Regression';
  if (task.inputShape.length === 2 && task.origin === 'generated') return 'Sequences';
  if (task.origin === 'shipped') return 'Real data';
  return 'Toy 2D';
}

/** Lists the browser's tasks group by group, in registry order within each group. */
export function groupedTasks(): { id: TaskId; group: TaskGroup }[] {
  const listed = TASK_IDS.flatMap((id) => {
    const group = taskGroup(id);
    return group ? [{ id, group }] : [];
  });
  return TASK_GROUPS.flatMap((group) => listed.filter((entry) => entry.group === group));
}
