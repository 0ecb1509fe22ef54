import { describe, expect, it } from 'vitest';
import { axesOf, tickText } from '../../src/ui/training/paint-plot';

const AREA = { left: 40, top: 10, size: 200 };

describe('prediction plot axes', () => {
  it('labels standardised values in raw units', () => {
    // Hours from 0 to 10 standardised to [-2, 2], targets from 20 to 80 to [-1.5, 1.5].
    const axes = axesOf(AREA, [-2, 2], [-1.5, 1.5], { mean: 5, std: 2.5 }, { mean: 50, std: 20 });

    expect(axes.xRange).toEqual([0, 10]);
    expect(axes.yRange).toEqual([20, 80]);
    expect(axes.dataX(0)).toBeCloseTo(axes.x(5), 9);
    expect(axes.dataY(1.5)).toBeCloseTo(axes.y(80), 9);
    expect(axes.dataX(-2)).toBeCloseTo(AREA.left, 9);
  });

  it('keeps raw values as they are', () => {
    const axes = axesOf(AREA, [-1, 1], [0, 1]);

    expect(axes.xRange).toEqual([-1, 1]);
    expect(axes.dataX(0.5)).toBe(axes.x(0.5));
    expect(axes.dataY(0.25)).toBe(axes.y(0.25));
  });
});

describe('plot tick labels', () => {
  it('shortens millions', () => {
    expect(tickText(10_000_000)).toBe('10M');
    expect(tickText(-2_500_000)).toBe('-2.5M');
    expect(tickText(750)).toBe('750');
    expect(tickText(0.25)).toBe('0.25');
  });
});
