/** Train starts training the editor's network alone; while it trains, the button stops it. */

import { isComparisonActive } from '../../state/comparison-state';
import { isTrainingActive } from '../../state/training-state';
import { useGraphBlockReason } from '../editor/graph-readiness';
import { CommandButton } from '../run/RunControls';
import { selectRunActive } from '../run-phase';
import { useApp } from '../store-context';
import { trainBlockReason } from './training-text';

/** Returns why Train is disabled with no training running, or null when it can start. */
export function useTrainBlocker(): string | null {
  const searchActive = useApp(selectRunActive);
  const comparing = useApp((state) => isComparisonActive(state.comparison));
  // Errors in the search settings (an empty candidate set, say) do not concern training one network.
  const errorCount = useApp((state) => state.configErrors.filter((error) => !error.startsWith('search.')).length);
  const graphProblem = useGraphBlockReason('train');
  return comparing ? 'A comparison is running; stop it on the Compare tab first.' : trainBlockReason(searchActive, errorCount, graphProblem);
}

export function TrainButton() {
  const phase = useApp((state) => state.training.phase);
  const active = useApp((state) => isTrainingActive(state.training));
  const blocker = useTrainBlocker();
  const { startTraining, stopTraining } = useApp((state) => state.trainingActions);

  if (active) {
    const reason = phase === 'stopping' ? 'Training is stopping.' : null;
    return <CommandButton label="Stop training" reason={reason} onPress={stopTraining} />;
  }
  return <CommandButton label="Train" reason={blocker} onPress={() => void startTraining()} />;
}
