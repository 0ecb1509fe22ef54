import { describe, expect, it } from 'vitest';
import {
  MIN_RUN_PANEL_HEIGHT,
  PRESENTATION_RUN_PANEL_SHARE,
  clampRunPanelHeight,
  defaultRunPanelHeight,
  presentationZoom,
} from '../../src/ui/layout/panel-size';

describe('run panel height', () => {
  const cases: [name: string, height: number, viewport: number, expected: number][] = [
    ['keeps a height within bounds', 320, 768, 320],
    ['raises a height below the minimum', 50, 768, MIN_RUN_PANEL_HEIGHT],
    ['keeps room for the canvas', 700, 768, 768 - 240],
    ['keeps the minimum in a tiny window', 300, 300, MIN_RUN_PANEL_HEIGHT],
  ];
  for (const [name, height, viewport, expected] of cases) {
    it(name, () => {
      expect(clampRunPanelHeight(height, viewport)).toBe(expected);
    });
  }

  it('defaults to about 45% of a laptop window', () => {
    expect(defaultRunPanelHeight(768)).toBe(346);
  });

  it('gives presentation mode half the page', () => {
    expect(defaultRunPanelHeight(640, PRESENTATION_RUN_PANEL_SHARE)).toBe(320);
  });
});

describe('presentation zoom', () => {
  const cases: [width: number, height: number, zoom: number][] = [
    [1920, 1080, 1.2],
    [1366, 1024, 1.2],
    [1126.4, 1024, 1.1],
    [1024, 1024, 1],
    [800, 1024, 1],
    [1280, 720, 720 / 660],
    [1366, 768, 768 / 660],
    [1920, 600, 1],
  ];
  it.each(cases)('is %s × %s px → %s', (width, height, zoom) => {
    expect(presentationZoom(width, height)).toBeCloseTo(zoom, 10);
  });
});
