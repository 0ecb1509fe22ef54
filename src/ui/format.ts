/** Formatting of numbers with their units, as every panel shows them. */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a count with thousands separators, e.g. 12345 → "12,345". */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? INTEGER.format(count) : '–';
}

/** Formats a parameter count, e.g. "1,234 params" or "2.4 M params". */
export function formatParams(count: number): string {
  if (!Number.isFinite(count)) return '– params';
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)} M params`;
  return `${INTEGER.format(count)} ${count === 1 ? 'param' : 'params'}`;
}

/** Formats a fraction in [0, 1] as a percentage, e.g. 0.9375 → "93.8%". Null shows as "–". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Formats milliseconds as seconds with one decimal, e.g. 1530 → "1.5 s". */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a duration for a clock, e.g. "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

/** Formats an estimated duration: "about 1 min 05 s", or "under 1 s" where the rounded figure would be 0 s. */
export function formatEstimate(ms: number): string {
  return Number.isFinite(ms) && ms >= 0 && ms < 500 ? 'under 1 s' : `about ${formatDuration(ms)}`;
}

/**
 * Formats a guessed duration without false precision: "under 10 s", "roughly 40 s" (to
 * 10 s), "roughly 4 min" (to the minute), "roughly 1.5 h" (to the half hour).
 */
export function formatRoughEstimate(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const seconds = ms / 1000;
  if (seconds < 10) return 'under 10 s';
  if (seconds < 60) return `roughly ${Math.min(50, Math.round(seconds / 10) * 10)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `roughly ${minutes} min`;
  return `roughly ${Math.round(seconds / 1800) / 2} h`;
}

/** Formats a shape without its batch axis, e.g. [28, 28, 1] → "28×28×1". */
export function formatShapeCompact(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}
