/** The note of the saved-run comparison on runs of different tasks. */

import { taskName } from '../../data/tasks';
import type { TaskConfig } from '../../data/types';

/** Returns the note shown when two compared runs searched different tasks or data files, or null for runs of one task. */
export function differentTasksNote(first: Pick<TaskConfig, 'id' | 'file'>, second: Pick<TaskConfig, 'id' | 'file'>): string | null {
  if (first.id === second.id && first.file === second.file) return null;
  return `These runs searched different tasks, ${taskName(first)} and ${taskName(second)}, so their fitness figures do not measure the same thing.`;
}
