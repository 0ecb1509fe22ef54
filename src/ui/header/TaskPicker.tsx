/**
 * The task drop-down of the header, grouped; switching task loads its defaults and starter
 * network. Its last entry reads a data file of the user's own.
 */

import { TASKS } from '../../data/tasks';
import type { TaskId } from '../../data/types';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { selectRunActive } from '../run-phase';
import { useActions, useApp } from '../store-context';
import { useDataFileChooser } from './data-file-chooser';
import { groupedTasks } from './task-groups';

const TASK_OPTIONS: SelectOption<TaskId>[] = groupedTasks().map(({ id, group }) => ({
  value: id,
  label: TASKS[id].name,
  hint: TASKS[id].description,
  group,
}));

const DATA_FILE_HINT = 'Classification rows of your own: a CSV file with numeric feature columns, "label" and "split" (train or test), or JSON.';

export function TaskPicker() {
  const task = useApp((state) => state.config.task.id);
  const dataFile = useApp((state) => state.dataFile);
  const locked = useApp(selectRunActive);
  const { setTask } = useActions();
  const chooser = useDataFileChooser('Data file to load');

  const options: SelectOption<TaskId>[] = [
    ...TASK_OPTIONS,
    { value: 'custom', label: dataFile ? dataFile.name : 'Data file…', hint: dataFile ? TASKS.custom.description : DATA_FILE_HINT, group: 'Your data' },
  ];
  // Without a loaded file, the entry opens the file dialog; the task changes once a file reads.
  const onChange = (id: TaskId) => (id === 'custom' && dataFile === null ? chooser.choose() : setTask(id));

  return (
    <>
      <SelectField className="field--inline" label="Task" value={task} options={options} onChange={onChange} disabled={locked} />
      {chooser.input}
    </>
  );
}
