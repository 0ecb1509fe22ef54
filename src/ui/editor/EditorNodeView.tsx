/**
 * A layer on the editor canvas: kind, key parameters, output shape and parameter count, a
 * warning with the validator's messages when something is wrong, and named handles for its
 * input (left) and output (right). A layer that searches keep fixed carries a badge.
 */

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatParams } from '../format';
import { countRender } from './dev-hooks';
import type { EditorFlowNode } from './editor-flow';

function EditorNodeViewInner({ id, data, selected }: NodeProps<EditorFlowNode>) {
  countRender(`node:${id}`);
  const invalid = data.issues.length > 0;
  const className = [
    'layer-node',
    'editor-node',
    `layer-node--${data.kind}`,
    invalid ? 'layer-node--invalid' : '',
    selected ? 'editor-node--selected' : '',
    data.fixed ? 'editor-node--fixed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={className} data-invalid={invalid || undefined} title={invalid ? data.issues.join('\n') : undefined}>
      {data.kind !== 'input' && <Handle type="target" position={Position.Left} aria-label={`Input of ${data.name}`} className="editor-handle" />}
      <div className="layer-node__title">
        {invalid && (
          <span className="layer-node__warning" role="img" aria-label={`Invalid: ${data.issues.join(' ')}`}>
            ⚠{' '}
          </span>
        )}
        {data.title} <span className="editor-node__id">{id}</span>
        {data.fixed && (
          <span className="editor-node__fixed" role="img" aria-label="Fixed during search" title="Fixed during search: every searched network keeps this layer as built.">
            fixed
          </span>
        )}
      </div>
      {data.summary && <div className="layer-node__summary">{data.summary}</div>}
      <div className="layer-node__facts">
        <span className="layer-node__shape" data-testid={`shape-${id}`}>
          {data.shape ?? 'shape ?'}
        </span>
        {data.params !== null && data.params > 0 && <span className="layer-node__params">{formatParams(data.params)}</span>}
      </div>
      {data.kind !== 'output' && <Handle type="source" position={Position.Right} aria-label={`Output of ${data.name}`} className="editor-handle" />}
    </div>
  );
}

export const EditorNodeView = memo(EditorNodeViewInner);
