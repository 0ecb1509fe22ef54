import { describe, expect, it } from 'vitest';
import { LAYERS, PLACEABLE_KINDS } from '../../src/core/layers';
import { paletteGroups } from '../../src/ui/palette/palette-groups';

describe('paletteGroups', () => {
  const groups = paletteGroups();

  it('lists every placeable kind once', () => {
    const listed = groups.flatMap((group) => group.kinds);
    expect([...listed].sort()).toEqual([...PLACEABLE_KINDS].sort());
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
