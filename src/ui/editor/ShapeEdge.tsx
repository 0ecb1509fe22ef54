/**
 * A connection on the editor canvas, labelled with the shape of the tensor it carries. A
 * connection an issue names is drawn dashed in the danger colour, and its label shows the
 * messages on hover. A connection that runs back to the left, as from the end of one row of a
 * wrapped layout to the start of the next, turns at right angles between the rows: a curve
 * would cut across the layers.
 */

import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { countRender } from './dev-hooks';
import type { EditorFlowEdge } from './editor-flow';

function ShapeEdgeInner({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<EditorFlowEdge>) {
  countRender(`edge:${id}`);
  const ends = { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition };
  const [path, labelX, labelY] = targetX < sourceX ? getSmoothStepPath({ ...ends, borderRadius: 8 }) : getBezierPath(ends);
  const issues = data?.issues ?? [];
  const invalid = issues.length > 0;
  const className = ['shape-edge__label', invalid ? 'shape-edge__label--invalid' : '', selected ? 'shape-edge__label--selected' : ''].filter(Boolean).join(' ');

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={invalid ? 'shape-edge--invalid' : undefined} />
      <EdgeLabelRenderer>
        <div
          className={`${className} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${id}`}
          title={invalid ? issues.join('\n') : undefined}
        >
          {invalid && '⚠ '}
          {data?.shape ?? '?'}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeInner);
