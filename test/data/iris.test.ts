import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IRIS_CSV_PATH, IRIS_HEADER, loadIris, parseIrisCsv } from '../../src/data/iris';
import { DEFAULT_PUBLIC_DIR, nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset, Split } from '../../src/data/types';
import { classCounts } from './checks';

const csvText = readFileSync(join(DEFAULT_PUBLIC_DIR, IRIS_CSV_PATH), 'utf8');
const FEATURES = 4;

function column(split: Split, feature: number): number[] {
  return Array.from({ length: split.count }, (_, row) => split.x[row * FEATURES + feature]);
}

function meanAndStd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return [mean, Math.sqrt(variance)];
}

describe('iris.csv', () => {
  it('has 150 rows of 3 species', () => {
    const all = parseIrisCsv(csvText);
    expect(all.count).toBe(150);
    expect(all.x.length).toBe(600);
    expect(classCounts(all, 3)).toEqual([50, 50, 50]);
  });

  it('matches the first flower', () => {
    const all = parseIrisCsv(csvText);
    expect(Array.from(all.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(all.y[0]).toBe(0);
  });

  const badCsv: [string, string, RegExp][] = [
    ['a wrong header', 'a,b,c,d,e\n', /data\/iris\.csv must start with the header "sepal_length,sepal_width.*but its first line is "a,b,c,d,e"/],
    ['a short row', `${IRIS_HEADER}\n5.1,3.5,1.4,setosa\n`, /data\/iris\.csv line 2 has 4 fields, expected 5\./],
    ['a non-numeric value', `${IRIS_HEADER}\n5.1,x,1.4,0.2,setosa\n`, /line 2 has the non-numeric sepal_width "x"\./],
    ['an empty value', `${IRIS_HEADER}\n5.1,,1.4,0.2,setosa\n`, /line 2 has the non-numeric sepal_width ""\./],
    ['an unknown species', `${IRIS_HEADER}\n5.1,3.5,1.4,0.2,rosa\n`, /line 2 has the unknown species "rosa"\./],
  ];
  it.each(badCsv)('parser rejects %s', (_case, text, message) => {
    expect(() => parseIrisCsv(text)).toThrow(message);
    expect(() => parseIrisCsv(text)).toThrow(/npm run data/);
  });
});

describe('loadIris', () => {
  let iris: Dataset;
  beforeAll(async () => {
    iris = await loadIris(1, nodeAssetReader());
  });

  it('describes a 4-feature, 3-class task', () => {
    expect(iris.task).toBe('iris');
    expect(iris.inputShape).toEqual([4]);
    expect(iris.outputUnits).toBe(3);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('splits 60/20/20 by class', () => {
    expect(classCounts(iris.train, 3)).toEqual([30, 30, 30]);
    expect(classCounts(iris.validation, 3)).toEqual([10, 10, 10]);
    expect(classCounts(iris.test, 3)).toEqual([10, 10, 10]);
  });

  it('standardises the training split', () => {
    for (let f = 0; f < FEATURES; f++) {
      const [mean, std] = meanAndStd(column(iris.train, f));
      expect(Math.abs(mean), `feature ${f} mean`).toBeLessThan(1e-5);
      expect(Math.abs(std - 1), `feature ${f} std`).toBeLessThan(1e-4);
    }
  });

  it('scales every split with training statistics', () => {
    // One increasing affine map per feature sends raw values to scaled ones. Sorting both
    // columns pairs them up, whatever the split order, and a single line must fit all 150.
    const raw = parseIrisCsv(csvText);
    const splits = [iris.train, iris.validation, iris.test];
    for (let f = 0; f < FEATURES; f++) {
      const rawValues = column(raw, f).sort((a, b) => a - b);
      const scaledValues = splits.flatMap((split) => column(split, f)).sort((a, b) => a - b);
      const [rawMean, rawStd] = meanAndStd(rawValues);
      const [scaledMean, scaledStd] = meanAndStd(scaledValues);
      const slope = scaledStd / rawStd;
      for (let i = 0; i < rawValues.length; i++) {
        const predicted = scaledMean + slope * (rawValues[i] - rawMean);
        expect(Math.abs(predicted - scaledValues[i]), `feature ${f} value ${i}`).toBeLessThan(1e-4);
      }
      // Had validation and test been scaled with their own statistics, their means would be 0.
      expect(Math.abs(meanAndStd(column(iris.validation, f))[0]), `feature ${f} validation mean`).toBeGreaterThan(1e-4);
    }
  });

  it('uses each flower exactly once', () => {
    // Undo the scaling with the map fitted above and compare rounded rows as multisets,
    // because Iris contains duplicate flowers.
    const raw = parseIrisCsv(csvText);
    const all = [iris.train, iris.validation, iris.test];
    const maps = Array.from({ length: FEATURES }, (_, f) => {
      const [rawMean, rawStd] = meanAndStd(column(raw, f));
      const [scaledMean, scaledStd] = meanAndStd(all.flatMap((split) => column(split, f)));
      return (value: number) => rawMean + (value - scaledMean) * (rawStd / scaledStd);
    });
    const rowsOf = (split: Split, unscale: boolean): string[] =>
      Array.from({ length: split.count }, (_, row) => {
        const values = Array.from({ length: FEATURES }, (_, f) => {
          const value = split.x[row * FEATURES + f];
          return (unscale ? maps[f](value) : value).toFixed(1);
        });
        return `${values.join(',')}|${split.y[row]}`;
      });

    const shipped = rowsOf(raw, false).sort();
    const used = all.flatMap((split) => rowsOf(split, true)).sort();
    expect(used).toEqual(shipped);
  });

  it('repeats for a seed and changes with it', async () => {
    const again = await loadIris(1, nodeAssetReader());
    const other = await loadIris(2, nodeAssetReader());
    expect(again.validation.x).toEqual(iris.validation.x);
    expect(again.train.y).toEqual(iris.train.y);
    expect(other.validation.x).not.toEqual(iris.validation.x);
  });
});
