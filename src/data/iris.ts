/**
 * The Iris set: 150 flowers, four measurements in centimetres, three species.
 *
 * Shipped as `public/data/iris.csv`: a header row, then one flower per line with the four
 * measurements and the species name, comma-separated, lines ending in `\n`.
 */

import { Rng, deriveSeed } from '../core/rng';
import { readManifestDataset, readShippedFile, manifestCount, DatasetFileError } from './manifest';
import { SIXTY_TWENTY_TWENTY, applyScaling, fitStandardScaling, selectRows, stratifiedSplit } from './split';
import type { AssetReader, Dataset, Split } from './types';

export const IRIS_CSV_PATH = 'data/iris.csv';
export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
export const IRIS_CLASS_NAMES = ['setosa', 'versicolor', 'virginica'] as const;
export const IRIS_HEADER = [...IRIS_FEATURES, 'species'].join(',');

/** Parses the shipped CSV into all 150 rows, with the species as a class index. */
export function parseIrisCsv(text: string, path = IRIS_CSV_PATH): Split {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== IRIS_HEADER) {
    throw new DatasetFileError(path, `${path} must start with the header "${IRIS_HEADER}", but its first line is "${lines[0] ?? ''}".`);
  }

  const rows = lines.slice(1);
  const features = IRIS_FEATURES.length;
  const x = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length);
  rows.forEach((line, row) => {
    const fields = line.trim().split(',');
    // Line numbers count from 1 and include the header, as an editor shows them.
    const lineNumber = row + 2;
    if (fields.length !== features + 1) {
      throw new DatasetFileError(path, `${path} line ${lineNumber} has ${fields.length} fields, expected ${features + 1}.`);
    }
    for (let f = 0; f < features; f++) {
      const value = Number(fields[f]);
      if (fields[f] === '' || !Number.isFinite(value)) {
        throw new DatasetFileError(path, `${path} line ${lineNumber} has the non-numeric ${IRIS_FEATURES[f]} "${fields[f]}".`);
      }
      x[row * features + f] = value;
    }
    const label = (IRIS_CLASS_NAMES as readonly string[]).indexOf(fields[features]);
    if (label < 0) {
      throw new DatasetFileError(path, `${path} line ${lineNumber} has the unknown species "${fields[features]}".`);
    }
    y[row] = label;
  });
  return { x, y, count: rows.length };
}

/**
 * Loads Iris with a seeded, class-stratified 60/20/20 split, each feature standardised with
 * the mean and standard deviation of the training split alone.
 */
export async function loadIris(seed: number, readAsset: AssetReader): Promise<Dataset> {
  const manifest = await readManifestDataset(readAsset, 'iris');
  const bytes = await readShippedFile(readAsset, manifest, IRIS_CSV_PATH);
  const all = parseIrisCsv(new TextDecoder().decode(bytes));

  const expectedRows = manifestCount(manifest, 'rows');
  if (all.count !== expectedRows) {
    throw new DatasetFileError(IRIS_CSV_PATH, `${IRIS_CSV_PATH} has ${all.count} rows, expected ${expectedRows}.`);
  }

  const rng = new Rng(deriveSeed(seed, 'split', 'iris'));
  const indices = stratifiedSplit(all.y, IRIS_CLASS_NAMES.length, SIXTY_TWENTY_TWENTY, rng);
  const train = selectRows(all, indices.train);
  const scaling = fitStandardScaling(train);

  return {
    task: 'iris',
    name: 'Iris',
    kind: 'classification',
    inputShape: [IRIS_FEATURES.length],
    outputUnits: IRIS_CLASS_NAMES.length,
    classNames: IRIS_CLASS_NAMES,
    train: applyScaling(train, scaling),
    validation: applyScaling(selectRows(all, indices.validation), scaling),
    test: applyScaling(selectRows(all, indices.test), scaling),
    scaling: { mean: Array.from(scaling.mean), std: Array.from(scaling.std) },
  };
}
