/** The best network found so far, drawn as a graph and re-laid out whenever the best changes. */

import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { describeGenome } from '../../core/describe';
import { formatCount } from '../format';
import { GenomeGraph } from '../graph/GenomeGraph';
import { genomeToFlow } from '../graph/genome-flow';
import { SharedBadge } from '../session/SharedBadge';
import { FinalResult } from './FinalResult';
import { useActions, useApp } from '../store-context';
import { taskShapeContext } from '../task-context';
import { useTheme } from '../theme';
import { useElementSize } from '../training/use-element-size';
import { formatScore, useRunTaskKind } from './score-text';

/** The empty graph drawn before the first result, so React Flow first mounts while the page loads. */
const NO_GRAPH = { nodes: [], edges: [] };

export function BestArchitecture() {
  // A new best is laid out and drawn anew: deferred, it renders in the background.
  const best = useDeferredValue(useApp((state) => state.run.best));
  // The task picker is locked while a run is active, so the run's task is the selected one.
  // NOTE: switching task after a run clears `dataset`, and the old best is then drawn against
  // the new task's input shape.
  const { theme } = useTheme();
  const kind = useRunTaskKind();
  const { openNetwork } = useActions();

  const context = useApp((state) => taskShapeContext(state.dataset ? { id: state.dataset.task } : state.config.task));
  const view = useRef<HTMLDivElement>(null);
  // A tall network folds into columns to fit the view. The size counts in steps of 20 px, so
  // dragging the panel's edge does not lay the network out again at every pixel.
  const size = useElementSize(view);
  const frameWidth = Math.round(size.width / 20) * 20;
  const frameHeight = Math.round(size.height / 20) * 20;
  const flow = useMemo(
    () => (best ? genomeToFlow(best.candidate.genome, context, { compact: true, frame: { width: frameWidth, height: frameHeight } }) : null),
    [best, context, frameWidth, frameHeight],
  );
  const description = useMemo(() => (best ? describeGenome(best.candidate.genome) : ''), [best]);
  const [panHint, setPanHint] = useState(false);

  return (
    <section className="run-view" aria-label="Best architecture">
      <div className="run-view__bar">
        <h2 className="panel-title">Best architecture</h2>
        <SharedBadge />
        {best && flow && (
          <span className="run-view__caption" data-testid="best-candidate">
            <code>{best.candidate.id}</code> · {formatScore(kind, best.metrics?.validationAccuracy ?? best.fitness, best.metrics?.validationR2 ?? best.fitness)} ·{' '}
            {formatCount(best.metrics?.params ?? flow.analysis.totalParams)} params
          </span>
        )}
      </div>
      <FinalResult />
      <div className="run-view__body run-view__graph" ref={view}>
        {/* NOTE: a new best or a new view size remounts the graph (a long task), because refitting a mounted view to moved nodes or a new size did not always fit them. */}
        <GenomeGraph
          label="Best architecture, read only"
          description={description}
          key={`${best?.candidate.id ?? 'none'}:${frameWidth}x${frameHeight}`}
          flow={flow ?? NO_GRAPH}
          colorMode={theme}
          compact
          onPanHint={setPanHint}
        />
        {!flow && <p className="chart__empty chart__empty--over">The best network appears when the first candidate is evaluated.</p>}
      </div>
      {best && (
        <div className="run-view__footer-row">
          {/* While part of the network is out of view, the footer says how to reach it, in place of the description. */}
          {panHint ? (
            <p className="run-view__footer genome-graph__hint">Drag to pan, Ctrl + scroll to zoom</p>
          ) : (
            <p className="run-view__footer" title={description}>
              {description}
            </p>
          )}
          <button
            type="button"
            className="button button--tool"
            title={`Load ${best.candidate.id} into the editor, replacing the network there (undo restores it)`}
            onClick={() => openNetwork(best.candidate.genome, best.candidate.id)}
          >
            Open in editor
          </button>
        </div>
      )}
    </section>
  );
}
