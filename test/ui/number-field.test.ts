import { describe, expect, it } from 'vitest';
import { readTypedNumber } from '../../src/ui/controls/NumberField';

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
