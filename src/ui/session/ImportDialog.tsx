/** The Import dialog: a run file into the history and the run panel, or a network into the editor. */

import { useState, type ChangeEvent } from 'react';
import { useSession } from './session-context';
import { SessionDialog } from './SessionDialog';

export function ImportDialog() {
  const session = useSession();
  const [open, setOpen] = useState(false);

  const pick = (handle: (text: string, name: string) => unknown) => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // The dialog closes first. An open modal dialog hides the rest of the page from screen
    // readers, so the notice of the import would otherwise appear unheard.
    setOpen(false);
    await handle(await file.text(), file.name);
  };

  return (
    <SessionDialog label="Import" title="Import" description="Open a run file saved by this app or by the command line, or load a network into the editor." open={open} onOpenChange={setOpen}>
      <div className="import">
        <label className="import__field">
          <span className="import__label">Run file (JSON from Export or from the command line's --json)</span>
          <input type="file" accept=".json,application/json" onChange={(event) => void pick((text, name) => session.importRunFile(text, name))(event)} />
        </label>
        <label className="import__field">
          <span className="import__label">Network: a Keras or TensorFlow.js model.json, or a genome JSON</span>
          <input type="file" accept=".json,application/json" onChange={(event) => void pick((text, name) => session.importNetwork(text, name))(event)} />
        </label>
        <p className="import__hint">Everything is checked before it is used: values outside their ranges are clamped or dropped, and the notice lists each one.</p>
      </div>
    </SessionDialog>
  );
}
