/** Buttons for the editor's commands, each with its shortcut in the tooltip. */

import { useReactFlow } from '@xyflow/react';
import { useApp } from '../store-context';
import { EDITOR_FIT } from './editor-flow';

interface ToolProps {
  readonly label: string;
  readonly hint: string;
  readonly disabled?: boolean;
  onPress(): void;
}

function Tool({ label, hint, disabled, onPress }: ToolProps) {
  return (
    <button type="button" className="button button--tool" title={hint} disabled={disabled} onClick={onPress}>
      {label}
    </button>
  );
}

export function EditorToolbar() {
  const actions = useApp((state) => state.editorActions);
  const undoLabel = useApp((state) => state.editor.history.past.at(-1)?.label ?? null);
  const redoLabel = useApp((state) => state.editor.history.future.at(-1)?.label ?? null);
  const selected = useApp((state) => state.editor.selection.length);
  const deletable = useApp((state) => {
    const fixed = new Set(state.editor.model.genome.nodes.filter((gene) => gene.kind === 'input' || gene.kind === 'output').map((gene) => gene.id));
    return state.editor.selection.filter((id) => !fixed.has(id)).length;
  });
  const { fitView } = useReactFlow();

  const layOut = () => {
    actions.autoLayout();
    // Fit after React Flow has drawn the new positions.
    requestAnimationFrame(() => void fitView({ ...EDITOR_FIT, duration: 200 }));
  };

  // The input node and the output head alone can be neither deleted nor duplicated.
  const onlyInputOutput = (done: string) =>
    selected > 0 && deletable === 0 ? `The input node and the output head cannot be ${done}: every network has exactly one of each.` : null;

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Graph editing">
      <Tool label="Undo" hint={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} disabled={!undoLabel} onPress={actions.undo} />
      <Tool label="Redo" hint={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z or Ctrl+Y)` : 'Nothing to redo'} disabled={!redoLabel} onPress={actions.redo} />
      <Tool
        label="Duplicate"
        hint={onlyInputOutput('duplicated') ?? 'Duplicate the selected layers below them, with the same inputs (Ctrl+D)'}
        disabled={deletable === 0}
        onPress={actions.duplicateSelection}
      />
      <Tool label="Delete" hint={onlyInputOutput('deleted') ?? 'Delete the selected layers (Delete or Backspace)'} disabled={deletable === 0} onPress={() => actions.deleteSelection()} />
      <Tool label="Auto layout" hint="Arrange the layers from input to output" onPress={layOut} />
      <Tool label="Fit view" hint="Zoom to show the whole network" onPress={() => void fitView(EDITOR_FIT)} />
    </div>
  );
}
