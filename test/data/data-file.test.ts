import { describe, expect, it } from 'vitest';
import { DataFileError, VALIDATION_FRACTION, dataFileCsv, parseDataFile } from '../../src/data/data-file';

/** Two features, classes "a" and "b", 20 training rows and 6 test rows. */
function rows() {
  const train = Array.from({ length: 20 }, (_, i) => [i, 100 - i * 3]);
  const test = Array.from({ length: 6 }, (_, i) => [i + 0.5, 50 + i]);
  const label = (row: number[]) => (row[0] % 2 < 1 ? 'a' : 'b');
  return { train, test, trainLabels: train.map(label), testLabels: test.map(label) };
}

function csvText(): string {
  const { train, test, trainLabels, testLabels } = rows();
  return dataFileCsv(['x1', 'x2'], [
    { split: 'train', x: train, labels: trainLabels },
    { split: 'test', x: test, labels: testLabels },
  ]);
}

describe('parseDataFile', () => {
  it('reads a CSV file into standardised splits', () => {
    const dataset = parseDataFile(csvText(), 'rows.csv', 1);
    expect(dataset.task).toBe('custom');
    expect(dataset.inputShape).toEqual([2]);
    expect(dataset.classNames).toEqual(['a', 'b']);
    expect(dataset.validation.count).toBe(20 * VALIDATION_FRACTION);
    expect(dataset.train.count).toBe(16);
    expect(dataset.test.count).toBe(6);
    const firstFeature = Array.from({ length: dataset.train.count }, (_, row) => dataset.train.x[row * 2]);
    expect(Math.abs(firstFeature.reduce((a, b) => a + b, 0) / firstFeature.length)).toBeLessThan(1e-5);
  });

  it('reads the same rows from JSON as from CSV', () => {
    const { train, test, trainLabels, testLabels } = rows();
    const json = JSON.stringify({ train: { x: train, y: trainLabels }, test: { x: test, y: testLabels } });
    const fromJson = parseDataFile(json, 'rows.json', 1);
    const fromCsv = parseDataFile(csvText(), 'rows.csv', 1);
    expect(Array.from(fromJson.train.x)).toEqual(Array.from(fromCsv.train.x));
    expect(Array.from(fromJson.validation.y)).toEqual(Array.from(fromCsv.validation.y));
    expect(Array.from(fromJson.test.x)).toEqual(Array.from(fromCsv.test.x));
  });

  it('reads quoted fields as spreadsheets write them', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i},"${i % 2 ? 'oak, red' : 'pine ""tall""'}",${i < 8 ? 'Train' : 'TEST'}`);
    const dataset = parseDataFile(`"Width","Label","Split"\n${rows.join('\n')}\n`, 'trees.csv', 1);
    expect(dataset.classNames).toEqual(['oak, red', 'pine "tall"']);
    expect(dataset.test.count).toBe(2);
  });

  it('ends rows at any line ending', () => {
    const unix = parseDataFile(csvText(), 'rows.csv', 1);
    for (const ending of ['\r\n', '\r']) {
      const dataset = parseDataFile(csvText().replaceAll('\n', ending), 'rows.csv', 1);
      expect(dataset.train.count + dataset.validation.count).toBe(20);
      expect(dataset.train.x).toEqual(unix.train.x);
    }
  });

  it('orders numeric class names by value', () => {
    const text = 'f,label,split\n1,10,train\n2,9,train\n3,10,train\n4,9,train\n5,10,train\n6,9,train\n7,10,train\n8,9,train\n1,9,test\n';
    expect(parseDataFile(text, 'n.csv', 1).classNames).toEqual(['9', '10']);
  });

  const malformed: [string, string, string, RegExp][] = [
    ['no label column', 'bad.csv', 'x,split\n1,train\n', /bad\.csv line 1: the header needs a "label" \(classes\) or "target" \(numbers to predict\) column/],
    ['a short row', 'bad.csv', 'x,label,split\n1,a,train\n2,b\n', /bad\.csv line 3: 2 fields, but the header has 3/],
    ['a text feature', 'bad.csv', 'x,label,split\n1,a,train\nabc,b,train\n', /bad\.csv line 3, field "x": "abc" is not a finite number\. Every column besides "label" and "split" is a numeric feature: fill in the value, or remove the column "x"\./],
    ['an unknown split', 'bad.csv', 'x,label,split\n1,a,valid\n', /bad\.csv line 2, field "split": "valid" is neither "train" nor "test"/],
    ['an empty label', 'bad.csv', 'x,label,split\n1,,train\n', /bad\.csv line 2, field "label": the label is empty/],
    ['an unknown extension', 'rows.txt', 'x,label,split\n', /rows\.txt: unknown data file type; name it \.csv \(a header line with numeric feature columns, "label" or "target", and "split"\) or \.json/],
    ['invalid JSON', 'bad.json', '{"train":', /bad\.json: not valid JSON/],
    ['rows and labels of different counts', 'bad.json', '{"train":{"x":[[1]],"y":[]},"test":{"x":[],"y":[]}}', /bad\.json, field "train": 1 rows in x but 0 labels in y/],
    ['a text cell', 'bad.json', '{"train":{"x":[["1"]],"y":["a"]},"test":{"x":[[1]],"y":["a"]}}', /bad\.json, field "train\.x\[0\]\[0\]": "1" is not a finite number/],
    ['a class outside the list', 'bad.json', '{"classes":["a","b"],"train":{"x":[[1],[2]],"y":["a","c"]},"test":{"x":[[1]],"y":["a"]}}', /bad\.json, field "train\.y\[1\]": class "c" is not among the classes a, b that "classes" lists; label the row with one of those names, or leave "classes" out\./],
    ['no test rows', 'bad.csv', 'x,label,split\n1,a,train\n2,b,train\n', /bad\.csv: no test rows; mark some rows "test" in the split column/],
    ['no training rows', 'bad.csv', 'x,label,split\n1,a,test\n', /bad\.csv: no training rows; mark the rows to learn from with "train"/],
    ['an empty file', 'bad.csv', '\n', /bad\.csv: the file is empty; it needs a header line/],
    ['semicolons between fields', 'bad.csv', 'x;label;split\n1;a;train\n', /bad\.csv line 1: the fields are separated by semicolons; separate them with commas/],
    ['rows of different widths', 'bad.json', '{"train":{"x":[[1,2],[3]],"y":["a","b"]},"test":{"x":[[1,2]],"y":["a"]}}', /bad\.json, field "train\.x\[1\]": 1 features, but the first training row has 2/],
    ['an unclosed quote', 'bad.csv', 'x,label,split\n"1,a,train\n', /bad\.csv line 2: a quoted field does not end on its line; close its quote/],
    ['a number with a thousands comma', 'bad.csv', 'x,label,split\n"1,500",a,train\n', /bad\.csv line 2, field "x": "1,500" is not a finite number/],
    ['a trailing comma', 'bad.csv', 'x,label,split,\n1,a,train,\n', /bad\.csv line 1: column 4 has no name; remove the trailing comma, or name the column/],
    ['a repeated column name', 'bad.csv', 'x,x,label,split\n1,2,a,train\n', /bad\.csv line 1: the column name "x" appears twice; name each column once/],
    ['one class only', 'bad.csv', 'x,label,split\n1,a,train\n2,a,test\n', /bad\.csv: every row has the class "a"; classification needs at least two classes, so add rows of another class/],
    ['a class seen only in test rows', 'bad.csv', 'x,label,split\n1,a,train\n2,b,train\n3,z,test\n', /bad\.csv: the class "z" has no training rows, so no network can learn it; add training rows of "z", or remove its test rows/],
    ['a class listed twice', 'bad.json', '{"classes":["a","a","b"],"train":{"x":[[1]],"y":["a"]},"test":{"x":[[1]],"y":["a"]}}', /bad\.json, field "classes": "a" is listed twice; list each class once/],
    ['both label and target', 'bad.csv', 'x,label,target,split\n1,a,2,train\n', /bad\.csv line 1: the header has both "label" and "target"; keep "label" for classes or "target" for a number to predict, not both\./],
    ['a text target', 'bad.csv', 'x,target,split\n1,2,train\n2,high,train\n3,1,test\n', /bad\.csv line 3, field "target": the target "high" is not a finite number; a regression file gives each row the number to predict\. For classes, name the column "label"/],
    ['an empty target', 'bad.csv', 'x,target,split\n1,,train\n', /bad\.csv line 2, field "target": the target is empty/],
    ['a text target in JSON', 'bad.json', '{"kind":"regression","train":{"x":[[1],[2]],"y":[1,"a"]},"test":{"x":[[1]],"y":[1]}}', /bad\.json, field "train\.y\[1\]": the target "a" is not a finite number/],
    ['an unknown kind', 'bad.json', '{"kind":"ranking","train":{"x":[[1]],"y":[1]},"test":{"x":[[1]],"y":[1]}}', /bad\.json, field "kind": "ranking" is neither "classification" nor "regression"; leave it out for classes\./],
    ['classes in a regression file', 'bad.json', '{"kind":"regression","classes":["a","b"],"train":{"x":[[1]],"y":[1]},"test":{"x":[[1]],"y":[1]}}', /bad\.json, field "classes": a regression file predicts numbers and has no classes/],
    ['one target value only', 'bad.csv', `x,target,split\n${Array.from({ length: 10 }, (_, i) => `${i},7,train`).join('\n')}\n1,7,test\n`, /bad\.csv: every training row has the target 7; a regression needs targets that vary/],
    ['one regression training row', 'bad.csv', 'x,target,split\n1,2,train\n1,3,test\n', /bad\.csv: 1 training rows are too few for a regression; it needs at least 10, so that a fifth of them \(2 or more\) can measure the R² of each network\./],
    ['a target too large for 32-bit floats', 'bad.csv', 'x,target,split\n1,2,train\n2,1e39,train\n1,3,test\n', /bad\.csv line 3, field "target": "1e39" is too large for the 32-bit numbers networks compute with/],
    ['a feature too large for 32-bit floats', 'bad.json', '{"train":{"x":[[1],[1e39]],"y":["a","b"]},"test":{"x":[[1]],"y":["a"]}}', /bad\.json, field "train\.x\[1\]\[0\]": "1e\+39" is too large/],
    ['one class number written two ways', 'bad.csv', 'x,label,split\n1,1,train\n2,0,train\n3,1.0,test\n', /bad\.csv: the labels "1" and "1\.0" are one number written two ways, so they would be two classes; write each class the same way on every row\./],
    ['rows without features', 'bad.json', '{"train":{"x":[[],[]],"y":["a","b"]},"test":{"x":[[]],"y":["a"]}}', /bad\.json, field "train\.x\[0\]": the first training row has no features; give each row at least one number to learn from\./],
    [
      'classes too small for validation',
      'bad.csv',
      `x,label,split\n${Array.from({ length: 12 }, (_, i) => `${i},c${Math.floor(i / 2)},train`).join('\n')}\n1,c0,test\n`,
      /bad\.csv: 12 training rows in 6 classes leave no validation rows\. Each class sets a fifth of its training rows aside for validation, which takes 3 rows of a class, and the largest class here has 2; add training rows, or merge classes\./,
    ],
  ];

  it.each(malformed)('rejects %s, naming the place', (_, name, text, message) => {
    expect(() => parseDataFile(text, name, 1)).toThrow(DataFileError);
    expect(() => parseDataFile(text, name, 1)).toThrow(message);
  });
});

describe('parseDataFile for regression', () => {
  /** y = 1000 + 300 x₁ - 50 x₂ on 30 training and 5 test rows: targets far from 1. */
  const regressionRows = () => {
    const row = (i: number) => [i % 7, (i * 3) % 11];
    const target = ([a, b]: number[]) => 1000 + 300 * a - 50 * b;
    const train = Array.from({ length: 30 }, (_, i) => row(i));
    const test = Array.from({ length: 5 }, (_, i) => row(i + 40));
    return { train, test, trainTargets: train.map(target), testTargets: test.map(target) };
  };
  const regressionCsv = () => {
    const { train, test, trainTargets, testTargets } = regressionRows();
    const lines = [
      'x1,x2,target,split',
      ...train.map((x, i) => `${x.join(',')},${trainTargets[i]},train`),
      ...test.map((x, i) => `${x.join(',')},${testTargets[i]},test`),
    ];
    return `${lines.join('\n')}\n`;
  };

  it('reads a target column as regression', () => {
    const dataset = parseDataFile(regressionCsv(), 'prices.csv', 1);
    expect(dataset.kind).toBe('regression');
    expect(dataset.outputUnits).toBe(1);
    expect(dataset.classNames).toBeUndefined();
    expect(dataset.validation.count).toBe(30 * VALIDATION_FRACTION);
    expect(dataset.train.count).toBe(24);
    expect(dataset.test.count).toBe(5);
  });

  it('standardises the targets on the training rows', () => {
    const dataset = parseDataFile(regressionCsv(), 'prices.csv', 1);
    const { mean, std } = dataset.targetScaling!;
    const targets = Array.from(dataset.train.y);
    const average = targets.reduce((a, b) => a + b, 0) / targets.length;
    const spread = Math.sqrt(targets.reduce((sum, value) => sum + (value - average) ** 2, 0) / targets.length);
    expect(Math.abs(average)).toBeLessThan(1e-5);
    expect(spread).toBeCloseTo(1, 5);
    // The test rows' raw targets come back through the same scaling.
    const raw = Array.from(dataset.test.y, (value) => value * std + mean);
    expect(maxDifference(raw, regressionRows().testTargets)).toBeLessThan(1e-2);
  });

  it('reads the same rows from JSON as from CSV', () => {
    const { train, test, trainTargets, testTargets } = regressionRows();
    const json = JSON.stringify({ kind: 'regression', train: { x: train, y: trainTargets }, test: { x: test, y: testTargets } });
    const fromJson = parseDataFile(json, 'prices.json', 1);
    const fromCsv = parseDataFile(regressionCsv(), 'prices.csv', 1);
    expect(fromJson.kind).toBe('regression');
    expect(Array.from(fromJson.train.x)).toEqual(Array.from(fromCsv.train.x));
    expect(Array.from(fromJson.validation.y)).toEqual(Array.from(fromCsv.validation.y));
    expect(fromJson.targetScaling).toEqual(fromCsv.targetScaling);
  });

  it('keeps targets that differ below 32-bit precision', () => {
    // 1e9 + 0.5 and 1e9 are one 32-bit float, but they are not one target.
    const lines = Array.from({ length: 12 }, (_, i) => `${i},${1e9 + i * 0.5},${i < 10 ? 'train' : 'test'}`);
    const dataset = parseDataFile(`x,target,split\n${lines.join('\n')}\n`, 'big.csv', 1);
    expect(dataset.targetScaling!.std).toBeGreaterThan(1);
    expect(Math.max(...dataset.train.y) - Math.min(...dataset.train.y)).toBeGreaterThan(1);
  });

  it('carves another validation split per seed', () => {
    const first = parseDataFile(regressionCsv(), 'prices.csv', 1);
    const second = parseDataFile(regressionCsv(), 'prices.csv', 2);
    expect(Array.from(first.validation.y)).not.toEqual(Array.from(second.validation.y));
    expect(Array.from(parseDataFile(regressionCsv(), 'prices.csv', 1).validation.y)).toEqual(Array.from(first.validation.y));
  });
});

function maxDifference(actual: readonly number[], expected: readonly number[]): number {
  return Math.max(...actual.map((value, i) => Math.abs(value - expected[i])));
}
