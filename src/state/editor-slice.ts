/**
 * The graph editor's part of the app store: the graph model, its undo history, the selected
 * layers, the clipboard and the last rejected edit. Every edit goes through
 * `applyGraphChange`, which keeps the store's `graph` equal to the model's genome.
 */

import type { Genome } from '../core/genome';
import type { LayerKind, ShapeContext } from '../core/layers';
import { applyChange, describeChange, rearranges, type EdgeRef, type GraphChange } from './graph-changes';
import {
  addLayerCommand,
  autoLayoutCommand,
  copyLayers,
  duplicateCommand,
  pasteCommand,
  type Clipboard,
  type Command,
} from './graph-commands';
import { EMPTY_HISTORY, recordEdit, redoEdit, undoEdit, type GraphHistory } from './graph-history';
import { layoutPositions, modelFromGenome, type GraphModel, type LayoutFrame, type XY } from './graph-model';

/** The notice for a delete or duplicate of the input node or output head alone. */
const IO_ONLY_ONCE = 'The input node and the output head cannot be deleted or duplicated: every network has exactly one of each.';

/** A message about an edit the model rejected; `id` changes with every message, so repeats are announced. */
export interface EditorNotice {
  readonly id: number;
  readonly message: string;
}

export interface EditorState {
  readonly model: GraphModel;
  readonly history: GraphHistory;
  /** Ids of the selected layers, in selection order. */
  readonly selection: readonly string[];
  readonly clipboard: Clipboard | null;
  /** Pastes since the last copy, so that each lands a little further away. */
  readonly pasteCount: number;
  readonly notice: EditorNotice | null;
  /** Centre of the visible canvas in flow coordinates, where a layer added by keyboard goes. */
  readonly viewCentre: XY;
  /** Number of graphs loaded so far; the canvas fits its view to each new one. */
  readonly loads: number;
  /** The canvas's size on screen, which a new layout tries to fill; null before it is measured. */
  readonly frame: LayoutFrame | null;
}

export interface EditorActions {
  /** Applies a change as one undoable edit. Returns false, and sets the notice, when it is rejected. */
  applyGraphChange(change: GraphChange, select?: readonly string[]): boolean;
  /** Shows a genome on the canvas, laid out afresh unless positions are given for every node. */
  loadGraph(genome: Genome, options?: { positions?: ReadonlyMap<string, XY>; resetHistory?: boolean }): void;
  undo(): void;
  redo(): void;
  select(ids: readonly string[]): void;
  /** Adds a layer at `position`, or after the selected layer, or at the centre of the view. */
  addLayer(kind: LayerKind, position?: XY): void;
  /** Deletes the selected layers and the given connections. */
  deleteSelection(edges?: readonly EdgeRef[]): void;
  duplicateSelection(): void;
  copySelection(): void;
  paste(): void;
  autoLayout(): void;
  setViewCentre(centre: XY): void;
  /** Records the canvas's size on screen, for the layouts that follow. */
  setFrame(frame: LayoutFrame): void;
  /** Shows a message above the canvas until the next edit or Dismiss. */
  showNotice(message: string): void;
  dismissNotice(): void;
}

export interface EditorSlice {
  readonly editor: EditorState;
  readonly editorActions: EditorActions;
}

type SetEditor = (partial: { editor: EditorState; graph?: Genome }) => void;

export function initialEditorState(genome: Genome): EditorState {
  return {
    model: modelFromGenome(genome),
    history: EMPTY_HISTORY,
    selection: [],
    clipboard: null,
    pasteCount: 0,
    notice: null,
    viewCentre: { x: 0, y: 0 },
    loads: 0,
    frame: null,
  };
}

/**
 * Creates the editor's state and actions. `contextOf` returns the shape context of the
 * current task, which the validator needs to check an edit.
 */
export function createEditorSlice(set: SetEditor, get: () => EditorSlice, genome: Genome, contextOf: () => ShapeContext): EditorSlice {
  const editor = () => get().editor;
  const notify = (message: string) => set({ editor: { ...editor(), notice: { id: (editor().notice?.id ?? 0) + 1, message } } });

  const commit = (model: GraphModel, history: GraphHistory, selection: readonly string[], extra: Partial<EditorState> = {}) => {
    const ids = new Set(model.genome.nodes.map((gene) => gene.id));
    const state = editor();
    const next: EditorState = { ...state, ...extra, model, history, selection: selection.filter((id) => ids.has(id)) };
    set(model.genome === state.model.genome ? { editor: next } : { editor: next, graph: model.genome });
  };

  const applyGraphChange = (change: GraphChange, select?: readonly string[]): boolean => {
    const state = editor();
    const result = applyChange(state.model, change, contextOf());
    if (!result.ok) {
      notify(result.reason);
      return false;
    }
    if (result.model === state.model) return true;
    const history = recordEdit(state.history, describeChange(change, state.model.genome), state.model);
    commit(result.model, history, select ?? state.selection, { notice: null });
    return true;
  };

  // Undoing or redoing a load or an auto layout rearranges the whole network: the view fits it as it does a load.
  const loadsAfter = (label: string) => (rearranges(label) ? editor().loads + 1 : editor().loads);

  const run = (command: Command | null) => {
    if (!command || !applyGraphChange(command.change, command.select)) return;
    if (command.change.type === 'batch' && rearranges(command.change.label)) set({ editor: { ...editor(), loads: editor().loads + 1 } });
    if (command.notice) notify(command.notice);
  };

  const editorActions: EditorActions = {
    applyGraphChange,

    loadGraph(next, options = {}) {
      const model = modelFromGenome(next, options.positions, editor().frame ?? undefined);
      const loads = editor().loads + 1;
      if (options.resetHistory) {
        commit(model, EMPTY_HISTORY, [], { notice: null, loads });
        return;
      }
      if (applyGraphChange({ type: 'replace-graph', model }, [])) set({ editor: { ...editor(), loads } });
    },

    undo() {
      const state = editor();
      const step = undoEdit(state.history, state.model);
      if (step) commit(step.model, step.history, state.selection, { notice: null, loads: loadsAfter(step.label) });
    },

    redo() {
      const state = editor();
      const step = redoEdit(state.history, state.model);
      if (step) commit(step.model, step.history, state.selection, { notice: null, loads: loadsAfter(step.label) });
    },

    select(ids) {
      const state = editor();
      const same = ids.length === state.selection.length && ids.every((id, index) => id === state.selection[index]);
      if (!same) set({ editor: { ...state, selection: ids } });
    },

    addLayer(kind, position) {
      const state = editor();
      run(
        addLayerCommand(state.model, kind, {
          position,
          anchor: state.selection.length === 1 ? state.selection[0] : undefined,
          centre: state.viewCentre,
          context: contextOf(),
          frame: state.frame ?? undefined,
        }),
      );
    },

    deleteSelection(edges = []) {
      const state = editor();
      const kinds = new Map(state.model.genome.nodes.map((gene) => [gene.id, gene.kind]));
      const layers = state.selection.filter((id) => kinds.get(id) !== 'input' && kinds.get(id) !== 'output');
      if (layers.length === 0 && edges.length === 0) {
        if (state.selection.length > 0) notify(IO_ONLY_ONCE);
        return;
      }
      applyGraphChange({ type: 'remove', nodeIds: layers, edges });
    },

    duplicateSelection() {
      const state = editor();
      const command = duplicateCommand(state.model, state.selection);
      if (command === null && state.selection.length > 0) notify(IO_ONLY_ONCE);
      run(command);
    },

    copySelection() {
      const state = editor();
      const clipboard = copyLayers(state.model, state.selection);
      if (clipboard) set({ editor: { ...state, clipboard, pasteCount: 0 } });
    },

    paste() {
      const state = editor();
      if (!state.clipboard) return;
      const command = pasteCommand(state.model, state.clipboard, state.pasteCount);
      if (applyGraphChange(command.change, command.select)) set({ editor: { ...editor(), pasteCount: state.pasteCount + 1 } });
    },

    autoLayout() {
      run(autoLayoutCommand(editor().model, editor().frame ?? undefined));
    },

    setFrame(frame) {
      const state = editor();
      // A hidden or collapsed canvas measures nothing: its size is no frame to lay out for.
      if (frame.width <= 0 || frame.height <= 0) return;
      if (state.frame?.width === frame.width && state.frame?.height === frame.height) return;
      // The page's first network is laid out before the canvas is measured. Until it is edited,
      // it is laid out again for the canvas as the canvas changes size, so that a narrow one
      // wraps it onto rows instead of showing it at half size. No edit, so Undo skips it.
      const { model } = state;
      const laidOut = samePositions(model.positions, layoutPositions(model.genome, state.frame ?? undefined));
      const untouched = state.history.past.length === 0 && laidOut;
      if (untouched) {
        const positions = layoutPositions(model.genome, frame);
        if (!samePositions(positions, model.positions)) {
          set({ editor: { ...state, frame, model: { ...model, positions }, loads: state.loads + 1 } });
          return;
        }
      }
      set({ editor: { ...state, frame } });
    },

    setViewCentre(centre) {
      const state = editor();
      if (state.viewCentre.x !== centre.x || state.viewCentre.y !== centre.y) set({ editor: { ...state, viewCentre: centre } });
    },

    showNotice(message) {
      notify(message);
    },

    dismissNotice() {
      if (editor().notice) set({ editor: { ...editor(), notice: null } });
    },
  };

  return { editor: initialEditorState(genome), editorActions };
}

/** Returns whether two layouts place every node alike, give or take a pixel. */
function samePositions(a: ReadonlyMap<string, XY>, b: ReadonlyMap<string, XY>): boolean {
  if (a.size !== b.size) return false;
  return [...a].every(([id, at]) => {
    const other = b.get(id);
    return other !== undefined && Math.abs(other.x - at.x) <= 1 && Math.abs(other.y - at.y) <= 1;
  });
}
