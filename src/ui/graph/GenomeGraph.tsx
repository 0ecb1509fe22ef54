/**
 * A read-only React Flow view of a laid-out genome, fitted to its box when it mounts. Give
 * it a new `key` when the genome changes so that it fits the new graph.
 */

import { Background, Controls, ReactFlow, type ColorMode, type NodeTypes } from '@xyflow/react';
import { LAYER_NODE_TYPE, type GenomeFlow } from './genome-flow';
import { LayerNodeView } from './LayerNodeView';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNodeView };

export interface GenomeGraphProps {
  readonly flow: GenomeFlow;
  readonly colorMode: ColorMode;
  /** Thumbnail mode: no controls, no background grid, and page scrolling is left alone. */
  readonly compact?: boolean;
}

export function GenomeGraph({ flow, colorMode, compact = false }: GenomeGraphProps) {
  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={NODE_TYPES}
      colorMode={colorMode}
      fitView
      fitViewOptions={{ padding: 0.12, maxZoom: compact ? 1 : 1.25 }}
      minZoom={0.2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      zoomOnScroll={!compact}
      preventScrolling={!compact}
      proOptions={{ hideAttribution: compact }}
    >
      {!compact && <Background gap={24} />}
      {!compact && <Controls showInteractive={false} />}
    </ReactFlow>
  );
}
