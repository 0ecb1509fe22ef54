import { describe, expect, it } from 'vitest';
import { EDITOR_KINDS, LAYERS } from '../../src/core/layers';
import { paletteGroups } from '../../src/ui/palette/palette-groups';

describe('paletteGroups', () => {
  const groups = paletteGroups();

  it('lists every editor kind once', () => {
    const listed = groups.flatMap((group) => group.kinds);
    expect([...listed].sort()).toEqual([...EDITOR_KINDS].sort());
  });

  it('ends with the module slot', () => {
    expect(groups[groups.length - 1]).toEqual({ group: 'search', label: 'Search template', kinds: ['moduleSlot'] });
  });

  it('leaves out the input and the output head', () => {
    expect(groups.map((group) => group.group)).not.toContain('io');
  });

  it('puts each kind under its registry group', () => {
    for (const group of groups) {
      for (const kind of group.kinds) expect(LAYERS[kind].group, kind).toBe(group.group);
    }
  });
});
