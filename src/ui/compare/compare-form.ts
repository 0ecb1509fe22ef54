/**
 * The Compare tab's form state: the strategies to compare, the seeds, the evaluation budget
 * and whether every strategy is restricted to the exhaustive chain space. It lives outside
 * the components so that it survives switching tabs.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StrategyName } from '../../core/strategy';

export interface CompareForm {
  readonly strategies: readonly StrategyName[];
  readonly seedsText: string;
  readonly budget: number;
  readonly chainsOnly: boolean;
}

export const DEFAULT_COMPARE_FORM: CompareForm = {
  // The enumeration can take many minutes; the form shows its estimate so the user opts in.
  strategies: ['coevolution', 'regularized', 'random'],
  seedsText: '1, 2, 3',
  budget: 20,
  chainsOnly: true,
};

export const BUDGET_RANGE = { min: 1, max: 500, integer: true, label: 'Budget', unit: 'architectures' } as const;

const compareForm = createStore<CompareForm>()(() => DEFAULT_COMPARE_FORM);

export function useCompareForm(): [CompareForm, (change: Partial<CompareForm>) => void] {
  const form = useStore(compareForm);
  return [form, (change) => compareForm.setState(change)];
}

/** Adds or removes a strategy, keeping the order of `STRATEGY_NAMES`. */
export function toggleStrategy(chosen: readonly StrategyName[], strategy: StrategyName, on: boolean, order: readonly StrategyName[]): StrategyName[] {
  return order.filter((name) => (name === strategy ? on : chosen.includes(name)));
}
