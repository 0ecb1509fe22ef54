/**
 * The centre panel: the graph editor for the starting network, with its size, the editing
 * toolbar, and every issue the validator found, each naming its node.
 */

import { ReactFlowProvider } from '@xyflow/react';
import { EditAnnouncer } from '../editor/EditAnnouncer';
import { GraphEditor } from '../editor/GraphEditor';
import { EditorToolbar } from '../editor/EditorToolbar';
import { GraphTotals } from '../editor/GraphTotals';
import { IssueList } from '../editor/IssueList';
import { TrainButton } from '../training/TrainButton';
import '../styles/editor.css';

export function Canvas() {
  return (
    <ReactFlowProvider>
      <main className="canvas" aria-label="Network">
        <div className="canvas__bar">
          {/* The totals sit under the title: beside it, the toolbar left them too little room at 1366 px. */}
          <div className="canvas__heading">
            <h2 className="panel-title">Starting network</h2>
            <GraphTotals />
          </div>
          {/* The tools wrap as one row, so Train never ends up alone on a line of its own. */}
          <div className="canvas__tools">
            <EditorToolbar />
            <TrainButton />
          </div>
        </div>
        <div className="canvas__graph">
          <GraphEditor />
        </div>
        <IssueList />
        <EditAnnouncer />
      </main>
    </ReactFlowProvider>
  );
}
