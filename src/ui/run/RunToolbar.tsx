/** The run controls beside the progress line, at the top of the tabs a search is watched from. */

import { ProgressView } from './ProgressView';
import { RunControls } from './RunControls';

export function RunToolbar() {
  return (
    <div className="run-panel__toolbar">
      <RunControls />
      <ProgressView />
    </div>
  );
}
