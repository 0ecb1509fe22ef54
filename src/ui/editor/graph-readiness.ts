/**
 * Whether the editor's graph can be trained or searched from, and why not. The Start search
 * button uses `useGraphBlockReason('search')` and the Train button `useGraphBlockReason('train')`.
 */

import type { Genome, GenomeAnalysis } from '../../core/genome';
import type { StrategyName } from '../../core/strategy';
import { slotTrainingProblem, templateStrategyProblem } from '../../core/template';
import { analyzeGraph } from '../../state/graph-analysis';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';

/** The use a graph is checked for: a search from it, or training it alone. */
export type GraphPurpose = 'search' | 'train';

/** Returns null for a valid graph, or a sentence naming its first issue and how many follow. */
export function graphBlockReason(analysis: GenomeAnalysis): string | null {
  if (analysis.valid) return null;
  const [first, ...rest] = analysis.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more issue${rest.length === 1 ? '' : 's'})`;
  return `Fix the network first: ${first.message}${more}`;
}

/**
 * Returns why the graph cannot serve `purpose`, or null when it can: its first validator
 * issue, then its module slots, which only a search fills and only some strategies can.
 */
export function purposeBlockReason(genome: Genome, analysis: GenomeAnalysis, purpose: GraphPurpose, strategy: StrategyName): string | null {
  const invalid = graphBlockReason(analysis);
  if (invalid) return invalid;
  return purpose === 'train' ? slotTrainingProblem(genome) : templateStrategyProblem(strategy, genome);
}

/** Returns the reason the editor's graph cannot start a search or a training run, or null when it can. */
export function useGraphBlockReason(purpose: GraphPurpose = 'search'): string | null {
  const genome = useApp((state) => state.graph);
  const taskId = useApp((state) => state.config.task.id);
  const strategy = useApp((state) => state.config.search.strategy);
  return purposeBlockReason(genome, analyzeGraph(genome, taskShapeContext(taskId)), purpose, strategy);
}
