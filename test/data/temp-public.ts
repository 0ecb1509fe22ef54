/**
 * Temporary copies of `public/data/` that a test may damage without touching the real one.
 */

import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_PATH, type DataManifest } from '../../src/data/manifest';
import { DEFAULT_PUBLIC_DIR } from '../../src/data/node-assets';

/** Copies the shipped data into a new temporary public folder and returns its path. */
export function copyPublicData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nas-public-'));
  cpSync(join(DEFAULT_PUBLIC_DIR, 'data'), join(dir, 'data'), { recursive: true });
  return dir;
}

export function removePublicCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Inverts one byte of a file in the copy, in the middle of the file. */
export function flipByte(dir: string, path: string): void {
  const bytes = readFileSync(join(dir, path));
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  writeFileSync(join(dir, path), bytes);
}

/** Replaces a file in the copy and records its new size and SHA-256 in the copy's manifest. */
export function replaceListedFile(dir: string, path: string, bytes: Uint8Array): void {
  writeFileSync(join(dir, path), bytes);
  const manifestFile = join(dir, MANIFEST_PATH);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as DataManifest;
  for (const dataset of Object.values(manifest.datasets)) {
    const entry = dataset.files[path];
    if (entry) {
      Object.assign(entry, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  }
  writeFileSync(manifestFile, JSON.stringify(manifest));
}
