/** The best network found so far, drawn as a graph and re-laid out whenever the best changes. */

import { useMemo } from 'react';
import { formatParams, formatPercent } from '../format';
import { GenomeGraph } from '../graph/GenomeGraph';
import { genomeToFlow } from '../graph/genome-flow';
import { useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { useTheme } from '../theme';

export function BestArchitecture() {
  const best = useApp((state) => state.run.best);
  // The data set of the run, once loaded, so that shapes stay right if the task picker moves on.
  const taskId = useApp((state) => state.dataset?.task ?? state.config.task.id);
  const { theme } = useTheme();

  const flow = useMemo(() => {
    if (!best) return null;
    return genomeToFlow(best.candidate.genome, taskShapeContext(taskId), { compact: true });
  }, [best, taskId]);

  return (
    <section className="run-view" aria-label="Best architecture">
      <div className="run-view__bar">
        <h2 className="panel-title">Best architecture</h2>
        {best && (
          <span className="run-view__caption" data-testid="best-candidate">
            {best.candidate.id} · {formatPercent(best.metrics?.validationAccuracy ?? best.fitness)} validation ·{' '}
            {formatParams(best.metrics?.params ?? flow?.analysis.totalParams ?? NaN)}
          </span>
        )}
      </div>
      <div className="run-view__body run-view__graph">
        {flow && best ? (
          <GenomeGraph key={best.candidate.id} flow={flow} colorMode={theme} compact />
        ) : (
          <p className="chart__empty">The best network appears when the first candidate is evaluated.</p>
        )}
      </div>
    </section>
  );
}
