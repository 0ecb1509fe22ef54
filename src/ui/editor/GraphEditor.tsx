/**
 * The editable canvas: a React Flow view of the store's graph model. Every edit becomes a
 * change record for the store. While a node is dragged, its position lives here and reaches
 * the store as one move when the drag ends. So a drag re-renders only the moved nodes and
 * their edges, and it never runs the validator.
 */

import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { EDITOR_KINDS, type LayerKind } from '../../core/layers';
import { analyzeGraph } from '../../state/graph-analysis';
import { EDITOR_NODE_SIZE, type XY } from '../../state/graph-model';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { taskOf } from '../../data/tasks';
import { useTheme } from '../theme';
import { nodesCut } from '../graph/nodes-cut';
import { countRender } from './dev-hooks';
import {
  EDITOR_FIT,
  FIT_MARGIN,
  EDITOR_NODE_TYPE,
  SHAPE_EDGE_TYPE,
  buildFlowEdges,
  buildFlowNodes,
  buildNodeData,
  type EditorFlowEdge,
  type EditorFlowNode,
  type EditorNodeData,
  type Size,
} from './editor-flow';
import { EditorNodeView } from './EditorNodeView';
import { EditorNotice } from './EditorNotice';
import { LAYER_DRAG_TYPE } from './layer-drag';
import { ShapeEdge } from './ShapeEdge';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useKeepAddedInView, useRefitOnResize } from './use-keep-in-view';

const NODE_TYPES: NodeTypes = { [EDITOR_NODE_TYPE]: EditorNodeView };
const EDGE_TYPES: EdgeTypes = { [SHAPE_EDGE_TYPE]: ShapeEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PLACEABLE = new Set<string>(EDITOR_KINDS);
const MINIMAP_SIZE = { width: 132, height: 84 };
const ARIA_LABELS = { 'controls.zoomIn.ariaLabel': 'Zoom in', 'controls.zoomOut.ariaLabel': 'Zoom out', 'minimap.ariaLabel': 'Network overview' };

/**
 * Shows the overview map while part of the network is outside the view. Where the whole
 * network fits, the map would only cover the nodes in the canvas's corner.
 */
function OverviewMap() {
  const cut = useStore(nodesCut);
  return cut ? <MiniMap pannable zoomable className="graph-editor__minimap" style={MINIMAP_SIZE} /> : null;
}

/** Keeps the last value a builder returned, so the next build can reuse unchanged objects. */
function usePrevious<T>(initial: T) {
  return useRef(initial);
}

export function GraphEditor() {
  countRender('editor');
  const model = useApp((state) => state.editor.model);
  const selection = useApp((state) => state.editor.selection);
  const loads = useApp((state) => state.editor.loads);
  const actions = useApp((state) => state.editorActions);
  const { theme } = useTheme();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);

  const context = useApp((state) => taskShapeContext(state.config.task));
  const regression = useApp((state) => taskOf(state.config.task).kind === 'regression');
  const analysis = useMemo(() => analyzeGraph(model.genome, context), [model.genome, context]);

  const [moving, setMoving] = useState<ReadonlyMap<string, XY> | null>(null);
  const movingRef = useRef<ReadonlyMap<string, XY> | null>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());

  const lastData = usePrevious<ReadonlyMap<string, EditorNodeData>>(new Map());
  const lastNodes = usePrevious<ReadonlyMap<string, EditorFlowNode>>(new Map());
  const lastEdges = usePrevious<ReadonlyMap<string, EditorFlowEdge>>(new Map());

  const nodeData = useMemo(() => {
    const data = buildNodeData(model.genome, analysis, context, lastData.current, regression);
    lastData.current = data;
    return data;
  }, [model.genome, analysis, context, lastData, regression]);

  const selected = useMemo(() => new Set(selection), [selection]);
  const nodes = useMemo(() => {
    const built = buildFlowNodes(model.genome, model.positions, nodeData, { moving, measured, selection: selected }, lastNodes.current);
    lastNodes.current = new Map(built.map((node) => [node.id, node]));
    return built;
  }, [model.genome, model.positions, nodeData, moving, measured, selected, lastNodes]);

  const edges = useMemo(() => {
    const built = buildFlowEdges(model.genome, analysis, selectedEdges, lastEdges.current);
    lastEdges.current = new Map(built.map((edge) => [edge.id, edge]));
    return built;
  }, [model.genome, analysis, selectedEdges, lastEdges]);

  const commitMove = useCallback(() => {
    const positions = movingRef.current;
    movingRef.current = null;
    setMoving(null);
    if (positions && positions.size > 0) actions.applyGraphChange({ type: 'move-nodes', positions });
  }, [actions]);

  const onNodesChange = useCallback(
    (changes: NodeChange<EditorFlowNode>[]) => {
      let next: Map<string, XY> | null = null;
      let sizes: Map<string, Size> | null = null;
      let settled = false;
      const chosen = new Set(selection);
      let selectionChanged = false;

      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          next ??= new Map(movingRef.current ?? []);
          next.set(change.id, change.position);
          // Arrow keys move a node without a drag; that move is final at once.
          if (!change.dragging) settled = true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes ??= new Map();
          sizes.set(change.id, change.dimensions);
        } else if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) chosen.add(change.id);
          else chosen.delete(change.id);
        }
      }

      if (next) {
        movingRef.current = next;
        setMoving(next);
      }
      if (sizes) {
        const measuredNow = sizes;
        setMeasured((current) => new Map([...current, ...measuredNow]));
      }
      if (settled) commitMove();
      if (selectionChanged) actions.select([...chosen]);
    },
    [actions, selection, commitMove],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<EditorFlowEdge>[]) => {
    const picks = changes.filter((change) => change.type === 'select');
    if (picks.length === 0) return;
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of picks) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => actions.applyGraphChange({ type: 'connect', from: connection.source, to: connection.target }),
    [actions],
  );

  // An edge end dropped on a handle moves the connection; dropped on empty canvas, it removes it.
  const reconnected = useRef(false);
  const onReconnectStart = useCallback(() => {
    reconnected.current = false;
  }, []);
  const onReconnect = useCallback(
    (edge: EditorFlowEdge, connection: Connection) => {
      reconnected.current = true;
      actions.applyGraphChange({
        type: 'reconnect',
        edge: { from: edge.source, to: edge.target, slot: edge.data?.slot },
        from: connection.source,
        to: connection.target,
      });
    },
    [actions],
  );
  const onReconnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, edge: EditorFlowEdge) => {
      if (reconnected.current) return;
      actions.applyGraphChange({ type: 'remove', nodeIds: [], edges: [{ from: edge.source, to: edge.target, slot: edge.data?.slot }] });
    },
    [actions],
  );

  const onDelete = useCallback(
    ({ nodes: removed, edges: cut }: { nodes: EditorFlowNode[]; edges: EditorFlowEdge[] }) => {
      const removedIds = new Set(removed.map((node) => node.id));
      // The layer that took the deleted one's place keeps the keyboard focus, which would
      // otherwise fall back to the page. A deleted connection leaves it on the layer it fed.
      const successor =
        model.genome.nodes.find((gene) => !removedIds.has(gene.id) && gene.inputs.some((source) => removedIds.has(source))) ??
        model.genome.nodes.find((gene) => !removedIds.has(gene.id) && cut.some((edge) => edge.target === gene.id));
      actions.applyGraphChange({
        type: 'remove',
        nodeIds: [...removedIds],
        edges: cut.map((edge) => ({ from: edge.source, to: edge.target, slot: edge.data?.slot })),
      });
      setSelectedEdges(new Set());
      requestAnimationFrame(() => {
        if (document.activeElement !== document.body && wrapper.current?.contains(document.activeElement)) return;
        const target = successor && wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(successor.id)}"]`);
        (target ?? wrapper.current?.querySelector<HTMLElement>('.react-flow__pane'))?.focus();
      });
    },
    [actions, model.genome],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!PLACEABLE.has(kind)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      actions.addLayer(kind as LayerKind, { x: point.x - EDITOR_NODE_SIZE.width / 2, y: point.y - EDITOR_NODE_SIZE.height / 2 });
    },
    [actions, screenToFlowPosition],
  );

  const trackCentre = useCallback(
    (viewport: Viewport) => {
      const box = wrapper.current;
      if (!box) return;
      actions.setViewCentre({
        x: (box.clientWidth / 2 - viewport.x) / viewport.zoom,
        y: (box.clientHeight / 2 - viewport.y) / viewport.zoom,
      });
    },
    [actions],
  );

  // The canvas's size, so that a network laid out afresh wraps its rows to fill it.
  useEffect(() => {
    const box = wrapper.current;
    if (!box) return;
    // The room a fitted view leaves for the network, inside its margins.
    const measure = () => actions.setFrame({ width: box.clientWidth - 2 * FIT_MARGIN.x, height: box.clientHeight - 2 * FIT_MARGIN.y });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [actions]);

  useEffect(() => {
    if (loads === 0) return;
    // Wait a frame, so that React Flow has measured the new nodes before fitting them.
    const frame = requestAnimationFrame(() => void fitView(EDITOR_FIT));
    return () => cancelAnimationFrame(frame);
  }, [loads, fitView]);

  useKeepAddedInView(wrapper, model.positions);
  useRefitOnResize(wrapper, model.positions);
  useEditorShortcuts(wrapper);

  return (
    <div className="graph-editor" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<EditorFlowNode, EditorFlowEdge>
        aria-label="Network editor"
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        colorMode={theme}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={commitMove}
        onSelectionDragStop={commitMove}
        onConnect={onConnect}
        onReconnectStart={onReconnectStart}
        onReconnect={onReconnect}
        onReconnectEnd={onReconnectEnd}
        onDelete={onDelete}
        onInit={(instance) => trackCentre(instance.getViewport())}
        onMoveEnd={(_event, viewport) => trackCentre(viewport)}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        fitView
        fitViewOptions={EDITOR_FIT}
        minZoom={0.15}
        ariaLabelConfig={ARIA_LABELS}
      >
        <Background gap={24} />
        <Controls showInteractive={false} showFitView={false} />
        <OverviewMap />
        <Panel position="top-center" className="editor-notice-panel">
          <EditorNotice />
        </Panel>
      </ReactFlow>
    </div>
  );
}
