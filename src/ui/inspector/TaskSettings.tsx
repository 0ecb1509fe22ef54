/** Settings of the data set: noise and sample count for generated sets, and the data seed. */

import { TASKS } from '../../data/tasks';
import { useApp } from '../store-context';
import { ConfigNumber } from './ConfigNumber';

export function TaskSettings({ locked }: { locked: boolean }) {
  const task = useApp((state) => TASKS[state.config.task.id]);
  const generated = task.origin === 'generated';

  return (
    <section className="inspector__section" aria-labelledby="inspector-task">
      <h3 id="inspector-task">Task: {task.name}</h3>
      <p className="inspector__hint">{task.description}</p>
      {generated && <ConfigNumber path="task.noise" disabled={locked} />}
      {generated && <ConfigNumber path="task.samples" disabled={locked} />}
      <ConfigNumber path="task.seed" disabled={locked} />
    </section>
  );
}
