/**
 * The MNIST subset: 20,000 training and 2,000 test images of handwritten digits.
 *
 * Binary layout of the four shipped files under `public/data/` (written by
 * `scripts/build-datasets.ts`), each gzipped, with no header of its own:
 * - `mnist-{train,test}-images.u8.gz`: one byte per pixel, 784 bytes per image, images one
 *   after another. Each image is 28 rows of 28 pixels, top row first, each row left to right,
 *   as in the original IDX files. A pixel is 0 for background and 255 for full ink.
 * - `mnist-{train,test}-labels.u8.gz`: one byte per image, the digit 0 to 9, in image order.
 * The image counts and checksums are in `public/data/manifest.json`.
 */

import { Rng, deriveSeed } from '../core/rng';
import {
  DatasetFileError,
  manifestCount,
  readManifestDataset,
  readShippedGzipFile,
  type ManifestDataset,
} from './manifest';
import { stratifiedSplit } from './split';
import type { AssetReader, Dataset, Split } from './types';

export const MNIST_IMAGE_SIDE = 28;
export const MNIST_PIXELS = MNIST_IMAGE_SIDE * MNIST_IMAGE_SIDE;
export const MNIST_INPUT_SHAPE: readonly number[] = [MNIST_IMAGE_SIDE, MNIST_IMAGE_SIDE, 1];
export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const MNIST_FILES = {
  trainImages: 'data/mnist-train-images.u8.gz',
  trainLabels: 'data/mnist-train-labels.u8.gz',
  testImages: 'data/mnist-test-images.u8.gz',
  testLabels: 'data/mnist-test-labels.u8.gz',
} as const;

/** Share of the shipped training images carved out, per class, as the validation split. */
export const MNIST_VALIDATION_FRACTION = 0.1;

/** Raw images and labels of one shipped part, before scaling. */
interface MnistPart {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Loads the MNIST subset with pixels scaled to [0, 1]. A seeded, class-stratified 10% of the
 * training images becomes the validation split; the test split is the shipped test part.
 */
export async function loadMnist(seed: number, readAsset: AssetReader): Promise<Dataset> {
  const manifest = await readManifestDataset(readAsset, 'mnist');
  const trainPart = await readPart(readAsset, manifest, 'train', MNIST_FILES.trainImages, MNIST_FILES.trainLabels);
  const testPart = await readPart(readAsset, manifest, 'test', MNIST_FILES.testImages, MNIST_FILES.testLabels);

  const rng = new Rng(deriveSeed(seed, 'split', 'mnist'));
  const indices = stratifiedSplit(
    trainPart.labels,
    MNIST_CLASS_NAMES.length,
    { validation: MNIST_VALIDATION_FRACTION, test: 0 },
    rng,
  );
  const allTestRows = Array.from({ length: testPart.labels.length }, (_, row) => row);

  return {
    task: 'mnist',
    name: 'MNIST (subset)',
    kind: 'classification',
    inputShape: MNIST_INPUT_SHAPE,
    outputUnits: MNIST_CLASS_NAMES.length,
    classNames: MNIST_CLASS_NAMES,
    train: scaleImages(trainPart, indices.train),
    validation: scaleImages(trainPart, indices.validation),
    test: scaleImages(testPart, allTestRows),
  };
}

async function readPart(
  readAsset: AssetReader,
  manifest: ManifestDataset,
  part: 'train' | 'test',
  imagesPath: string,
  labelsPath: string,
): Promise<MnistPart> {
  const count = manifestCount(manifest, part);
  const images = await readShippedGzipFile(readAsset, manifest, imagesPath);
  const labels = await readShippedGzipFile(readAsset, manifest, labelsPath);

  // The manifest's byte counts were checked already; these guard a manifest that disagrees
  // with its own image count.
  if (images.length !== count * MNIST_PIXELS) {
    throw new DatasetFileError(
      imagesPath,
      `${imagesPath} contains ${images.length} bytes, but ${count} images of ${MNIST_PIXELS} pixels need ${count * MNIST_PIXELS}.`,
    );
  }
  if (labels.length !== count) {
    throw new DatasetFileError(labelsPath, `${labelsPath} contains ${labels.length} labels, expected ${count}.`);
  }
  const badRow = labels.findIndex((label) => label >= MNIST_CLASS_NAMES.length);
  if (badRow >= 0) {
    throw new DatasetFileError(labelsPath, `${labelsPath} has the label ${labels[badRow]} at row ${badRow}, expected a digit 0 to 9.`);
  }
  return { images, labels };
}

/** Copies the given images into a split, pixels divided by 255, in the order of `rows`. */
function scaleImages(part: MnistPart, rows: readonly number[]): Split {
  const x = new Float32Array(rows.length * MNIST_PIXELS);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    const source = row * MNIST_PIXELS;
    const target = i * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) x[target + p] = part.images[source + p] / 255;
    y[i] = part.labels[row];
  });
  return { x, y, count: rows.length };
}
