/**
 * Settings of the search: strategy, candidate set, budget in generations and evaluations,
 * population sizes, early stopping and seed. For the exhaustive strategy it states what the
 * enumeration would train and about how long that takes, or why the space is too large.
 */

import { EARLY_STOPPING_RULES, type EarlyStoppingRule } from '../../core/early-stopping';
import { STRATEGY_NAMES, type StrategyName } from '../../core/strategy';
import { STRATEGY_LABELS } from '../../state/comparison-plan';
import { SelectField, type SelectOption } from '../controls/SelectField';
import { useActions, useApp } from '../store-context';
import { CandidateSetSummary } from './CandidateSetSummary';
import { ConfigNumber } from './ConfigNumber';
import { EARLY_STOPPING_LABELS } from './early-stopping-labels';
import { exhaustiveSummary } from './exhaustive-text';
import { useExhaustiveEstimate, useExhaustiveWall } from './use-exhaustive-estimate';

const STRATEGY_HINTS: Record<StrategyName, string> = {
  coevolution: 'Modules and blueprints evolve together (CoDeepNEAT).',
  regularized: 'Aging evolution: mutate the winner of a tournament, retire the oldest network.',
  random: 'Independent random networks from the candidate set.',
  exhaustive: 'Trains every chain of the candidate set up to the maximum depth: the exact optimum, for small spaces.',
};

const STRATEGY_OPTIONS: SelectOption<StrategyName>[] = STRATEGY_NAMES.map((name) => ({
  value: name,
  label: STRATEGY_LABELS[name],
  hint: STRATEGY_HINTS[name],
}));

const EARLY_STOPPING_OPTIONS: SelectOption<EarlyStoppingRule>[] = EARLY_STOPPING_RULES.map((rule) => ({ value: rule, ...EARLY_STOPPING_LABELS[rule] }));

function ExhaustiveEstimateNote() {
  const estimate = useExhaustiveEstimate();
  const wall = useExhaustiveWall(estimate);
  if (!estimate) return null;
  const rejected = estimate.rejection !== null;
  return (
    <p className={rejected ? 'field__error' : 'inspector__hint'} role="status" data-testid="exhaustive-estimate" data-rejected={rejected}>
      {exhaustiveSummary(estimate, wall)}
    </p>
  );
}

/**
 * Returns the unit of Population for the exhaustive strategy, which trains its chains in
 * batches of population × networks per blueprint. That setting is hidden for this strategy,
 * so a batch of another size than the population is stated as a count.
 */
export function exhaustiveBatchUnit(population: number, networksPerBlueprint: number): string {
  if (networksPerBlueprint === 1) return 'chains per batch';
  const size = population * networksPerBlueprint;
  return `${size.toLocaleString('en-US')} ${size === 1 ? 'chain' : 'chains'} per batch`;
}

export function SearchSettings({ locked }: { locked: boolean }) {
  const strategy = useApp((state) => state.config.search.strategy);
  const earlyStopping = useApp((state) => state.config.search.earlyStopping ?? 'off');
  const population = useApp((state) => state.config.search.population);
  const networksPerBlueprint = useApp((state) => state.config.search.networksPerBlueprint);
  const { setStrategy, setEarlyStopping } = useActions();
  const exhaustive = strategy === 'exhaustive';
  const batchUnit = exhaustiveBatchUnit(population, networksPerBlueprint);

  return (
    <section className="inspector__section" aria-labelledby="inspector-search">
      <h3 id="inspector-search">Search</h3>
      <SelectField label="Strategy" value={strategy} options={STRATEGY_OPTIONS} onChange={setStrategy} disabled={locked} />
      <ExhaustiveEstimateNote />
      <CandidateSetSummary />
      {!exhaustive && <ConfigNumber path="search.generations" disabled={locked} />}
      <ConfigNumber path="search.population" disabled={locked} unit={exhaustive ? batchUnit : undefined} />
      {strategy === 'coevolution' && <ConfigNumber path="search.modulePopulation" disabled={locked} />}
      {strategy === 'regularized' && <ConfigNumber path="search.sampleSize" disabled={locked} />}
      {!exhaustive && <ConfigNumber path="search.maxModuleLayers" disabled={locked} />}
      {!exhaustive && <ConfigNumber path="search.maxBlueprintSlots" disabled={locked} />}
      <ConfigNumber path="search.maxEvaluations" disabled={locked} />
      <SelectField label="Early stopping" value={earlyStopping} options={EARLY_STOPPING_OPTIONS} onChange={setEarlyStopping} disabled={locked} />
      <ConfigNumber path="search.seed" disabled={locked} />
      <ConfigNumber path="finalEpochs" disabled={locked} />
      <ShortFinalTrainingNote />
      <ConfigNumber path="timeBudgetSeconds" disabled={locked} />
    </section>
  );
}

/** Warns when the final retraining is shorter than each candidate's training, so that it would likely replace the best with a worse network. */
function ShortFinalTrainingNote() {
  const finalEpochs = useApp((state) => state.config.finalEpochs);
  const epochs = useApp((state) => state.config.training.epochs);
  if (finalEpochs === 0 || finalEpochs >= epochs) return null;
  return (
    <p className="inspector__hint inspector__hint--warning" role="status">
      The final network trains from scratch for {finalEpochs} epochs, fewer than the {epochs} each candidate trains, so it may score below the search's best, and Export saves it.
      Set at least {epochs}, or 0 to keep the search's best.
    </p>
  );
}
