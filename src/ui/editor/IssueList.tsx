/**
 * Every issue the validator found, each with its fix and a button that shows its node. The
 * strip keeps its height when the network is valid, so the canvas does not jump as issues
 * come and go.
 */

import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { loadedFileShape } from '../../data/tasks';
import { analyzeGraph } from '../../state/graph-analysis';
import { dataFileProblem } from './graph-readiness';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';

export function IssueList() {
  const genome = useApp((state) => state.graph);
  const { select } = useApp((state) => state.editorActions);
  const { fitView } = useReactFlow();
  const context = useApp((state) => taskShapeContext(state.config.task));
  const fileProblem = useApp((state) => dataFileProblem(state.config.task, state.dataFile?.name ?? null, loadedFileShape()));
  const issues = useMemo(() => analyzeGraph(genome, context).issues, [genome, context]);

  if (fileProblem) {
    return (
      <p className="canvas__issues" role="status">
        {fileProblem} Shapes are checked once its rows are loaded.
      </p>
    );
  }
  if (issues.length === 0) {
    return (
      <p className="canvas__issues canvas__issues--none" role="status">
        No issues: the network is valid for this task.
      </p>
    );
  }

  const show = (id: string) => {
    select([id]);
    void fitView({ nodes: [{ id }], maxZoom: 1.1, duration: 200 });
  };

  return (
    <ul className="canvas__issues" aria-label="Network issues">
      {issues.map((issue, index) => (
        <li key={index}>
          {issue.message} {issue.fix}
          {issue.nodeId && (
            <button type="button" className="canvas__show" onClick={() => show(issue.nodeId!)} aria-label={`Show ${issue.nodeId}`}>
              Show
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
