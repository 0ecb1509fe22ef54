/**
 * A read-only React Flow view of a laid-out genome, fitted to its box when it mounts and
 * whenever the box resizes. Give it a new `key` when the genome changes so that it fits the
 * new graph.
 */

import { Background, Controls, ReactFlow, useReactFlow, useStore as useFlowStore, type ColorMode, type FitViewOptions, type NodeTypes } from '@xyflow/react';
import { useEffect } from 'react';
import { LAYER_NODE_TYPE, type GenomeFlow } from './genome-flow';
import { LayerNodeView } from './LayerNodeView';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNodeView };
const FIT: FitViewOptions = { padding: 0.12, maxZoom: 1.25 };
const COMPACT_FIT: FitViewOptions = { padding: 0.08, maxZoom: 1 };

export interface GenomeGraphProps {
  readonly flow: GenomeFlow;
  readonly colorMode: ColorMode;
  /** Thumbnail mode: no controls, no background grid, and page scrolling is left alone. */
  readonly compact?: boolean;
}

/** Fits the view again when the pane changes size, for example when the run panel is resized. */
function FitOnResize({ options }: { options: FitViewOptions }) {
  const { fitView } = useReactFlow();
  const width = useFlowStore((state) => state.width);
  const height = useFlowStore((state) => state.height);

  useEffect(() => {
    if (width > 0 && height > 0) void fitView(options);
  }, [width, height, fitView, options]);

  return null;
}

export function GenomeGraph({ flow, colorMode, compact = false }: GenomeGraphProps) {
  const fit = compact ? COMPACT_FIT : FIT;
  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={NODE_TYPES}
      colorMode={colorMode}
      fitView
      fitViewOptions={fit}
      minZoom={0.2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      zoomOnScroll={!compact}
      preventScrolling={!compact}
      proOptions={{ hideAttribution: compact }}
    >
      <FitOnResize options={fit} />
      {!compact && <Background gap={24} />}
      {!compact && <Controls showInteractive={false} />}
    </ReactFlow>
  );
}
