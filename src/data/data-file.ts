/**
 * Classification or regression data from a file, for searches on data sets of one's own
 * (`--data FILE`, or Data file… in the page) and for comparisons with other tools on exactly
 * the same rows.
 *
 * Two formats, chosen by the file name's extension:
 *
 * - CSV (.csv): a header row, then one row per example. A `label` column holds the class
 *   (any text; classes are ordered by name, numerically where every name is a number), or a
 *   `target` column gives the number to predict (regression). A `split` column marks each row
 *   `train` or `test`, and every other column is a numeric feature. These three names may have
 *   any case. Fields are separated by commas, and a field in double quotes may contain commas.
 * - JSON (.json): `{ "train": { "x": [[...], ...], "y": [...] }, "test": { "x": ..., "y": ... } }`
 *   with the same rules for `y`, and optionally `"classes": [...]` to fix the class order.
 *   With `"kind": "regression"`, each `y` is the number to predict.
 *
 * The validation split is carved from the training rows, seeded, because fitness must not
 * see test rows: VALIDATION_FRACTION of each class, or of all rows for regression. Features
 * are standardised with the mean and deviation of the remaining training rows, as for Iris,
 * and so are regression targets, so that targets in the thousands train as well as targets
 * near 1. Every error names the file, the line or field, and the offending value.
 */

import { Rng, deriveSeed } from '../core/rng';
import { applyScaling, fitStandardScaling, selectRows, stratifiedSplit } from './split';
import type { Dataset, Split, TaskKind } from './types';

/** Share of each class's training rows that becomes the validation split. */
export const VALIDATION_FRACTION = 0.2;

/** The task id of data read from a file. */
export const FILE_TASK = 'custom';

/** Rows of one split of a file, before class names become indices or targets become numbers. */
interface RawSplit {
  readonly x: number[][];
  /** Class names, or regression targets as written. */
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
export function parseDataFile(text: string, name: string, seed: number, options: ParseOptions = {}): Dataset {
  const lower = name.toLowerCase();
  let raw: RawFile;
  if (lower.endsWith('.csv')) raw = parseCsv(text, name);
  else if (lower.endsWith('.json')) raw = parseJson(text, name);
  else {
    throw new DataFileError(
      `${name}: unknown data file type; name it .csv (a header line with numeric feature columns, "label" or "target", and "split") or .json ({"train": {"x": [...], "y": [...]}, "test": ...}).`,
    );
  }
  return raw.kind === 'regression' ? buildRegressionDataset(raw, name, seed, options) : buildDataset(raw, name, seed);
}

export interface ParseOptions {
  /**
   * Whether to reject a regression file whose validation rows, as `seed` draws them, all have
   * one target (true when not given). That depends on the seed alone, so a caller that reads
   * a file before its seed is settled turns it off, and the search then makes the check.
   */
  readonly checkValidationTargets?: boolean;
}

/** A parsed file before its rows become a data set. */
interface RawFile {
  readonly kind: TaskKind;
  readonly train: RawSplit;
  readonly test: RawSplit;
  readonly classes?: string[];
}

function parseCsv(text: string, name: string): RawFile {
  if (text.trim() === '') throw new DataFileError(`${name}: the file is empty; it needs a header line with feature columns, "label" or "target", and "split", then one line per row.`);
  // Line ends of Windows (CR LF), Unix (LF) and classic Mac OS (CR alone) all end a row.
  const lines = text.split(/\r\n|\r|\n/);
  const header = splitCsvLine(lines[0] ?? '', name, 1);
  if (header.length === 1 && /[;\t]/.test(header[0])) {
    throw new DataFileError(
      `${name} line 1: the fields are separated by ${header[0].includes(';') ? 'semicolons' : 'tabs'}; separate them with commas, and write decimals with a point (1.5, not 1,5).`,
    );
  }
  const unnamed = header.indexOf('');
  if (unnamed >= 0 && header.length > 1) {
    throw new DataFileError(`${name} line 1: column ${unnamed + 1} has no name; remove the trailing comma, or name the column.`);
  }
  const repeated = header.find((column, i) => header.indexOf(column) !== i);
  if (repeated !== undefined) throw new DataFileError(`${name} line 1: the column name "${repeated}" appears twice; name each column once.`);
  // The special columns are found whatever their case: spreadsheets often write "Label" or "Split".
  const named = header.map((column) => column.toLowerCase());
  if (named.includes('label') && named.includes('target')) {
    throw new DataFileError(`${name} line 1: the header has both "label" and "target"; keep "label" for classes or "target" for a number to predict, not both.`);
  }
  const kind: TaskKind = named.includes('target') ? 'regression' : 'classification';
  // The column with what to predict: a class name, or a number for regression.
  const answer = kind === 'regression' ? 'target' : 'label';
  const answerColumn = named.indexOf(answer);
  const splitColumn = named.indexOf('split');
  if (answerColumn < 0 || splitColumn < 0) {
    const missing = [answerColumn < 0 ? '"label" (classes) or "target" (numbers to predict)' : null, splitColumn < 0 ? '"split"' : null].filter(Boolean).join(' and a ');
    throw new DataFileError(`${name} line 1: the header needs a ${missing} column; it has ${header.map((h) => `"${h}"`).join(', ') || 'no columns'}.`);
  }
  const featureColumns = header.map((_, i) => i).filter((i) => i !== answerColumn && i !== splitColumn);
  if (featureColumns.length === 0) throw new DataFileError(`${name} line 1: the header names no feature column besides "${answer}" and "split".`);

  const splits = { train: emptySplit(), test: emptySplit() };
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2;
    if (line.trim() === '') return;
    const cells = splitCsvLine(line, name, lineNumber);
    if (cells.length !== header.length) {
      throw new DataFileError(`${name} line ${lineNumber}: ${cells.length} fields, but the header has ${header.length}.`);
    }
    const splitName = cells[splitColumn].toLowerCase();
    if (splitName !== 'train' && splitName !== 'test') {
      throw new DataFileError(`${name} line ${lineNumber}, field "split": "${splitName}" is neither "train" nor "test".`);
    }
    const row = featureColumns.map((column) => {
      const value = Number(cells[column]);
      if (cells[column] === '' || !Number.isFinite(value)) {
        throw new DataFileError(
          `${name} line ${lineNumber}, field "${header[column]}": "${cells[column]}" is not a finite number. Every column besides "${answer}" and "split" is a numeric feature: fill in the value, or remove the column "${header[column]}".`,
        );
      }
      if (!fitsFloat32(value)) throw new DataFileError(`${name} line ${lineNumber}, field "${header[column]}": ${tooLarge(cells[column])}`);
      return value;
    });
    if (cells[answerColumn] === '') throw new DataFileError(`${name} line ${lineNumber}, field "${answer}": the ${answer} is empty; fill it in, or remove the line.`);
    const split = splits[splitName];
    split.x.push(row);
    split.labels.push(cells[answerColumn]);
    split.origins.push(` line ${lineNumber}`);
    split.labelOrigins.push(` line ${lineNumber}, field "${answer}"`);
  });
  return { kind, ...splits };
}

/**
 * Splits one CSV line into its trimmed fields. A field in double quotes may hold commas, and
 * "" inside it stands for one quote, as spreadsheets write them; a field cannot span lines.
 */
function splitCsvLine(line: string, name: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      // A doubled quote inside quotes is one quote.
      field += '"';
      i++;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (!quoted && char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (!quoted && char === ',') {
      fields.push(field.trim());
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new DataFileError(`${name} line ${lineNumber}: a quoted field does not end on its line; close its quote, since fields cannot span lines.`);
  fields.push(field.trim());
  return fields;
}

function emptySplit(): { x: number[][]; labels: string[]; origins: string[]; labelOrigins: string[] } {
  return { x: [], labels: [], origins: [], labelOrigins: [] };
}

function parseJson(text: string, name: string): RawFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof data !== 'object' || data === null) throw new DataFileError(`${name}: expected an object with "train" and "test", got ${typeof data}.`);
  const record = data as Record<string, unknown>;
  const kind = record.kind ?? 'classification';
  if (kind !== 'classification' && kind !== 'regression') {
    throw new DataFileError(`${name}, field "kind": ${JSON.stringify(kind)} is neither "classification" nor "regression"; leave it out for classes.`);
  }
  const classes = record.classes;
  if (kind === 'regression' && classes !== undefined) {
    throw new DataFileError(`${name}, field "classes": a regression file predicts numbers and has no classes; remove "classes", or "kind".`);
  }
  if (classes !== undefined && (!Array.isArray(classes) || classes.length < 2)) {
    throw new DataFileError(`${name}, field "classes": expected an array of at least two class names.`);
  }
  const names = classes === undefined ? [] : (classes as unknown[]).map(String);
  const twice = names.find((label, i) => names.indexOf(label) !== i);
  if (twice !== undefined) throw new DataFileError(`${name}, field "classes": "${twice}" is listed twice; list each class once.`);
  return {
    kind,
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
      if (!fitsFloat32(cell)) throw new DataFileError(`${name}, field "${splitName}.x[${i}][${j}]": ${tooLarge(String(cell))}`);
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

/** Rejects a row whose feature count differs from the first training row's. */
function checkWidth(row: readonly number[], features: number, origin: string): void {
  if (row.length !== features) {
    throw new DataFileError(`${origin}: ${row.length} features, but the first training row has ${features}; give every row the same feature columns.`);
  }
}

/** Orders class names numerically when all are numbers, else alphabetically. */
function classOrder(labels: Iterable<string>, name: string): string[] {
  const names = [...new Set(labels)];
  const numeric = names.every((label) => Number.isFinite(Number(label)));
  if (!numeric) return names.sort();
  names.sort((a, b) => Number(a) - Number(b));
  // Spreadsheets can write one class as 1 on some rows and 1.0 on others, which would make two classes.
  const twin = names.findIndex((label, i) => i > 0 && Number(label) === Number(names[i - 1]));
  if (twin > 0) {
    throw new DataFileError(`${name}: the labels "${names[twin - 1]}" and "${names[twin]}" are one number written two ways, so they would be two classes; write each class the same way on every row.`);
  }
  return names;
}

function toSplit(raw: RawSplit, features: number, classIndex: Map<string, number>, name: string): Split {
  const x = new Float32Array(raw.x.length * features);
  const y = new Float32Array(raw.x.length);
  raw.x.forEach((row, i) => {
    checkWidth(row, features, `${name}${raw.origins[i]}`);
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

/** Rejects a file without training or test rows. */
function requireRows(raw: RawFile, name: string): void {
  if (raw.train.x.length === 0) throw new DataFileError(`${name}: no training rows; mark the rows to learn from with "train" in the split column (CSV) or put them under "train" (JSON).`);
  if (raw.test.x.length === 0) throw new DataFileError(`${name}: no test rows; mark some rows "test" in the split column (CSV) or put them under "test" (JSON), to measure the chosen network on.`);
  if (raw.train.x[0].length === 0) throw new DataFileError(`${name}${raw.train.origins[0]}: the first training row has no features; give each row at least one number to learn from.`);
}

/** Returns the file's base name, without its folders. */
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

function buildDataset(raw: RawFile, name: string, seed: number): Dataset {
  requireRows(raw, name);
  const classNames = raw.classes ?? classOrder([...raw.train.labels, ...raw.test.labels], name);
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
  if (indices.validation.length === 0) {
    // Each class sets aside a fifth of its rows, rounded, so a class gives validation rows from 3 rows on.
    const counts = new Map<string, number>();
    for (const label of raw.train.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    let largest = 0;
    for (const count of counts.values()) largest = Math.max(largest, count);
    throw new DataFileError(
      `${name}: ${trainAll.count} training rows in ${classNames.length} classes leave no validation rows. Each class sets a fifth of its training rows aside for validation, which takes 3 rows of a class, and the largest class here has ${largest}; add training rows, or merge classes.`,
    );
  }
  if (train.count === 0) throw new DataFileError(`${name}: ${trainAll.count} training rows are too few to carve a validation split from; add training rows.`);
  const scaling = fitStandardScaling(train);
  return {
    task: FILE_TASK,
    name: baseName(name),
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

/** Returns whether `value` stays finite as a 32-bit float, the type tfjs computes in. */
const fitsFloat32 = (value: number) => Number.isFinite(Math.fround(value));

const tooLarge = (text: string) => `"${text}" is too large for the 32-bit numbers networks compute with (about ±3.4e38 at most); rescale the column.`;

/** Minimum training rows of a regression file, so that a fifth of them (2 or more) validate. */
export const MIN_REGRESSION_TRAINING_ROWS = 10;

/** Reads a regression split: features as 32-bit floats, and each row's target as a full-precision number. */
function readRegressionSplit(raw: RawSplit, features: number, name: string): { x: Float32Array; targets: number[] } {
  const x = new Float32Array(raw.x.length * features);
  const targets = raw.x.map((row, i) => {
    checkWidth(row, features, `${name}${raw.origins[i]}`);
    x.set(row, i * features);
    const origin = `${name}${(raw.labelOrigins ?? raw.origins)[i]}`;
    const target = Number(raw.labels[i]);
    if (!Number.isFinite(target)) {
      throw new DataFileError(
        `${origin}: the target "${raw.labels[i]}" is not a finite number; a regression file gives each row the number to predict. For classes, name the column "label" (CSV) or leave "kind" out (JSON).`,
      );
    }
    if (!fitsFloat32(target)) throw new DataFileError(`${origin}: ${tooLarge(raw.labels[i])}`);
    return target;
  });
  return { x, targets };
}

/** Picks `rows` of a split, with its targets standardised in full precision before they become 32-bit floats. */
function standardisedRows(split: { x: Float32Array; targets: number[] }, rows: readonly number[], features: number, target: { mean: number; std: number }): Split {
  const x = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    x.set(split.x.subarray(row * features, (row + 1) * features), i * features);
    y[i] = (split.targets[row] - target.mean) / target.std;
  });
  return { x, y, count: rows.length };
}

/** Returns the mean and standard deviation (population form) of `values`, in full precision. */
function spread(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

function buildRegressionDataset(raw: RawFile, name: string, seed: number, options: ParseOptions): Dataset {
  requireRows(raw, name);
  const features = raw.train.x[0].length;
  const trainAll = readRegressionSplit(raw.train, features, name);
  const test = readRegressionSplit(raw.test, features, name);
  const count = trainAll.targets.length;
  if (count < MIN_REGRESSION_TRAINING_ROWS) {
    throw new DataFileError(
      `${name}: ${count} training rows are too few for a regression; it needs at least ${MIN_REGRESSION_TRAINING_ROWS}, so that a fifth of them (2 or more) can measure the R² of each network. Add training rows.`,
    );
  }
  if (spread(trainAll.targets).std === 0) {
    throw new DataFileError(`${name}: every training row has the target ${trainAll.targets[0]}; a regression needs targets that vary, so add rows with other targets.`);
  }

  // A seeded shuffle of the training rows; the first VALIDATION_FRACTION become the validation split.
  const rng = new Rng(deriveSeed(seed, 'split', FILE_TASK));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const validationCount = Math.round(count * VALIDATION_FRACTION);
  const trainRows = order.slice(validationCount).sort((a, b) => a - b);
  const validationRows = order.slice(0, validationCount).sort((a, b) => a - b);
  const validationTargets = validationRows.map((row) => trainAll.targets[row]);
  if (options.checkValidationTargets !== false && spread(validationTargets).std === 0) {
    throw new DataFileError(
      `${name}: the ${validationCount} training rows set aside for validation all have the target ${validationTargets[0]}, so R² cannot rank networks on them; add training rows with other targets, or choose another data seed.`,
    );
  }

  const measured = spread(trainRows.map((row) => trainAll.targets[row]));
  // Training rows of one target (the others went to validation) keep the targets' scale.
  const target = { mean: measured.mean, std: measured.std || 1 };
  const train = standardisedRows(trainAll, trainRows, features, target);
  const scaling = fitStandardScaling(train);
  return {
    task: FILE_TASK,
    name: baseName(name),
    kind: 'regression',
    inputShape: [features],
    outputUnits: 1,
    train: applyScaling(train, scaling),
    validation: applyScaling(standardisedRows(trainAll, validationRows, features, target), scaling),
    test: applyScaling(standardisedRows(test, test.targets.map((_, i) => i), features, target), scaling),
    scaling: { mean: Array.from(scaling.mean), std: Array.from(scaling.std) },
    targetScaling: target,
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
