import { describe, expect, it } from 'vitest';
import { nearestStop, readTypedNumber, sliderStops } from '../../src/ui/controls/NumberField';

describe('readTypedNumber', () => {
  const population = { min: 2, max: 200, integer: true };
  const rate = { min: 0, max: 0.9, integer: false };

  it('takes a value inside the range without a note', () => {
    expect(readTypedNumber(' 12 ', population)).toEqual({ value: 12, note: null });
    expect(readTypedNumber('0.25', rate)).toEqual({ value: 0.25, note: null });
  });

  it('clamps a value outside the range and quotes what was typed', () => {
    expect(readTypedNumber('0', population)).toEqual({ value: 2, note: '0 is outside 2 to 200; set to 2.' });
    expect(readTypedNumber('1e6', population)).toEqual({ value: 200, note: '1e6 is outside 2 to 200; set to 200.' });
    expect(readTypedNumber('-1', rate)).toEqual({ value: 0, note: '-1 is outside 0 to 0.9; set to 0.' });
  });

  it('rounds a fraction where whole numbers are needed', () => {
    expect(readTypedNumber('2.6', population)).toEqual({ value: 3, note: '2.6 is not a whole number; set to 3.' });
  });

  it('keeps the value when the text is not a number', () => {
    expect(readTypedNumber('ten', population)).toEqual({ value: null, note: '"ten" is not a number; the value is unchanged.' });
    expect(readTypedNumber('  ', population)).toEqual({ value: null, note: 'The field is empty; type a number. The value is unchanged.' });
    expect(readTypedNumber('Infinity', population).value).toBeNull();
  });
});

describe('sliderStops', () => {
  it('steps whole numbers to 10, then round values', () => {
    expect(sliderStops({ min: 1, max: 200 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200]);
  });

  it('keeps both ends of an uneven range', () => {
    const stops = sliderStops({ min: 20, max: 20_000 });
    expect(stops.slice(0, 4)).toEqual([20, 25, 30, 40]);
    expect(stops.slice(-3)).toEqual([12_000, 15_000, 20_000]);
  });

  it('spreads a wide range evenly over the slider', () => {
    const stops = sliderStops({ min: 1, max: 10_000 });
    // The first third of the slider reaches past 10, where a linear one would stop near 3,300.
    expect(stops[Math.floor(stops.length / 3)]).toBeGreaterThan(10);
    expect(stops[Math.floor(stops.length / 3)]).toBeLessThan(100);
    expect(stops.at(-1)).toBe(10_000);
  });
});

describe('nearestStop', () => {
  it('finds the stop nearest a typed value', () => {
    const stops = [1, 2, 5, 10, 20];
    expect(nearestStop(stops, 5)).toBe(2);
    expect(nearestStop(stops, 14)).toBe(3);
    expect(nearestStop(stops, 16)).toBe(4);
    expect(nearestStop(stops, 1_000)).toBe(4);
  });
});
