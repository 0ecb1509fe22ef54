/**
 * The left panel: every layer kind a network can use, grouped, with its description as a
 * tooltip and a mark on the kinds the search's candidate set includes. Drag a layer onto the
 * canvas to place it, or press it (Enter) to add it after the selected layer, or before the
 * output head when no layer, or the output head itself, is selected.
 */

import * as Tooltip from '@radix-ui/react-tooltip';
import { useMemo, type DragEvent } from 'react';
import { LAYERS, type LayerKind } from '../../core/layers';
import type { CandidateLayer } from '../../core/strategy';
import { CandidateSetDialog } from '../candidate-set/CandidateSetDialog';
import { LAYER_DRAG_TYPE } from '../editor/layer-drag';
import { useApp } from '../store-context';
import { paletteGroups } from './palette-groups';

const GROUPS = paletteGroups();

function PaletteItem({ kind, inCandidateSet }: { kind: LayerKind; inCandidateSet: boolean }) {
  const spec = LAYERS[kind];
  const { addLayer } = useApp((state) => state.editorActions);
  const badgeId = `palette-in-set-${kind}`;
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(LAYER_DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            className="palette__item"
            data-kind={kind}
            aria-label={`Add ${spec.label}`}
            aria-describedby={inCandidateSet ? badgeId : undefined}
            draggable
            onDragStart={onDragStart}
            onClick={() => addLayer(kind)}
          >
            <span>{spec.label}</span>
            {/* The button's aria-label hides its content from screen readers, so the badge reaches them as its description. */}
            {inCandidateSet && (
              <span className="palette__badge" title="The search may use this kind">
                <span aria-hidden="true">●</span>
                <span id={badgeId} className="visually-hidden">
                  In the candidate set
                </span>
              </span>
            )}
          </button>
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
      <CandidateSetDialog label="Candidate set…" className="button button--tool palette__set" />
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
