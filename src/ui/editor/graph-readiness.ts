/**
 * Whether the editor's graph can be trained or searched from, and why not. The Start search
 * button uses it; a Train button for the single network should use `useGraphBlockReason`
 * the same way.
 */

import type { GenomeAnalysis } from '../../core/genome';
import { analyzeGraph } from '../../state/graph-analysis';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';

/** Returns null for a valid graph, or a sentence naming its first issue and how many follow. */
export function graphBlockReason(analysis: GenomeAnalysis): string | null {
  if (analysis.valid) return null;
  const [first, ...rest] = analysis.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more issue${rest.length === 1 ? '' : 's'})`;
  return `Fix the network first: ${first.message}${more}`;
}

/** Returns the reason the editor's graph cannot start a search or a training run, or null when it can. */
export function useGraphBlockReason(): string | null {
  const genome = useApp((state) => state.graph);
  const taskId = useApp((state) => state.config.task.id);
  return graphBlockReason(analyzeGraph(genome, taskShapeContext(taskId)));
}
