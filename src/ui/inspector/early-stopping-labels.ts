/** The names and hints of the early-stopping rules, as the search settings show them. */

import type { EarlyStoppingRule } from '../../core/early-stopping';

export const EARLY_STOPPING_LABELS: Record<EarlyStoppingRule, { label: string; hint: string }> = {
  off: { label: 'Off', hint: 'Every candidate trains for all its epochs.' },
  median: { label: 'Median rule', hint: 'Stops a candidate whose best fitness so far is below the median of finished ones at that epoch.' },
  halving: { label: 'Successive halving', hint: 'Trains a generation briefly, continues the best third three times as long, and so on.' },
};
