/**
 * The asset reader for Node (the CLI, the tests and the build script), reading `public/`
 * from disk. Kept apart from `assets.ts` so that the browser bundle never imports `node:fs`.
 */

import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetReader } from './types';

/** The repository's `public/` folder, found from this file's location. */
export const DEFAULT_PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Returns a reader of files under `publicDir`, by paths relative to that folder. */
export function nodeAssetReader(publicDir: string = DEFAULT_PUBLIC_DIR): AssetReader {
  const root = resolve(publicDir);

  return async (path) => {
    const file = resolve(root, path);
    const inside = relative(root, file);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`The asset path "${path}" points outside ${root}; asset paths are relative to the public folder.`);
    }
    const bytes = await readFile(file);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}
