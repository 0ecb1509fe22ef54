/**
 * The fitness credited to modules and blueprints in the latest generation: each member's
 * mean over the networks it took part in, as bars coloured by species (the colours of the species chart).
 */

import type { GenerationSummary } from '../../core/strategy';
import type { TaskKind } from '../../data/types';
import { runTaskKind } from '../run/score-text';
import { useApp } from '../store-context';
import { creditRows, type EvolvingPopulation } from './evolution-data';
import { seriesColor } from './series-colors';

function CreditList({ summary, population, kind }: { summary: GenerationSummary; population: EvolvingPopulation; kind: TaskKind }) {
  const rows = creditRows(summary, population);
  return (
    <>
      <h3>{population === 'modules' ? 'Modules' : 'Blueprints'}</h3>
      <ol aria-label={`Fitness credited to ${population}`}>
        {rows.map((row) => (
          <li key={row.id} title={`species ${row.species}, in ${row.networks} ${row.networks === 1 ? 'network' : 'networks'}`}>
            <code>{row.id}</code>
            <span className="credit__bar" style={{ width: `${row.fitness}%`, background: seriesColor(row.species) }} />
            {/* Fitness × 100: a percentage of accuracy, or for regression the R² itself. */}
            <span className="credit__figure">{kind === 'regression' ? (row.fitness / 100).toFixed(3) : `${row.fitness.toFixed(1)}%`}</span>
            <span className="credit__figure">×{row.networks}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

export function CreditTable({ generations }: { generations: readonly GenerationSummary[] }) {
  const kind = useApp(runTaskKind);
  const latest = [...generations].reverse().find((summary) => summary.credit && summary.credit.length > 0);
  if (!latest) return <p className="chart__empty">Coevolution credits each module and blueprint with the mean fitness of its networks; it appears after the first generation of a coevolution search.</p>;
  return (
    <div className="credit" data-testid="credit-table" data-generation={latest.generation}>
      <p className="credit__caption">
        Generation {latest.generation}: each member's mean fitness over the networks it took part in; ×N: in N networks.
      </p>
      <CreditList summary={latest} population="blueprints" kind={kind} />
      <CreditList summary={latest} population="modules" kind={kind} />
    </div>
  );
}
