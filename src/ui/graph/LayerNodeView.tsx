/** A layer of a network graph: kind, key parameters, output shape and parameter count. */

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatParams } from '../format';
import type { LayerNode } from './genome-flow';

export function LayerNodeView({ data, targetPosition = Position.Left, sourcePosition = Position.Right }: NodeProps<LayerNode>) {
  const invalid = data.issues.length > 0;
  const className = ['layer-node', `layer-node--${data.kind}`, data.compact ? 'layer-node--compact' : '', invalid ? 'layer-node--invalid' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={className} title={invalid ? data.issues.join('\n') : data.summary}>
      {data.kind !== 'input' && <Handle type="target" position={targetPosition} isConnectable={false} />}
      <div className="layer-node__title">
        {invalid && <span className="layer-node__warning" aria-label="invalid">⚠ </span>}
        {data.title}
        {/* A compact node has no summary line, and the activation tells otherwise equal layers apart. */}
        {data.compact && data.activation && <span className="layer-node__activation"> · {data.activation}</span>}
      </div>
      {!data.compact && data.summary && <div className="layer-node__summary">{data.summary}</div>}
      <div className="layer-node__facts">
        <span className="layer-node__shape">{data.shape ?? 'shape ?'}</span>
        {data.params !== null && data.params > 0 && <span className="layer-node__params">{formatParams(data.params)}</span>}
      </div>
      {data.kind !== 'output' && <Handle type="source" position={sourcePosition} isConnectable={false} />}
    </div>
  );
}
