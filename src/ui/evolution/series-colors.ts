/**
 * Colours for many series (species, strategies), from the Okabe–Ito palette, which stays
 * distinguishable with the common forms of colour blindness. They are CSS variables of
 * evolution.css, so both themes can set them.
 */

export const SERIES_COLOR_COUNT = 7;

/** Returns the colour of the `index`-th series, repeating after `SERIES_COLOR_COUNT`. */
export function seriesColor(index: number): string {
  return `var(--series-${(((index % SERIES_COLOR_COUNT) + SERIES_COLOR_COUNT) % SERIES_COLOR_COUNT) + 1})`;
}
