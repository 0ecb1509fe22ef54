/**
 * The task drop-down of the header, grouped; switching task loads its defaults and starter
 * network. Its last group reads data files of the user's own.
 */

import { TASKS } from '../../data/tasks';
import type { TaskId } from '../../data/types';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { selectRunActive } from '../run-phase';
import { useActions, useApp } from '../store-context';
import { useDataFileChooser } from './data-file-chooser';
import { groupedTasks } from './task-groups';

/** The entry that opens the file dialog. It is never the selected value, so choosing it always acts. */
const CHOOSE_FILE = 'choose-data-file';
type PickerValue = TaskId | typeof CHOOSE_FILE;

const TASK_OPTIONS: SelectOption<PickerValue>[] = groupedTasks().map(({ id, group }) => ({
  value: id,
  label: TASKS[id].name,
  hint: TASKS[id].description,
  group,
}));

const FORMAT_HINT = 'A CSV file with numeric feature columns, "split" (train or test), and "label" (classes) or "target" (numbers to predict), or JSON.';

export function TaskPicker() {
  const task = useApp((state) => state.config.task.id);
  const neededFile = useApp((state) => state.config.task.file);
  const dataFile = useApp((state) => state.dataFile);
  const locked = useApp(selectRunActive);
  const { setTask } = useActions();
  const chooser = useDataFileChooser('Data file to load');

  // The data-file task is listed once it is the task or has a file, because a link can name
  // it before its file is chosen.
  let fileLabel = 'Data file (none loaded)';
  if (dataFile) fileLabel = dataFile.name;
  else if (neededFile) fileLabel = `${neededFile} (not loaded)`;
  const options: SelectOption<PickerValue>[] = [...TASK_OPTIONS];
  if (task === 'custom' || dataFile) options.push({ value: 'custom', label: fileLabel, hint: TASKS.custom.description, group: 'Your data' });
  options.push({ value: CHOOSE_FILE, label: dataFile ? 'Another data file…' : 'Data file…', hint: FORMAT_HINT, group: 'Your data' });
  const onChange = (value: PickerValue) => (value === CHOOSE_FILE ? chooser.choose() : setTask(value));

  return (
    <>
      <SelectField className="field--inline" label="Task" value={task} options={options} onChange={onChange} disabled={locked} />
      {chooser.input}
    </>
  );
}
