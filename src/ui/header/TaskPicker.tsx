/** The task drop-down of the header, grouped; switching task loads its defaults and starter network. */

import { TASKS } from '../../data/tasks';
import type { TaskId } from '../../data/types';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { selectRunActive } from '../run-phase';
import { useActions, useApp } from '../store-context';
import { groupedTasks } from './task-groups';

// A data file's task needs the file, which only the command line reads for now.
const TASK_OPTIONS: SelectOption<TaskId>[] = groupedTasks().map(({ id, group }) => ({
  value: id,
  label: TASKS[id].name,
  hint: TASKS[id].description,
  group,
}));

export function TaskPicker() {
  const task = useApp((state) => state.config.task.id);
  const locked = useApp(selectRunActive);
  const { setTask } = useActions();

  return <SelectField className="field--inline" label="Task" value={task} options={TASK_OPTIONS} onChange={setTask} disabled={locked} />;
}
