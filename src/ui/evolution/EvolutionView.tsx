/**
 * The run panel's Evolution tab: the species of each population over time, the fitness
 * credited to modules and blueprints in the latest generation, and the lineage of the best
 * network. Species and credit exist for coevolution only; lineage for every strategy that
 * records parents.
 */

import { RunToolbar } from '../run/RunToolbar';
import { useApp } from '../store-context';
import { CreditTable } from './CreditTable';
import { LineageView } from './LineageView';
import { SpeciesChart } from './SpeciesChart';
import './evolution.css';

function SpeciesPanel() {
  const generations = useApp((state) => state.run.generations);
  const coevolution = generations.some((summary) => summary.populations.some((population) => population.name === 'modules'));
  return (
    <section className="run-view" aria-label="Species">
      <div className="run-view__bar">
        <h2 className="panel-title">Species</h2>
        <span className="run-view__caption">members per species and generation</span>
      </div>
      {coevolution ? (
        <div className="evolution__charts">
          <SpeciesChart generations={generations} population="modules" />
          <SpeciesChart generations={generations} population="blueprints" />
        </div>
      ) : (
        <p className="chart__empty">Modules and blueprints form species in a coevolution search; they appear after its first generation.</p>
      )}
    </section>
  );
}

export function EvolutionView() {
  const generations = useApp((state) => state.run.generations);
  return (
    <>
      {/* A search is often watched from this tab, so it has the Search tab's controls and progress. */}
      <RunToolbar />
      <div className="evolution">
        <SpeciesPanel />
        <section className="run-view" aria-label="Credit">
          <div className="run-view__bar">
            <h2 className="panel-title">Credit</h2>
            <span className="run-view__caption">mean network fitness per member</span>
          </div>
          <CreditTable generations={generations} />
        </section>
        <section className="run-view" aria-label="Lineage">
          <div className="run-view__bar">
            <h2 className="panel-title">Lineage</h2>
            <span className="run-view__caption">of the best network</span>
          </div>
          <LineageView />
        </section>
      </div>
    </>
  );
}
