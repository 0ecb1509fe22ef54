/**
 * The centre panel: the starting network laid out as a graph, with its total parameter
 * count and any issues the validator found, each naming its node.
 */

import { useMemo } from 'react';
import { formatParams } from '../format';
import { GenomeGraph } from '../graph/GenomeGraph';
import { genomeToFlow } from '../graph/genome-flow';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { useTheme } from '../theme';

export function Canvas() {
  const graph = useApp((state) => state.graph);
  const taskId = useApp((state) => state.config.task.id);
  const { theme } = useTheme();

  const context = taskShapeContext(taskId);
  const flow = useMemo(() => genomeToFlow(graph, context), [graph, context]);
  const layoutKey = `${taskId}:${graph.nodes.map((node) => node.id).join(',')}`;
  const issues = flow.analysis.issues;

  return (
    <main className="canvas" aria-label="Network">
      <div className="canvas__bar">
        <h2 className="panel-title">Starting network</h2>
        <span className="canvas__total">
          {formatParams(flow.analysis.totalParams)} · enters the first generation
        </span>
      </div>
      <div className="canvas__graph">
        <GenomeGraph key={layoutKey} flow={flow} colorMode={theme} />
      </div>
      {issues.length > 0 && (
        <ul className="canvas__issues" aria-label="Network issues">
          {issues.map((issue, index) => (
            <li key={index}>
              {issue.message} {issue.fix}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
