/**
 * The fitness chart region: per-generation fitness, best-so-far and fitness against size, as
 * tabs. An exhaustive search has batches of chains in place of generations, and a batch's
 * best shows little of the search's progress, so its chart opens on the best so far.
 */

import * as Tabs from '@radix-ui/react-tabs';
import { useApp } from '../store-context';
import { BestSoFarChart } from './BestSoFarChart';
import { GenerationChart } from './GenerationChart';
import { ParetoChart } from './ParetoChart';
import { selectStepUnit } from './run-texts';

export function FitnessChart() {
  const generations = useApp((state) => state.run.generations);
  const evaluations = useApp((state) => state.run.evaluations);
  const generation = useApp((state) => state.run.generation);
  // The run's own strategy names the steps, because the settings may have changed since it ran.
  const unit = useApp(selectStepUnit);
  const exhaustive = unit === 'batch';

  return (
    <section className="run-view" aria-label="Fitness chart">
      {/* Keyed by the strategy, so that a run of another strategy, or choosing one before a run, opens its first view. */}
      <Tabs.Root key={unit} className="tabs" defaultValue={exhaustive ? 'evaluations' : 'generations'}>
        <div className="run-view__bar">
          <h2 className="panel-title">Fitness</h2>
          <Tabs.List className="tabs__list" aria-label="Fitness view">
            <Tabs.Trigger className="tabs__trigger" value="generations">
              {exhaustive ? 'Per batch' : 'Per generation'}
            </Tabs.Trigger>
            <Tabs.Trigger className="tabs__trigger" value="evaluations">
              Best so far
            </Tabs.Trigger>
            <Tabs.Trigger className="tabs__trigger" value="pareto">
              Pareto
            </Tabs.Trigger>
          </Tabs.List>
        </div>
        <Tabs.Content className="tabs__content" value="generations">
          <GenerationChart generations={generations} evaluations={evaluations} generation={generation} unit={unit} />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="evaluations">
          <BestSoFarChart evaluations={evaluations} />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="pareto">
          <ParetoChart evaluations={evaluations} />
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
