/** The note of the saved-run comparison on runs of different tasks. */

import { TASKS } from '../../data/tasks';
import type { TaskId } from '../../data/types';

/** Returns the note shown when two compared runs searched different tasks, or null for runs of one task. */
export function differentTasksNote(first: TaskId, second: TaskId): string | null {
  if (first === second) return null;
  return `These runs searched different tasks, ${TASKS[first].name} and ${TASKS[second].name}, so their fitness figures do not measure the same thing.`;
}
