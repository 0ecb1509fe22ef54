/**
 * A read-only React Flow view of a laid-out genome, fitted to its box whenever the box
 * resizes or a new graph has been measured. It stays mounted from one graph to the next:
 * mounting React Flow costs a long main-thread task, which a search would otherwise pay at
 * every new best.
 */

import { Background, Controls, ReactFlow, useNodesInitialized, useReactFlow, useStore as useFlowStore, type ColorMode, type FitViewOptions, type NodeTypes } from '@xyflow/react';
import { useEffect } from 'react';
import { LAYER_NODE_TYPE, type GenomeFlow } from './genome-flow';
import { LayerNodeView } from './LayerNodeView';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNodeView };
const FIT: FitViewOptions = { padding: 0.12, maxZoom: 1.25 };
const COMPACT_FIT: FitViewOptions = { padding: 0.08, maxZoom: 1 };

export interface GenomeGraphProps {
  /** The laid-out graph; no nodes draws an empty pane. */
  readonly flow: Pick<GenomeFlow, 'nodes' | 'edges'>;
  readonly colorMode: ColorMode;
  /** Thumbnail mode: no controls, no background grid, and page scrolling is left alone. */
  readonly compact?: boolean;
}

/**
 * Fits the view when the pane changes size (the run panel is resized, say) and when a new
 * graph's nodes have been measured.
 */
function FitView({ options, flow }: { options: FitViewOptions; flow: GenomeGraphProps['flow'] }) {
  const { fitView } = useReactFlow();
  const width = useFlowStore((state) => state.width);
  const height = useFlowStore((state) => state.height);
  const measured = useNodesInitialized();

  useEffect(() => {
    if (width > 0 && height > 0 && measured) void fitView(options);
  }, [width, height, measured, flow, fitView, options]);

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
      <FitView options={fit} flow={flow} />
      {!compact && <Background gap={24} />}
      {!compact && <Controls showInteractive={false} />}
    </ReactFlow>
  );
}
