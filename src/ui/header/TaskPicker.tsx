/** The task drop-down of the header; switching task loads its defaults and starter network. */

import { TASKS } from '../../data/tasks';
import { TASK_IDS, type TaskId } from '../../data/types';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { selectRunActive } from '../run-phase';
import { useActions, useApp } from '../store-context';

// A data file's task needs the file, which only the command line reads for now.
const TASK_OPTIONS: SelectOption<TaskId>[] = TASK_IDS.filter((id) => TASKS[id].origin !== 'file').map((id) => ({
  value: id,
  label: TASKS[id].name,
  hint: TASKS[id].description,
}));

export function TaskPicker() {
  const task = useApp((state) => state.config.task.id);
  const locked = useApp(selectRunActive);
  const { setTask } = useActions();

  return <SelectField className="field--inline" label="Task" value={task} options={TASK_OPTIONS} onChange={setTask} disabled={locked} />;
}
