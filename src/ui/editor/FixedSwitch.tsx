/**
 * The inspector's "Fixed during search" switch: a fixed layer is kept as built in every
 * network a search makes from this graph. Module slots get a note on what fills them instead.
 */

import * as Switch from '@radix-ui/react-switch';
import { useId } from 'react';
import type { LayerGene } from '../../core/genome';
import { useApp } from '../store-context';

export function FixedSwitch({ gene }: { gene: LayerGene }) {
  const id = useId();
  const { applyGraphChange } = useApp((state) => state.editorActions);

  if (gene.kind === 'input' || gene.kind === 'output') return null;
  if (gene.kind === 'moduleSlot') {
    return (
      <p className="inspector__hint" data-testid="slot-note">
        A search fills this slot with an evolved module. The shape shown is the slot's input passed through; the real shape depends on the module chosen.
      </p>
    );
  }
  return (
    <div className="field field--inline">
      <label className="field__label" htmlFor={id} title="Searches keep this layer and its parameters as built.">
        Fixed during search
      </label>
      <Switch.Root
        id={id}
        className="switch"
        checked={gene.fixed === true}
        onCheckedChange={(fixed) => applyGraphChange({ type: 'set-fixed', nodeId: gene.id, fixed })}
      >
        <Switch.Thumb className="switch__thumb" />
      </Switch.Root>
    </div>
  );
}
