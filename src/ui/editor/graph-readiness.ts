/**
 * Whether the editor's graph can be trained or searched from, and why not. The Start search
 * button uses `useGraphBlockReason('search')` and the Train button `useGraphBlockReason('train')`.
 */

import type { Genome, GenomeAnalysis } from '../../core/genome';
import type { StrategyName } from '../../core/strategy';
import { slotTrainingProblem, templateStrategyProblem } from '../../core/template';
import { describeShape, loadedFileShape, sameFileShape } from '../../data/tasks';
import type { DataFileShape } from '../../data/types';
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

/** The reason nothing can train on the data-file task before a file is loaded. */
export const NO_DATA_FILE = 'No data file is loaded: choose "Data file…" under Task and pick your CSV or JSON file.';

/**
 * Returns why the data-file task cannot train: no file, another file than the setup's, or a
 * file of the setup's name but of another shape than the setup recorded. Null for other tasks.
 */
export function dataFileProblem(task: { id: string; file?: string; fileShape?: DataFileShape }, loaded: string | null, loadedShape?: DataFileShape): string | null {
  if (task.id !== 'custom') return null;
  if (loaded === null) return task.file ? `This setup needs the data file "${task.file}": choose it with "Data file…" under Task.` : NO_DATA_FILE;
  if (task.file !== undefined && task.file !== loaded) {
    return `This setup was made on "${task.file}", but "${loaded}" is loaded: choose "${task.file}", or "${loaded}" again to use it, with "Another data file…" under Task.`;
  }
  const recorded = task.fileShape;
  if (recorded && loadedShape && !sameFileShape(recorded, loadedShape)) {
    return `This setup was made on a "${loaded}" of ${describeShape(recorded)}, but the loaded "${loaded}" has ${describeShape(loadedShape)}: choose the setup's file, or this one again to use it, with "Another data file…" under Task.`;
  }
  return null;
}

/**
 * Returns the reason the editor's graph cannot start a search or a training run, or null when
 * it can. The data-file task without a file has no rows to train on, whatever the graph.
 */
export function useGraphBlockReason(purpose: GraphPurpose = 'search'): string | null {
  const fileProblem = useApp((state) => dataFileProblem(state.config.task, state.dataFile?.name ?? null, loadedFileShape()));
  const genome = useApp((state) => state.graph);
  const context = useApp((state) => taskShapeContext(state.config.task));
  const strategy = useApp((state) => state.config.search.strategy);
  if (fileProblem) return fileProblem;
  return purposeBlockReason(genome, analyzeGraph(genome, context), purpose, strategy);
}
