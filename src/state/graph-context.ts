/** The shape context a run configuration gives its networks: the task's input shape and head width. */

import type { ShapeContext } from '../core/layers';
import { TASKS } from '../data/tasks';
import type { RunConfig } from '../workers/run-config';

export function shapeContextOf(config: RunConfig): ShapeContext {
  const task = TASKS[config.task.id];
  return { inputShape: task.inputShape, outputUnits: task.outputUnits };
}
