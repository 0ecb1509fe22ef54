/**
 * The shape context a run configuration gives its networks: the task's input shape and head
 * width, those a data-file setup recorded while its file is not loaded.
 */

import type { ShapeContext } from '../core/layers';
import { taskOf } from '../data/tasks';
import type { RunConfig } from '../workers/run-config';

export function shapeContextOf(config: RunConfig): ShapeContext {
  const task = taskOf(config.task);
  return { inputShape: task.inputShape, outputUnits: task.outputUnits };
}
