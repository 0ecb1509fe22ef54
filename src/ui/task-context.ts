/** The shape context a task gives its networks: the input shape and the width of the head. */

import type { ShapeContext } from '../core/layers';
import { TASKS, type TaskInfo } from '../data/tasks';
import type { TaskId } from '../data/types';

// One object per task entry, so that views memoised on the context do not lay out again
// needlessly. The data-file task's entry changes with the loaded file, and its context with it.
const contexts = new WeakMap<TaskInfo, ShapeContext>();

export function taskShapeContext(taskId: TaskId): ShapeContext {
  const task = TASKS[taskId];
  let context = contexts.get(task);
  if (!context) {
    context = { inputShape: task.inputShape, outputUnits: task.outputUnits };
    contexts.set(task, context);
  }
  return context;
}
