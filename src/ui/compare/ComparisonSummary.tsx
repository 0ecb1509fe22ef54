/** A table per series: the best architecture, final best fitness over seeds, evaluations to the optimum and reused results. */

import { seriesColor } from '../evolution/series-colors';
import type { SeriesSummary } from './comparison-data';

function reachText(toOptimum: readonly (number | null)[]): string {
  if (toOptimum.length === 0) return '–';
  return toOptimum.map((value) => (value === null ? 'never' : String(value))).join(', ');
}

export function ComparisonSummary({ summaries, format, hasOptimum }: { summaries: readonly SeriesSummary[]; format(value: number): string; hasOptimum: boolean }) {
  return (
    <table className="compare-summary">
      <thead>
        <tr>
          <th scope="col">Series and best architecture</th>
          <th scope="col" className="num">
            <abbr title="Each seed's best validation fitness, whichever architecture reached it: their mean, with min–max. The table below averages each architecture over the seeds instead.">
              Seeds&apos; best
            </abbr>
          </th>
          {hasOptimum && (
            <th scope="col" className="num">
              <abbr title="Architectures trained until within 1% of the exhaustive optimum, per seed">To optimum</abbr>
            </th>
          )}
          <th scope="col" className="num">
            <abbr title="Architectures trained over all seeds, and results reused for an architecture met before">Trained</abbr>
          </th>
        </tr>
      </thead>
      <tbody>
        {summaries.map((summary) => (
          <tr key={summary.id} data-series={summary.id}>
            <td className="compare-summary__series">
              <span className="chart__swatch" style={{ color: seriesColor(summary.index) }} aria-hidden="true" />
              {summary.label}
              <code className="compare-summary__best-architecture" title={summary.bestArchitecture ?? undefined}>
                {summary.bestArchitecture ?? '–'}
              </code>
            </td>
            <td className="num">
              {summary.best ? (
                <>
                  {format(summary.best.mean)}
                  {summary.runs > 1 && <span className="compare-summary__spread compare-summary__line">{format(summary.best.min)}–{format(summary.best.max)}</span>}
                </>
              ) : (
                '–'
              )}
            </td>
            {hasOptimum && <td className="num">{reachText(summary.toOptimum)}</td>}
            <td className="num">
              {summary.trained}
              {summary.reused > 0 && <span className="compare-summary__spread compare-summary__line">+{summary.reused} reused</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
