/** The header's session toolbar: Share, Runs, Export and Import, each opening a dialog. */

import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { RunsDialog } from './RunsDialog';
import { ShareDialog } from './ShareDialog';
import './session.css';

export function SessionMenu() {
  return (
    <div className="session-menu" role="toolbar" aria-label="Share and files">
      <ShareDialog />
      <RunsDialog />
      <ExportDialog />
      <ImportDialog />
    </div>
  );
}
