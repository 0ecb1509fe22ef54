/** The network's size at a glance: parameters, estimated training FLOPs per example, and issue count. */

import { useMemo } from 'react';
import { analyzeGraph } from '../../state/graph-analysis';
import { formatParams } from '../format';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { formatFlops, trainingFlops } from './editor-format';

export function GraphTotals() {
  const genome = useApp((state) => state.graph);
  const context = useApp((state) => taskShapeContext(state.config.task));
  const analysis = useMemo(() => analyzeGraph(genome, context), [genome, context]);
  const issues = analysis.issues.length;

  return (
    <span className="canvas__total" data-testid="graph-totals">
      {formatParams(analysis.totalParams)} ·{' '}
      {/* The issue count comes before the FLOPs so that a narrow bar cuts the FLOPs, not the count. */}
      {issues > 0 && (
        <span className="canvas__issue-count">
          {issues} {issues === 1 ? 'issue' : 'issues'} ·{' '}
        </span>
      )}
      <abbr title="Estimated floating-point operations to train on one example: about 3× the forward pass">
        ≈{formatFlops(trainingFlops(analysis.totalFlops))}/example to train
      </abbr>
    </span>
  );
}
