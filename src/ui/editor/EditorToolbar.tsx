/** Buttons for the editor's commands, each with its shortcut in the tooltip. */

import { useReactFlow } from '@xyflow/react';
import { useRef } from 'react';
import { useFocusHandoff } from '../controls/use-focus-handoff';
import { useApp } from '../store-context';
import { EDITOR_FIT } from './editor-flow';

interface ToolProps {
  readonly label: string;
  readonly hint: string;
  readonly disabled?: boolean;
  onPress(): void;
}

/** The tools that take the focus when a tool disables itself: Undo once nothing is left to undo, Delete once its layers are gone. */
const SUCCESSORS: Record<string, readonly string[]> = { Undo: ['Redo'], Redo: ['Undo'], Duplicate: ['Undo'], Delete: ['Undo'] };

function Tool({ label, hint, disabled, onPress }: ToolProps) {
  return (
    <button type="button" className="button button--tool" title={hint} disabled={disabled} data-command={label} onClick={onPress}>
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
  const toolbar = useRef<HTMLDivElement>(null);
  const notePress = useFocusHandoff(toolbar, SUCCESSORS);
  const pressed = (command: string, action: () => void) => () => {
    notePress(command);
    action();
  };

  const layOut = () => {
    actions.autoLayout();
    // Fit after React Flow has drawn the new positions.
    requestAnimationFrame(() => void fitView({ ...EDITOR_FIT, duration: 200 }));
  };

  // The input node and the output head alone can be neither deleted nor duplicated.
  const onlyInputOutput = (done: string) =>
    selected > 0 && deletable === 0 ? `The input node and the output head cannot be ${done}: every network has exactly one of each.` : null;

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Graph editing" ref={toolbar} tabIndex={-1}>
      <Tool label="Undo" hint={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} disabled={!undoLabel} onPress={pressed('Undo', actions.undo)} />
      <Tool label="Redo" hint={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z or Ctrl+Y)` : 'Nothing to redo'} disabled={!redoLabel} onPress={pressed('Redo', actions.redo)} />
      <Tool
        label="Duplicate"
        hint={onlyInputOutput('duplicated') ?? 'Duplicate the selected layers below them, with the same inputs (Ctrl+D)'}
        disabled={deletable === 0}
        onPress={pressed('Duplicate', actions.duplicateSelection)}
      />
      <Tool label="Delete" hint={onlyInputOutput('deleted') ?? 'Delete the selected layers (Delete or Backspace)'} disabled={deletable === 0} onPress={pressed('Delete', () => actions.deleteSelection())} />
      <Tool label="Auto layout" hint="Arrange the layers from input to output" onPress={layOut} />
      <Tool label="Fit view" hint="Zoom to show the whole network" onPress={() => void fitView(EDITOR_FIT)} />
    </div>
  );
}
