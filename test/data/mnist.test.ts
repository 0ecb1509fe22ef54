import { gunzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_FILES, MNIST_PIXELS, loadMnist } from '../../src/data/mnist';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { Dataset, Split } from '../../src/data/types';
import { classCounts, sameFloats } from './checks';

const reader = nodeAssetReader();

/** Returns one key per image: its pixels back as bytes, with its label. */
function imageKeys(split: Split): string[] {
  return Array.from({ length: split.count }, (_, row) => {
    const pixels = split.x.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS);
    const bytes = Uint8Array.from(pixels, (value) => Math.round(value * 255));
    return `${Buffer.from(bytes).toString('base64')}|${split.y[row]}`;
  });
}

async function shippedKeys(imagesPath: string, labelsPath: string): Promise<string[]> {
  const images = gunzipSync(await reader(imagesPath));
  const labels = gunzipSync(await reader(labelsPath));
  return Array.from(labels, (label, row) => {
    const bytes = images.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS);
    return `${Buffer.from(bytes).toString('base64')}|${label}`;
  });
}

describe('loadMnist', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadMnist(1, reader);
  });

  it('has 18,000 / 2,000 / 2,000 images', () => {
    expect(mnist.train.count).toBe(18_000);
    expect(mnist.validation.count).toBe(2_000);
    expect(mnist.test.count).toBe(2_000);
    expect(mnist.train.x.length).toBe(18_000 * 784);
    expect(mnist.validation.x.length).toBe(2_000 * 784);
    expect(mnist.test.x.length).toBe(2_000 * 784);
  });

  it('describes 28×28×1 images of 10 digits', () => {
    expect(mnist.inputShape).toEqual([28, 28, 1]);
    expect(mnist.outputUnits).toBe(10);
    expect(mnist.classNames).toHaveLength(10);
  });

  it.each(['train', 'validation', 'test'] as const)('%s pixels lie in [0, 1]', (name) => {
    const x = mnist[name].x;
    let min = Infinity;
    let max = -Infinity;
    for (const value of x) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
  });

  it.each(['train', 'validation', 'test'] as const)('%s has digits 0 to 9, each present', (name) => {
    const labels = mnist[name].y;
    expect(labels.every((label) => Number.isInteger(label) && label >= 0 && label <= 9)).toBe(true);
    const counts = classCounts(mnist[name], 10);
    for (const [digit, count] of counts.entries()) expect(count, `digit ${digit}`).toBeGreaterThan(0);
  });

  it('carves validation as 10% of each digit', () => {
    const train = classCounts(mnist.train, 10);
    const validation = classCounts(mnist.validation, 10);
    for (let digit = 0; digit < 10; digit++) {
      const total = train[digit] + validation[digit];
      expect(Math.abs(validation[digit] - total * 0.1), `digit ${digit}`).toBeLessThanOrEqual(0.5);
    }
  });

  it('splits the shipped training images without overlap', async () => {
    const shipped = await shippedKeys(MNIST_FILES.trainImages, MNIST_FILES.trainLabels);
    const train = imageKeys(mnist.train);
    const validation = imageKeys(mnist.validation);
    expect([...train, ...validation].sort()).toEqual([...shipped].sort());

    const trainSet = new Set(train);
    expect(validation.filter((key) => trainSet.has(key))).toEqual([]);
  });

  it('tests on the shipped test images in file order', async () => {
    const shipped = await shippedKeys(MNIST_FILES.testImages, MNIST_FILES.testLabels);
    expect(imageKeys(mnist.test)).toEqual(shipped);
  });

  it('repeats for a seed and changes with it', async () => {
    const again = await loadMnist(1, reader);
    const other = await loadMnist(2, reader);
    expect(sameFloats(again.validation.y, mnist.validation.y)).toBe(true);
    expect(sameFloats(again.validation.x, mnist.validation.x)).toBe(true);
    expect(sameFloats(again.train.x, mnist.train.x)).toBe(true);
    expect(sameFloats(other.validation.x, mnist.validation.x)).toBe(false);
    expect(sameFloats(other.test.x, mnist.test.x)).toBe(true);
  });
});
