/** The leaderboard as CSV (RFC 4180): one row per ranked candidate, best first. */

import { describeGenome } from '../../core/describe';
import type { EvaluatedCandidate } from '../../workers/coordinator';

const HEADER = ['rank', 'candidate', 'generation', 'fitness', 'validation_accuracy', 'test_accuracy', 'validation_r2', 'test_r2', 'params', 'flops', 'train_seconds', 'backend', 'status', 'architecture'];

/**
 * Quotes a field when it needs it. A text field starting with =, +, - or @ gets a leading
 * apostrophe, so a spreadsheet does not run it as a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function statusOf(result: EvaluatedCandidate): string {
  if (result.metrics === null) return `failed: ${result.failure ?? 'no reason given'}`;
  if (result.metrics.diverged !== undefined) return `diverged: ${result.metrics.diverged}`;
  return 'ok';
}

/**
 * Writes ranked candidates as CSV with a header row. Accuracies are fractions in [0, 1] and
 * filled for classification tasks; R² columns are filled for regression tasks.
 */
export function leaderboardCsv(ranked: readonly EvaluatedCandidate[]): string {
  const rows = ranked.map((result, index) => {
    const metrics = result.metrics;
    return [
      index + 1,
      result.candidate.id,
      result.candidate.generation,
      result.fitness,
      metrics?.validationAccuracy ?? null,
      metrics?.testAccuracy ?? null,
      metrics?.validationR2 ?? null,
      metrics?.testR2 ?? null,
      metrics?.params ?? null,
      metrics?.flops ?? null,
      metrics ? Math.round(metrics.trainMs) / 1000 : null,
      metrics?.backend ?? null,
      statusOf(result),
      describeGenome(result.candidate.genome),
    ];
  });
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
