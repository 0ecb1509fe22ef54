/** A one-line chart legend in HTML: coloured swatches (solid or dashed lines, or hollow points) with their names. */

export interface LegendEntry {
  readonly label: string;
  /** A CSS colour, usually one of the `--series-*` variables. */
  readonly color: string;
  /** The swatch: a solid line unless set. */
  readonly mark?: 'dashed' | 'hollow';
}

export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart__legend">
      {entries.map((entry) => (
        <li key={entry.label}>
          <span className={entry.mark ? `chart__swatch chart__swatch--${entry.mark}` : 'chart__swatch'} style={{ color: entry.color }} aria-hidden="true" />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
