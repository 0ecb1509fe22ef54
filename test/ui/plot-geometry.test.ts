import { describe, expect, it } from 'vitest';
import {
  AXIS_MARGIN,
  CLASS_COLORS,
  boundaryPixels,
  classMarker,
  curvePoints,
  linearScale,
  niceTicks,
  parseHexColor,
  squareArea,
  type Rgb,
} from '../../src/ui/training/plot-geometry';

const WHITE: Rgb = [255, 255, 255];

describe('niceTicks', () => {
  const cases: { range: [number, number]; count?: number; expected: number[] }[] = [
    { range: [0, 10], expected: [0, 2, 4, 6, 8, 10] },
    { range: [-1.2, 1.2], expected: [-1, -0.5, 0, 0.5, 1] },
    { range: [0.1, 0.35], expected: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35] },
    { range: [-13, 87], count: 4, expected: [0, 20, 40, 60, 80] },
    { range: [3, 3], expected: [3] },
  ];
  for (const { range, count, expected } of cases) {
    it(`ticks ${range.join(' to ')}${count ? ` in about ${count}` : ''}`, () => {
      expect(niceTicks(range, count)).toEqual(expected);
    });
  }
});

describe('plot layout', () => {
  it('linearScale maps ends and flips a y axis', () => {
    const y = linearScale([-1, 1], [200, 0]);

    expect(y(-1)).toBe(200);
    expect(y(1)).toBe(0);
    expect(y(0)).toBe(100);
  });

  it('squareArea fits a wide canvas by its height', () => {
    const area = squareArea(400, 230);

    expect(area.size).toBe(230 - AXIS_MARGIN.top - AXIS_MARGIN.bottom);
    expect(area.top).toBe(AXIS_MARGIN.top);
    expect(area.left + area.size / 2).toBe(AXIS_MARGIN.left + (400 - AXIS_MARGIN.left - AXIS_MARGIN.right) / 2);
  });

  it('squareArea is empty on a tiny canvas', () => {
    expect(squareArea(10, 10).size).toBe(0);
  });
});

describe('parseHexColor', () => {
  const cases: [string, Rgb | null][] = [
    ['#0072b2', [0, 114, 178]],
    [' #FFF ', [255, 255, 255]],
    ['e69f00', [230, 159, 0]],
    ['rgb(1 2 3)', null],
    ['#12345', null],
  ];
  for (const [text, expected] of cases) {
    it(`parses "${text}"`, () => {
      expect(parseHexColor(text)).toEqual(expected);
    });
  }
});

describe('boundaryPixels', () => {
  it('paints certain cells in their class colour', () => {
    const pixels = boundaryPixels(new Float32Array([1, 0, 0, 1]), 2, 2, WHITE);
    const strength = 0.62;
    const expected = (channel: number, color: Rgb) => Math.round(255 * (1 - strength) + color[channel] * strength);

    expect(Array.from(pixels.slice(0, 3))).toEqual([0, 1, 2].map((c) => expected(c, CLASS_COLORS[0])));
    expect(Array.from(pixels.slice(4, 7))).toEqual([0, 1, 2].map((c) => expected(c, CLASS_COLORS[1])));
    expect(pixels[3]).toBe(255);
    expect(pixels[7]).toBe(255);
  });

  it('fades uncertain cells towards the background', () => {
    const unsure = boundaryPixels(new Float32Array([0.5, 0.5]), 1, 2, WHITE);
    const sure = boundaryPixels(new Float32Array([0.95, 0.05]), 1, 2, WHITE);
    const distance = (pixels: Uint8ClampedArray) => Math.hypot(255 - pixels[0], 255 - pixels[1], 255 - pixels[2]);

    expect(distance(unsure)).toBeLessThan(distance(sure) / 3);
  });

  it('returns one RGBA pixel per cell', () => {
    expect(boundaryPixels(new Float32Array(3 * 9).fill(1 / 3), 9, 3, WHITE)).toHaveLength(36);
  });
});

describe('curvePoints', () => {
  it('pairs each input with its first output', () => {
    const points = curvePoints(new Float32Array([-1, 0, 1]), new Float32Array([5, 50, 6, 60, 7, 70]), 2);

    expect(points).toEqual([
      { x: -1, y: 5 },
      { x: 0, y: 6 },
      { x: 1, y: 7 },
    ]);
  });
});

describe('classMarker', () => {
  it('cycles through the marker shapes', () => {
    expect([0, 1, 2, 3, 4].map(classMarker)).toEqual(['circle', 'square', 'triangle', 'diamond', 'circle']);
  });
});
