/** The shape context a task gives its networks: the input shape and the width of the head. */

import type { ShapeContext } from '../core/layers';
import { taskOf, type TaskInfo } from '../data/tasks';
import type { TaskConfig } from '../data/types';

// One object per task entry, so that views memoised on the context do not lay out again
// needlessly. The data-file task's entry changes with the loaded file or the recorded shape,
// and its context with it.
const contexts = new WeakMap<TaskInfo, ShapeContext>();

export function taskShapeContext(taskConfig: Pick<TaskConfig, 'id' | 'file' | 'fileShape'>): ShapeContext {
  const task = taskOf(taskConfig);
  let context = contexts.get(task);
  if (!context) {
    context = { inputShape: task.inputShape, outputUnits: task.outputUnits };
    contexts.set(task, context);
  }
  return context;
}
