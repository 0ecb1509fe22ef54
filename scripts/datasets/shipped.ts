/**
 * Types and helpers shared by the builders of the shipped data sets.
 */

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ManifestDataset } from '../../src/data/manifest';

/** One file to write under `public/`. `content` is the decompressed content of a gzip file. */
export interface BuiltFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly content?: Uint8Array;
}

/** A built data set: its manifest entry without the file checksums, and its files. */
export interface BuiltDataset {
  readonly manifest: Omit<ManifestDataset, 'files'>;
  readonly files: readonly BuiltFile[];
}

interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  /** The installed package's folder. */
  readonly dir: string;
}

const require = createRequire(import.meta.url);

/** Returns the name, version and licence of an installed package, from its package.json. */
export function packageInfo(name: string): PackageInfo {
  const manifestPath = require.resolve(`${name}/package.json`);
  const json = require(manifestPath) as { name: string; version: string; license: string };
  return { name: json.name, version: json.version, license: json.license, dir: dirname(manifestPath) };
}

/** Returns the byte count and SHA-256 (lowercase hexadecimal) of `bytes`. */
export function fileFacts(bytes: Uint8Array): { bytes: number; sha256: string } {
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
