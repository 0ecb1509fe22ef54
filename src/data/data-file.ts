/**
 * Classification data from a file, for searches on data sets of one's own (`--data FILE`) and
 * for comparisons with other tools on exactly the same rows.
 *
 * Two formats, chosen by the file name's extension:
 *
 * - CSV (.csv): a header row, then one row per example. A `label` column holds the class
 *   (any text; classes are ordered by name, numerically where every name is a number), a
 *   `split` column says `train` or `test`, and every other column is a numeric feature.
 *   Fields are separated by commas; quotes are not supported.
 * - JSON (.json): `{ "train": { "x": [[...], ...], "y": [...] }, "test": { "x": ..., "y": ... } }`
 *   with the same rules for `y`, and optionally `"classes": [...]` to fix the class order.
 *
 * The validation split is carved from the training rows, stratified by class and seeded
 * (VALIDATION_FRACTION of each class), because fitness must not see test rows. Features are
 * standardised with the mean and deviation of the remaining training rows, as for Iris.
 * Every error names the file, the line or field, and the offending value.
 */

import { Rng, deriveSeed } from '../core/rng';
import { applyScaling, fitStandardScaling, selectRows, stratifiedSplit } from './split';
import type { Dataset, Split } from './types';

/** Share of each class's training rows that becomes the validation split. */
export const VALIDATION_FRACTION = 0.2;

/** The task id of data read from a file. */
export const FILE_TASK = 'custom';

/** Rows of one file split before class names become indices. */
interface RawSplit {
  readonly x: number[][];
  readonly labels: string[];
  /** The place of each row, after the file name in error messages: " line 12" or ", field \"train.x[3]\"". */
  readonly origins: string[];
  /** The place of each row's label where it differs from `origins`: ", field \"train.y[3]\"". */
  readonly labelOrigins?: string[];
}

/** A malformed data file; the message names the file and the place. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** Reads a data file's text into a data set. `name` is the file name, for the format and for messages. */
export function parseDataFile(text: string, name: string, seed: number): Dataset {
  const lower = name.toLowerCase();
  let raw: { train: RawSplit; test: RawSplit; classes?: string[] };
  if (lower.endsWith('.csv')) raw = parseCsv(text, name);
  else if (lower.endsWith('.json')) raw = parseJson(text, name);
  else {
    throw new DataFileError(
      `${name}: unknown data file type; name it .csv (a header line with numeric feature columns, "label" and "split") or .json ({"train": {"x": [...], "y": [...]}, "test": ...}).`,
    );
  }
  return buildDataset(raw, name, seed);
}

function parseCsv(text: string, name: string): { train: RawSplit; test: RawSplit } {
  if (text.trim() === '') throw new DataFileError(`${name}: the file is empty; it needs a header line with feature columns, "label" and "split", then one line per row.`);
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(',').map((cell) => cell.trim()) ?? [];
  if (header.length === 1 && /[;\t]/.test(header[0])) {
    throw new DataFileError(
      `${name} line 1: the fields are separated by ${header[0].includes(';') ? 'semicolons' : 'tabs'}; separate them with commas, and write decimals with a point (1.5, not 1,5).`,
    );
  }
  const quoted = lines.findIndex((line) => line.includes('"'));
  if (quoted >= 0) {
    throw new DataFileError(`${name} line ${quoted + 1}: quoted fields are not supported; remove the quotes, and any commas inside values.`);
  }
  const unnamed = header.indexOf('');
  if (unnamed >= 0 && header.length > 1) {
    throw new DataFileError(`${name} line 1: column ${unnamed + 1} has no name; remove the trailing comma, or name the column.`);
  }
  const repeated = header.find((column, i) => header.indexOf(column) !== i);
  if (repeated !== undefined) throw new DataFileError(`${name} line 1: the column name "${repeated}" appears twice; name each column once.`);
  const labelColumn = header.indexOf('label');
  const splitColumn = header.indexOf('split');
  if (labelColumn < 0 || splitColumn < 0) {
    const missing = [labelColumn < 0 ? '"label"' : null, splitColumn < 0 ? '"split"' : null].filter(Boolean).join(' and ');
    throw new DataFileError(`${name} line 1: the header needs a ${missing} column; it has ${header.map((h) => `"${h}"`).join(', ') || 'no columns'}.`);
  }
  const featureColumns = header.map((_, i) => i).filter((i) => i !== labelColumn && i !== splitColumn);
  if (featureColumns.length === 0) throw new DataFileError(`${name} line 1: the header names no feature column besides "label" and "split".`);

  const splits = { train: emptySplit(), test: emptySplit() };
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2;
    if (line.trim() === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length) {
      throw new DataFileError(`${name} line ${lineNumber}: ${cells.length} fields, but the header has ${header.length}.`);
    }
    const splitName = cells[splitColumn];
    if (splitName !== 'train' && splitName !== 'test') {
      throw new DataFileError(`${name} line ${lineNumber}, field "split": "${splitName}" is neither "train" nor "test".`);
    }
    const row = featureColumns.map((column) => {
      const value = Number(cells[column]);
      if (cells[column] === '' || !Number.isFinite(value)) {
        throw new DataFileError(
          `${name} line ${lineNumber}, field "${header[column]}": "${cells[column]}" is not a finite number. Every column besides "label" and "split" is a numeric feature: fill in the value, or remove the column "${header[column]}".`,
        );
      }
      return value;
    });
    if (cells[labelColumn] === '') throw new DataFileError(`${name} line ${lineNumber}, field "label": the label is empty.`);
    const split = splits[splitName];
    split.x.push(row);
    split.labels.push(cells[labelColumn]);
    split.origins.push(` line ${lineNumber}`);
  });
  return splits;
}

function emptySplit(): { x: number[][]; labels: string[]; origins: string[] } {
  return { x: [], labels: [], origins: [] };
}

function parseJson(text: string, name: string): { train: RawSplit; test: RawSplit; classes?: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof data !== 'object' || data === null) throw new DataFileError(`${name}: expected an object with "train" and "test", got ${typeof data}.`);
  const record = data as Record<string, unknown>;
  const classes = record.classes;
  if (classes !== undefined && (!Array.isArray(classes) || classes.length < 2)) {
    throw new DataFileError(`${name}, field "classes": expected an array of at least two class names.`);
  }
  const names = classes === undefined ? [] : (classes as unknown[]).map(String);
  const twice = names.find((label, i) => names.indexOf(label) !== i);
  if (twice !== undefined) throw new DataFileError(`${name}, field "classes": "${twice}" is listed twice; list each class once.`);
  return {
    train: jsonSplit(record.train, 'train', name),
    test: jsonSplit(record.test, 'test', name),
    classes: classes === undefined ? undefined : names,
  };
}

function jsonSplit(value: unknown, splitName: string, name: string): RawSplit {
  if (typeof value !== 'object' || value === null) throw new DataFileError(`${name}, field "${splitName}": missing; expected { "x": [...], "y": [...] }.`);
  const { x, y } = value as { x?: unknown; y?: unknown };
  if (!Array.isArray(x) || !Array.isArray(y)) throw new DataFileError(`${name}, field "${splitName}": needs arrays "x" and "y".`);
  if (x.length !== y.length) throw new DataFileError(`${name}, field "${splitName}": ${x.length} rows in x but ${y.length} labels in y.`);
  const rows = x.map((row, i) => {
    if (!Array.isArray(row)) throw new DataFileError(`${name}, field "${splitName}.x[${i}]": expected an array of numbers, got ${JSON.stringify(row)}.`);
    return row.map((cell, j) => {
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        throw new DataFileError(`${name}, field "${splitName}.x[${i}][${j}]": ${JSON.stringify(cell)} is not a finite number.`);
      }
      return cell;
    });
  });
  const labels = y.map((label, i) => {
    if ((typeof label !== 'string' && typeof label !== 'number') || label === '') {
      throw new DataFileError(`${name}, field "${splitName}.y[${i}]": ${JSON.stringify(label)} is not a class name or number.`);
    }
    return String(label);
  });
  return { x: rows, labels, origins: rows.map((_, i) => `, field "${splitName}.x[${i}]"`), labelOrigins: rows.map((_, i) => `, field "${splitName}.y[${i}]"`) };
}

/** Orders class names numerically when all are numbers, else alphabetically. */
function classOrder(labels: Iterable<string>): string[] {
  const names = [...new Set(labels)];
  const numeric = names.every((label) => Number.isFinite(Number(label)));
  return numeric ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
}

function toSplit(raw: RawSplit, features: number, classIndex: Map<string, number>, name: string): Split {
  const x = new Float32Array(raw.x.length * features);
  const y = new Float32Array(raw.x.length);
  raw.x.forEach((row, i) => {
    if (row.length !== features) {
      throw new DataFileError(`${name}${raw.origins[i]}: ${row.length} features, but the first training row has ${features}.`);
    }
    x.set(row, i * features);
    const label = classIndex.get(raw.labels[i]);
    if (label === undefined) {
      throw new DataFileError(
        `${name}${(raw.labelOrigins ?? raw.origins)[i]}: class "${raw.labels[i]}" is not among the classes ${[...classIndex.keys()].join(', ')} that "classes" lists; label the row with one of those names, or leave "classes" out.`,
      );
    }
    y[i] = label;
  });
  return { x, y, count: raw.x.length };
}

function buildDataset(raw: { train: RawSplit; test: RawSplit; classes?: string[] }, name: string, seed: number): Dataset {
  if (raw.train.x.length === 0) throw new DataFileError(`${name}: no training rows; mark the rows to learn from with "train" in the split column (CSV) or put them under "train" (JSON).`);
  if (raw.test.x.length === 0) throw new DataFileError(`${name}: no test rows; mark some rows "test" in the split column (CSV) or put them under "test" (JSON), to measure the chosen network on.`);
  const classNames = raw.classes ?? classOrder([...raw.train.labels, ...raw.test.labels]);
  if (classNames.length < 2) {
    throw new DataFileError(`${name}: every row has the class "${classNames[0]}"; classification needs at least two classes, so add rows of another class.`);
  }
  const classIndex = new Map(classNames.map((label, i) => [label, i]));
  const features = raw.train.x[0].length;

  const trainAll = toSplit(raw.train, features, classIndex, name);
  const test = toSplit(raw.test, features, classIndex, name);
  const learnt = new Set(raw.train.labels);
  const unseen = classNames.find((label) => !learnt.has(label));
  if (unseen !== undefined) {
    throw new DataFileError(`${name}: the class "${unseen}" has no training rows, so no network can learn it; add training rows of "${unseen}", or remove its test rows.`);
  }
  const indices = stratifiedSplit(trainAll.y, classNames.length, { validation: VALIDATION_FRACTION, test: 0 }, new Rng(deriveSeed(seed, 'split', FILE_TASK)));
  const train = selectRows(trainAll, indices.train);
  if (train.count === 0 || indices.validation.length === 0) {
    throw new DataFileError(`${name}: ${trainAll.count} training rows are too few to carve a validation split from; add training rows.`);
  }
  const scaling = fitStandardScaling(train);
  return {
    task: FILE_TASK,
    name: name.split(/[\\/]/).pop() ?? name,
    kind: 'classification',
    inputShape: [features],
    outputUnits: classNames.length,
    classNames,
    train: applyScaling(train, scaling),
    validation: applyScaling(selectRows(trainAll, indices.validation), scaling),
    test: applyScaling(test, scaling),
    scaling: { mean: Array.from(scaling.mean), std: Array.from(scaling.std) },
  };
}

/** Writes classification splits as a data file's CSV text (features, label, split), for other tools and tests. */
export function dataFileCsv(featureNames: readonly string[], splits: { split: 'train' | 'test'; x: readonly (readonly number[])[]; labels: readonly string[] }[]): string {
  const lines = [[...featureNames, 'label', 'split'].join(',')];
  for (const { split, x, labels } of splits) {
    x.forEach((row, i) => lines.push([...row.map(String), labels[i], split].join(',')));
  }
  return `${lines.join('\n')}\n`;
}
