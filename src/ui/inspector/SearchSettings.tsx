/** Settings of the search: strategy, budget in generations and population sizes, seed. */

import { STRATEGY_NAMES, type StrategyName } from '../../core/strategy';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { useActions, useApp } from '../store-context';
import { ConfigNumber } from './ConfigNumber';

const STRATEGY_LABELS: Partial<Record<StrategyName, { label: string; hint: string }>> = {
  coevolution: { label: 'Coevolution', hint: 'Modules and blueprints evolve together (CoDeepNEAT).' },
  random: { label: 'Random search', hint: 'Independent random networks from the candidate set.' },
};

const STRATEGY_OPTIONS: SelectOption<StrategyName>[] = STRATEGY_NAMES.map((name) => ({
  value: name,
  label: STRATEGY_LABELS[name]?.label ?? name,
  hint: STRATEGY_LABELS[name]?.hint,
}));

export function SearchSettings({ locked }: { locked: boolean }) {
  const strategy = useApp((state) => state.config.search.strategy);
  const { setStrategy } = useActions();

  return (
    <section className="inspector__section" aria-labelledby="inspector-search">
      <h3 id="inspector-search">Search</h3>
      <SelectField label="Strategy" value={strategy} options={STRATEGY_OPTIONS} onChange={setStrategy} disabled={locked} />
      <ConfigNumber path="search.generations" disabled={locked} />
      <ConfigNumber path="search.population" disabled={locked} />
      {strategy === 'coevolution' && <ConfigNumber path="search.modulePopulation" disabled={locked} />}
      <ConfigNumber path="search.seed" disabled={locked} />
      <ConfigNumber path="timeBudgetSeconds" disabled={locked} />
    </section>
  );
}
