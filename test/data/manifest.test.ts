import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIris } from '../../src/data/iris';
import {
  DatasetFileError,
  MANIFEST_PATH,
  readManifestDataset,
  readShippedGzipFile,
} from '../../src/data/manifest';
import { MNIST_FILES, loadMnist } from '../../src/data/mnist';
import { nodeAssetReader } from '../../src/data/node-assets';
import type { AssetReader } from '../../src/data/types';
import { copyPublicData, flipByte, removePublicCopy, replaceListedFile } from './temp-public';

const REBUILD = /Run `npm run data` to rebuild the shipped data sets\./;

let dir: string;
let reader: AssetReader;

beforeEach(() => {
  dir = copyPublicData();
  reader = nodeAssetReader(dir);
});
afterEach(() => removePublicCopy(dir));

/** Reads the MNIST test labels, the smallest gzipped file, through the manifest checks. */
async function readTestLabels(readAsset: AssetReader = reader): Promise<Uint8Array> {
  const manifest = await readManifestDataset(readAsset, 'mnist');
  return readShippedGzipFile(readAsset, manifest, MNIST_FILES.testLabels);
}

describe('shipped file checks', () => {
  it('accept the shipped files', async () => {
    const labels = await readTestLabels();
    expect(labels.length).toBe(2000);
  });

  it('reject a missing file', async () => {
    unlinkSync(join(dir, MNIST_FILES.testLabels));
    const failure = readTestLabels();
    await expect(failure).rejects.toThrow(/Could not read data\/mnist-test-labels\.u8\.gz: ENOENT/);
    await expect(failure).rejects.toThrow(REBUILD);
  });

  it('reject a flipped byte', async () => {
    flipByte(dir, MNIST_FILES.testLabels);
    const failure = readTestLabels();
    await expect(failure).rejects.toThrow(
      /data\/mnist-test-labels\.u8\.gz failed its SHA-256 check: the bytes hash to [0-9a-f]{64}, but data\/manifest\.json expects [0-9a-f]{64}\./,
    );
    await expect(failure).rejects.toThrow(REBUILD);
  });

  it('reject a truncated file', async () => {
    const bytes = await reader(MNIST_FILES.testLabels);
    writeFileSync(join(dir, MNIST_FILES.testLabels), bytes.subarray(0, bytes.length - 10));
    await expect(readTestLabels()).rejects.toThrow(
      /data\/mnist-test-labels\.u8\.gz has the wrong size: 1030 bytes, but data\/manifest\.json expects 1040\./,
    );
  });

  it('reject corrupt gzip', async () => {
    // Valid gzip magic bytes, then garbage. The manifest is updated, so only gunzip can fail.
    replaceListedFile(dir, MNIST_FILES.testLabels, new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]));
    const failure = readTestLabels();
    await expect(failure).rejects.toThrow(/data\/mnist-test-labels\.u8\.gz is not valid gzip data \(/);
    await expect(failure).rejects.toThrow(REBUILD);
  });

  it('reject a wrong decompressed size', async () => {
    replaceListedFile(dir, MNIST_FILES.testLabels, gzipSync(new Uint8Array(1999), { mtime: 0 }));
    await expect(readTestLabels()).rejects.toThrow(
      /data\/mnist-test-labels\.u8\.gz has the wrong size: 1999 decompressed bytes, but data\/manifest\.json expects 2000\./,
    );
  });

  it('reject wrong decompressed content', async () => {
    const labels = gunzipSync(await reader(MNIST_FILES.testLabels));
    labels[0] = (labels[0] + 1) % 10;
    replaceListedFile(dir, MNIST_FILES.testLabels, gzipSync(labels, { mtime: 0 }));
    await expect(readTestLabels()).rejects.toThrow(/failed its SHA-256 check: the decompressed bytes hash to/);
  });

  it('accept content a server already decompressed', async () => {
    const decoding: AssetReader = async (path) => {
      const bytes = await reader(path);
      return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    };
    expect(await readTestLabels(decoding)).toEqual(await readTestLabels());
  });

  it('reject data that is neither gzip nor content', async () => {
    writeFileSync(join(dir, MNIST_FILES.testLabels), new Uint8Array(500));
    await expect(readTestLabels()).rejects.toThrow(
      /data\/mnist-test-labels\.u8\.gz is not gzip data \(it does not start with the bytes 1f 8b\), nor its 2000-byte decompressed content \(it has 500 bytes\)\./,
    );
  });

  it('errors carry the file path', async () => {
    flipByte(dir, MNIST_FILES.testLabels);
    const error = await readTestLabels().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetFileError);
    expect((error as DatasetFileError).path).toBe(MNIST_FILES.testLabels);
  });
});

describe('manifest checks', () => {
  it('reject a missing manifest', async () => {
    unlinkSync(join(dir, MANIFEST_PATH));
    await expect(readManifestDataset(reader, 'iris')).rejects.toThrow(/Could not read data\/manifest\.json: ENOENT.*npm run data/);
  });

  it('reject invalid JSON', async () => {
    writeFileSync(join(dir, MANIFEST_PATH), '{"version": 1,');
    await expect(readManifestDataset(reader, 'iris')).rejects.toThrow(/data\/manifest\.json is not valid JSON \(.*npm run data/);
  });

  it('reject another version', async () => {
    writeFileSync(join(dir, MANIFEST_PATH), '{"version": 2, "datasets": {}}');
    await expect(readManifestDataset(reader, 'iris')).rejects.toThrow(
      /data\/manifest\.json has version 2, but this build reads version 1\./,
    );
  });

  it('reject an unknown data set', async () => {
    await expect(readManifestDataset(reader, 'cifar')).rejects.toThrow(
      /data\/manifest\.json has no valid entry for the data set "cifar"\./,
    );
  });
});

describe('loaders on damaged files', () => {
  it('loadIris names a flipped iris.csv', async () => {
    flipByte(dir, 'data/iris.csv');
    const failure = loadIris(1, reader);
    await expect(failure).rejects.toThrow(/data\/iris\.csv failed its SHA-256 check/);
    await expect(failure).rejects.toThrow(REBUILD);
  });

  it('loadMnist names a flipped training image file', async () => {
    flipByte(dir, MNIST_FILES.trainImages);
    const failure = loadMnist(1, reader);
    await expect(failure).rejects.toThrow(/data\/mnist-train-images\.u8\.gz failed its SHA-256 check/);
    await expect(failure).rejects.toThrow(REBUILD);
  });

  it('loadMnist names a missing test image file', async () => {
    unlinkSync(join(dir, MNIST_FILES.testImages));
    await expect(loadMnist(1, reader)).rejects.toThrow(/Could not read data\/mnist-test-images\.u8\.gz: .*npm run data/);
  });
});
