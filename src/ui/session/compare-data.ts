/** Pure helpers of the saved-run comparison: axis ticks and the note on runs of different tasks. */

import { TASKS } from '../../data/tasks';
import type { TaskId } from '../../data/types';

/** Returns six evenly spaced ticks over a zoomed fitness domain, whose span is a multiple of 10. */
export function fitnessTicks([bottom, top]: readonly [number, number]): number[] {
  const step = (top - bottom) / 5;
  return Array.from({ length: 6 }, (_, i) => bottom + i * step);
}

/** Returns the note shown when two compared runs searched different tasks, or null for runs of one task. */
export function differentTasksNote(first: TaskId, second: TaskId): string | null {
  if (first === second) return null;
  return `These runs searched different tasks, ${TASKS[first].name} and ${TASKS[second].name}, so their fitness figures do not measure the same thing.`;
}
