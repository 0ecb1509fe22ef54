/**
 * The ancestry of the best network as a tree: its parents and the operations that made it,
 * back through the generations. A parent the run trained opens in the editor.
 */

import { useMemo } from 'react';
import { useActions, useApp } from '../store-context';
import { lineageOf, type LineageNode } from './evolution-data';

const ROLE_LABELS: Record<LineageNode['role'], string> = { network: 'network', module: 'module', blueprint: 'blueprint' };

function NodeView({ node }: { node: LineageNode }) {
  const { openNetwork } = useActions();
  const candidate = node.candidate;
  return (
    <li>
      <div className="lineage__node">
        <span className="lineage__id">{ROLE_LABELS[node.role]} {node.id}</span>
        <span className="lineage__operation">{node.operation}</span>
        {candidate && (
          <button
            type="button"
            className="button button--tool"
            aria-label={`Open ancestor ${node.id} in editor`}
            title={`Load ${node.id} into the editor, replacing the network there (undo restores it)`}
            onClick={() => openNetwork(candidate.candidate.genome, candidate.candidate.id)}
          >
            Open
          </button>
        )}
        <span className="lineage__detail" title={node.detail}>
          {node.detail}
        </span>
      </div>
      {node.parents.length > 0 && (
        <ul>
          {node.parents.map((parent) => (
            <NodeView key={`${parent.role}-${parent.id}`} node={parent} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function LineageView() {
  const best = useApp((state) => state.run.best);
  const evaluations = useApp((state) => state.run.evaluations);
  const generations = useApp((state) => state.run.generations);
  const tree = useMemo(() => (best ? lineageOf(best, evaluations, generations) : null), [best, evaluations, generations]);

  if (!tree) return <p className="chart__empty">The ancestry of the best network appears once a candidate is evaluated.</p>;
  return (
    <div className="lineage" data-testid="lineage">
      <ul>
        <NodeView node={tree} />
      </ul>
    </div>
  );
}
