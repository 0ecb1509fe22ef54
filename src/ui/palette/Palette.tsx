/**
 * The left panel: every layer kind a network can use, grouped, with its description as a
 * tooltip and a mark on the kinds the search's candidate set includes.
 */

import * as Tooltip from '@radix-ui/react-tooltip';
import { useMemo } from 'react';
import { LAYERS, type LayerKind } from '../../core/layers';
import type { CandidateLayer } from '../../core/strategy';
import { useApp } from '../store-context';
import { paletteGroups } from './palette-groups';

const GROUPS = paletteGroups();

function PaletteItem({ kind, inCandidateSet }: { kind: LayerKind; inCandidateSet: boolean }) {
  const spec = LAYERS[kind];
  return (
    <li>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <span className="palette__item" tabIndex={0} data-kind={kind}>
            <span>{spec.label}</span>
            {inCandidateSet && (
              <span className="palette__badge" aria-label="in the candidate set" title="The search may use this kind">
                ●
              </span>
            )}
          </span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tooltip" side="right" sideOffset={6}>
            {spec.description}
            <Tooltip.Arrow className="tooltip__arrow" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </li>
  );
}

export function Palette() {
  const candidateLayers = useApp((state) => state.config.search.candidateSet.layers);
  const enabled = useMemo(() => new Set(candidateLayers.map((layer: CandidateLayer) => layer.kind)), [candidateLayers]);

  return (
    <nav className="palette" aria-label="Layer palette">
      <h2 className="panel-title">Layers</h2>
      {GROUPS.map((group) => (
        <section key={group.group} className="palette__group" aria-labelledby={`palette-${group.group}`}>
          <h3 id={`palette-${group.group}`}>{group.label}</h3>
          <ul>
            {group.kinds.map((kind) => (
              <PaletteItem key={kind} kind={kind} inCandidateSet={enabled.has(kind)} />
            ))}
          </ul>
        </section>
      ))}
      <p className="palette__legend">
        <span className="palette__badge" aria-hidden="true">
          ●
        </span>{' '}
        in the candidate set
      </p>
    </nav>
  );
}
