/**
 * The Compare tab's form: which strategies to run on the current task and candidate set,
 * the seeds, the evaluation budget and whether every strategy searches the exhaustive
 * chain space, with Run comparison and Stop.
 */

import { useId, useRef } from 'react';
import { STRATEGY_NAMES, type StrategyName } from '../../core/strategy';
import { taskOf } from '../../data/tasks';
import { parseSeeds, strategyComparisonPlan } from '../../state/comparison-plan';
import { comparisonBlocker } from '../../state/comparison-slice';
import { isComparisonActive } from '../../state/comparison-state';
import { NumberField } from '../controls/NumberField';
import { useFocusHandoff } from '../controls/use-focus-handoff';
import { cachedEstimate, useTrainRows } from '../inspector/use-exhaustive-estimate';
import { formatCount, formatEstimate } from '../format';
import { CommandButton } from '../run/RunControls';
import { useApp } from '../store-context';
import { BUDGET_RANGE, toggleStrategy, useCompareForm } from './compare-form';

/** Run comparison disables itself once pressed, and Stop comparison when the comparison ends, so each hands the focus to the other. */
const SUCCESSORS: Record<string, readonly string[]> = { 'run-comparison': ['stop-comparison'], 'stop-comparison': ['run-comparison'] };

const SHORT_LABELS: Record<StrategyName, string> = { coevolution: 'Coevolution', regularized: 'Regularized', random: 'Random', exhaustive: 'Exhaustive' };

function StrategyChoice({ strategy, checked, disabledReason, onChange }: { strategy: StrategyName; checked: boolean; disabledReason: string | null; onChange(on: boolean): void }) {
  const id = useId();
  return (
    <div className="compare-setup__strategy" title={disabledReason ?? undefined}>
      <input id={id} type="checkbox" checked={checked && disabledReason === null} disabled={disabledReason !== null} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{SHORT_LABELS[strategy]}</label>
    </div>
  );
}

export function ComparisonSetup() {
  const [form, update] = useCompareForm();
  const config = useApp((state) => state.config);
  const comparison = useApp((state) => state.comparison);
  const blocker = useApp(comparisonBlocker);
  const configErrors = useApp((state) => state.configErrors.length);
  const { startComparison, stopComparison } = useApp((state) => state.comparisonActions);
  const chainsId = useId();
  const buttons = useRef<HTMLDivElement>(null);
  const notePress = useFocusHandoff(buttons, SUCCESSORS);

  // The same rows as the other views' estimates, so that they all share the cached one.
  const trainRows = useTrainRows();
  const estimate = cachedEstimate({ ...config, search: { ...config.search, strategy: 'exhaustive' } }, trainRows);
  const exhaustiveReason = estimate.rejection === null ? null : `The exhaustive space is too large for ground truth. ${estimate.rejection}`;
  const strategies = form.strategies.filter((strategy) => strategy !== 'exhaustive' || exhaustiveReason === null);
  const seeds = parseSeeds(form.seedsText);

  let startReason = blocker;
  if (!startReason && configErrors > 0) startReason = 'Fix the settings listed in the alert first.';
  if (!startReason && strategies.length === 0) startReason = 'Choose at least one strategy.';
  if (!startReason && !seeds.ok) startReason = seeds.error;

  const start = () => {
    if (!seeds.ok) return;
    notePress('run-comparison');
    const plan = strategyComparisonPlan(config, { strategies, seeds: seeds.seeds, budget: form.budget, chainsOnly: form.chainsOnly });
    void startComparison(plan);
  };
  const active = isComparisonActive(comparison);

  return (
    <section className="compare-setup" aria-label="Comparison setup">
      <div className="compare-setup__fields">
        <h2 className="compare-setup__title">Compare strategies on {taskOf(config.task).name}</h2>
        {comparison.plan?.presetId !== undefined && (
          <p className="compare-setup__note">The results beside come from the preset "{comparison.plan.title}". This form starts a new comparison on the task in the editor.</p>
        )}
        <fieldset className="compare-setup__strategies">
          <legend>Strategies</legend>
          {STRATEGY_NAMES.map((strategy) => (
            <StrategyChoice
              key={strategy}
              strategy={strategy}
              checked={form.strategies.includes(strategy)}
              disabledReason={strategy === 'exhaustive' ? exhaustiveReason : null}
              onChange={(on) => update({ strategies: toggleStrategy(form.strategies, strategy, on, STRATEGY_NAMES) })}
            />
          ))}
        </fieldset>
        <p className="compare-setup__note">
          {exhaustiveReason === null
            ? `Exhaustive trains all ${formatCount(estimate.space.count)} chains (${formatEstimate(estimate.estimatedMs ?? 0)}) for the optimum line.`
            : 'Exhaustive: the space is above the limit, so no optimum line. Shrink the candidate set or its maximum depth.'}
        </p>
        <div className="compare-setup__row">
          <label className="field compare-setup__seeds">
            <span className="field__label">Seeds</span>
            <input className="field__input" type="text" value={form.seedsText} disabled={active} aria-invalid={!seeds.ok || undefined} onChange={(event) => update({ seedsText: event.target.value })} />
          </label>
          <NumberField range={BUDGET_RANGE} value={form.budget} disabled={active} onCommit={(budget) => update({ budget })} />
        </div>
        <div className="compare-setup__strategy">
          <input id={chainsId} type="checkbox" checked={form.chainsOnly} disabled={active} onChange={(event) => update({ chainsOnly: event.target.checked })} />
          <label htmlFor={chainsId} title="No merge layers, modules of at most the maximum depth, one module per blueprint: the space whose optimum the enumeration finds">
            Only chains up to the maximum depth
          </label>
        </div>
      </div>
      <div className="compare-setup__buttons" role="group" aria-label="Comparison controls" ref={buttons} tabIndex={-1}>
        <CommandButton label="Run comparison" primary command="run-comparison" reason={startReason} onPress={start} />
        <CommandButton
          label="Stop comparison"
          command="stop-comparison"
          reason={comparison.phase === 'running' ? null : 'No comparison is running.'}
          onPress={() => {
            notePress('stop-comparison');
            stopComparison();
          }}
        />
        {/* A disabled button's tooltip needs a pointer; the reason also stands here in words. */}
        {startReason && !active && (
          <p className="compare-setup__reason" data-testid="comparison-start-reason">
            {startReason}
          </p>
        )}
      </div>
    </section>
  );
}
