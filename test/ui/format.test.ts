import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatEstimate, formatParams, formatPercent, formatRoughEstimate, formatSeconds, formatShapeCompact } from '../../src/ui/format';

describe('formatParams', () => {
  const cases: [number, string][] = [
    [0, '0 params'],
    [1, '1 param'],
    [1234, '1,234 params'],
    [999_999, '999,999 params'],
    [2_400_000, '2.4 M params'],
    [Number.NaN, '– params'],
  ];
  for (const [count, expected] of cases) {
    it(`formats ${count} as "${expected}"`, () => {
      expect(formatParams(count)).toBe(expected);
    });
  }
});

describe('formatPercent', () => {
  const cases: [number | null | undefined, string][] = [
    [0.9375, '93.8%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [null, '–'],
    [undefined, '–'],
    [Number.POSITIVE_INFINITY, '–'],
  ];
  for (const [fraction, expected] of cases) {
    it(`formats ${String(fraction)} as "${expected}"`, () => {
      expect(formatPercent(fraction)).toBe(expected);
    });
  }
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0 s'],
    [42_400, '42 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min'],
    [-1, '–'],
    [Number.NaN, '–'],
  ];
  for (const [ms, expected] of cases) {
    it(`formats ${ms} ms as "${expected}"`, () => {
      expect(formatDuration(ms)).toBe(expected);
    });
  }
});

describe('formatEstimate', () => {
  it('says under 1 s rather than about 0 s', () => {
    expect(formatEstimate(300)).toBe('under 1 s');
    expect(formatEstimate(500)).toBe('about 1 s');
    expect(formatEstimate(185_000)).toBe('about 3 min 05 s');
  });
});

describe('formatRoughEstimate', () => {
  it.each([
    [3_000, 'under 10 s'],
    [44_000, 'roughly 40 s'],
    [57_000, 'roughly 50 s'],
    [117_000, 'roughly 2 min'],
    [227_000, 'roughly 4 min'],
    [5_000_000, 'roughly 1.5 h'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatRoughEstimate(ms)).toBe(text);
  });
});

describe('small formatters', () => {
  it('formatSeconds keeps one decimal', () => {
    expect(formatSeconds(1530)).toBe('1.5 s');
  });

  it('formatCount adds thousands separators', () => {
    expect(formatCount(12345)).toBe('12,345');
  });

  it('formatShapeCompact joins axes with ×', () => {
    expect(formatShapeCompact([28, 28, 1])).toBe('28×28×1');
    expect(formatShapeCompact([2])).toBe('2');
  });
});
