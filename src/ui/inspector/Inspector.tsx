/** The right-hand panel: the selected layer, then the settings of the task, the search, training and compute. */

import { LayerInspector } from '../editor/LayerInspector';
import { useApp } from '../store-context';
import { selectRunActive } from '../run-phase';
import { ComputeSettings } from './ComputeSettings';
import { SearchSettings } from './SearchSettings';
import { TaskSettings } from './TaskSettings';
import { TrainingSettings } from './TrainingSettings';

export function Inspector() {
  const locked = useApp(selectRunActive);

  return (
    <aside className="inspector" aria-label="Settings">
      {locked && <p className="inspector__locked">Settings are locked while a search runs. Stop it to change them.</p>}
      <LayerInspector />
      <TaskSettings locked={locked} />
      <SearchSettings locked={locked} />
      <TrainingSettings locked={locked} />
      <ComputeSettings locked={locked} />
    </aside>
  );
}
