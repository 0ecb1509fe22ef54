/** The shape context a task gives its networks: the input shape and the width of the head. */

import type { ShapeContext } from '../core/layers';
import { TASKS } from '../data/tasks';
import { TASK_IDS, type TaskId } from '../data/types';

// One object per task, so that views memoised on the context do not lay out again needlessly.
const CONTEXTS = Object.fromEntries(
  TASK_IDS.map((id) => [id, { inputShape: TASKS[id].inputShape, outputUnits: TASKS[id].outputUnits }]),
) as Readonly<Record<TaskId, ShapeContext>>;

export function taskShapeContext(taskId: TaskId): ShapeContext {
  return CONTEXTS[taskId];
}
