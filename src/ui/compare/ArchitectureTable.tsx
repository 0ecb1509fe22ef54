/**
 * For comparisons across targets: every architecture with its fitness on each target and the
 * best per target marked. It shows whether the best sequence for one target is the best for
 * another.
 */

import type { ArchitectureRow } from './comparison-data';

export function ArchitectureTable({ rows, columns, format }: { rows: readonly ArchitectureRow[]; columns: readonly string[]; format(value: number): string }) {
  if (rows.length === 0) return null;
  return (
    <table className="compare-summary compare-architectures" data-testid="architecture-table">
      <caption>Each architecture on each target (mean over seeds); ★ marks each target&apos;s best</caption>
      <thead>
        <tr>
          <th scope="col">Architecture</th>
          {columns.map((label) => (
            <th key={label} scope="col" className="num">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.description}>
            <td className="compare-summary__architecture" title={row.description}>
              <code>{row.description}</code>
            </td>
            {row.fitness.map((value, column) => (
              <td key={columns[column]} className={row.best[column] ? 'num compare-architectures__best' : 'num'}>
                {value === null ? '–' : format(value)}
                {row.best[column] && ' ★'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
