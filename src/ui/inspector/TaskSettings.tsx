/**
 * Settings of the data set: noise and sample count for generated sets, and the data seed. The
 * data-file task shows its file and a button to choose another.
 */

import { loadedFileShape, taskOf } from '../../data/tasks';
import { isSequenceTask } from '../../data/sequences';
import { dataFileProblem } from '../editor/graph-readiness';
import { useDataFileChooser } from '../header/data-file-chooser';
import { useApp } from '../store-context';
import { ConfigNumber } from './ConfigNumber';

function DataFileControls({ locked }: { locked: boolean }) {
  const loaded = useApp((state) => state.dataFile !== null);
  const problem = useApp((state) => dataFileProblem(state.config.task, state.dataFile?.name ?? null, loadedFileShape()));
  const chooser = useDataFileChooser('Data file to load');
  return (
    <>
      {problem && <p className="inspector__hint inspector__hint--warning">{problem}</p>}
      {!loaded && (
        <p className="inspector__hint">
          A CSV file needs a header line, numeric feature columns, a <code>split</code> column of <code>train</code> or <code>test</code>, and a{' '}
          <code>label</code> column of classes or a <code>target</code> column of numbers to predict (regression). A JSON file holds{' '}
          <code>{'{"train": {"x": [[…]], "y": […]}, "test": …}'}</code>, with <code>{'"kind": "regression"'}</code> for numbers. A fifth of the
          training rows, of each class, is kept aside for validation.
        </p>
      )}
      <button type="button" className="button" disabled={locked} onClick={chooser.choose}>
        {loaded ? 'Choose another file…' : 'Choose a data file…'}
      </button>
      {chooser.input}
    </>
  );
}

export function TaskSettings({ locked }: { locked: boolean }) {
  // The data-file task's entry is another object once a file loads, so this follows the file too.
  const task = useApp((state) => taskOf(state.config.task));
  const generated = task.origin === 'generated';

  return (
    <section className="inspector__section" aria-labelledby="inspector-task">
      <h3 id="inspector-task">Task: {task.name}</h3>
      <p className="inspector__hint">{task.description}</p>
      {task.origin === 'file' && <DataFileControls locked={locked} />}
      {/* The sequence generators draw exact labels and sums, so noise has no meaning there. */}
      {generated && !isSequenceTask(task.id) && <ConfigNumber path="task.noise" disabled={locked} />}
      {generated && <ConfigNumber path="task.samples" disabled={locked} />}
      <ConfigNumber path="task.seed" disabled={locked} />
    </section>
  );
}
