/**
 * A read-only React Flow view of a laid-out genome, fitted to its box when its nodes have
 * been measured and whenever the box resizes. Give it a new `key` when the genome changes.
 */

import {
  Background,
  Controls,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore as useFlowStore,
  type ColorMode,
  type FitViewOptions,
  type NodeTypes,
  type ReactFlowState,
} from '@xyflow/react';
import { useEffect, useState } from 'react';
import { LAYER_NODE_TYPE, type GenomeFlow } from './genome-flow';
import { nodesCut } from './nodes-cut';
import { LayerNodeView } from './LayerNodeView';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNodeView };
const FIT: FitViewOptions = { padding: 0.12, maxZoom: 1.25 };
// Below about 0.6 a deep network's labels cannot be read, so the view then shows part of it and dragging pans.
const COMPACT_FIT: FitViewOptions = { padding: 0.08, maxZoom: 1, minZoom: 0.6 };

export interface GenomeGraphProps {
  /** The view's accessible name, because React Flow gives its canvas the role "application" and no name. */
  readonly label: string;
  /** The laid-out graph; no nodes draws an empty pane. */
  readonly flow: Pick<GenomeFlow, 'nodes' | 'edges'>;
  readonly colorMode: ColorMode;
  /**
   * Thumbnail mode: no controls, no background grid, and page scrolling is left alone. The view is
   * then one image for assistive technology, named by `label` and `description`, and no layer or
   * connection is a tab stop.
   */
  readonly compact?: boolean;
  /** The network in words, the thumbnail's text alternative after its label. */
  readonly description?: string;
  /**
   * Receives, in thumbnail mode, whether to show how to pan to the rest of a network that does
   * not fit. The caller draws the hint beside the view, because over it the hint covered nodes.
   */
  readonly onPanHint?: (show: boolean) => void;
}

/** Returns a number that changes when any node moves or is measured at a new size. */
function nodeLayoutKey(state: ReactFlowState): number {
  let key = state.nodeLookup.size;
  for (const node of state.nodeLookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    key = (key * 31 + x * 3 + y * 7 + (node.measured.width ?? 0) * 11 + (node.measured.height ?? 0) * 13) % 1_000_000_007;
  }
  return key;
}

/** Fits the view when the pane changes size (the run panel is resized, say) and when the graph is laid out anew. */
function FitView({ options }: { options: FitViewOptions }) {
  const { fitView } = useReactFlow();
  const width = useFlowStore((state) => state.width);
  const height = useFlowStore((state) => state.height);
  const layout = useFlowStore(nodeLayoutKey);
  const measured = useNodesInitialized();

  useEffect(() => {
    if (width > 0 && height > 0 && measured) void fitView(options);
  }, [width, height, layout, measured, fitView, options]);

  return null;
}

/** Reports whether the pan hint is due: part of the network lies outside the view and the user has not moved it yet. */
function CutReporter({ moved, onPanHint }: { moved: boolean; onPanHint: (show: boolean) => void }) {
  const show = useFlowStore(nodesCut) && !moved;
  useEffect(() => onPanHint(show), [show, onPanHint]);
  return null;
}

export function GenomeGraph({ label, description, flow, colorMode, compact = false, onPanHint }: GenomeGraphProps) {
  const fit = compact ? COMPACT_FIT : FIT;
  // The pan hint goes once the user has panned or zoomed.
  const [moved, setMoved] = useState(false);
  const view = (
    <ReactFlow
      aria-label={label}
      aria-hidden={compact || undefined}
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={NODE_TYPES}
      colorMode={colorMode}
      fitView
      fitViewOptions={fit}
      minZoom={0.2}
      nodesFocusable={!compact}
      edgesFocusable={!compact}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      zoomOnScroll={!compact}
      preventScrolling={!compact}
      proOptions={{ hideAttribution: compact }}
      onMoveStart={(event) => {
        // Fitting the view moves it too, without an event.
        if (event) setMoved(true);
      }}
    >
      <FitView options={fit} />
      {!compact && <Background gap={24} />}
      {!compact && <Controls showInteractive={false} />}
      {compact && onPanHint && <CutReporter moved={moved} onPanHint={onPanHint} />}
    </ReactFlow>
  );
  if (!compact) return view;

  // Chromium keeps the children of an element with the role "img" in its accessibility tree, so
  // aria-hidden above takes the layers and connections out, and the text alternative stands for them.
  return (
    <div className="genome-graph" role="img" aria-label={description ? `${label}: ${description}` : label}>
      {view}
    </div>
  );
}
