/** The palette's layer kinds, grouped by their registry group in a fixed order. */

import { EDITOR_KINDS, LAYERS, type LayerGroup, type LayerKind } from '../../core/layers';

const GROUP_LABELS: Record<LayerGroup, string> = {
  io: 'Input and output',
  core: 'Core',
  convolution: 'Convolution',
  pooling: 'Pooling',
  normalization: 'Normalization',
  regularization: 'Regularization',
  merge: 'Merge',
  recurrent: 'Recurrent',
  search: 'Search template',
};

export interface PaletteGroup {
  readonly group: LayerGroup;
  readonly label: string;
  readonly kinds: readonly LayerKind[];
}

/** Groups the kinds a user may place, keeping the groups in first-appearance order of the registry. */
export function paletteGroups(kinds: readonly LayerKind[] = EDITOR_KINDS): PaletteGroup[] {
  const groups = new Map<LayerGroup, LayerKind[]>();
  for (const kind of kinds) {
    const group = LAYERS[kind].group;
    groups.set(group, [...(groups.get(group) ?? []), kind]);
  }
  return [...groups].map(([group, members]) => ({ group, label: GROUP_LABELS[group], kinds: members }));
}
