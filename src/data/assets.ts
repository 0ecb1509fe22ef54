/**
 * Asset readers for the browser and web workers. The Node reader lives in `node-assets.ts`,
 * which the browser bundle never imports because browsers have no file system.
 */

import type { AssetReader } from './types';

/**
 * Returns a reader that fetches `path` from `baseUrl`, for example `https://host/app/`.
 *
 * A relative `baseUrl` resolves against the page, or inside a worker against the worker
 * script's own URL, so workers should be given an absolute one.
 */
export function fetchAssetReader(baseUrl: string): AssetReader {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  return async (path) => {
    const url = base + path.replace(/^\/+/, '');
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Fetching ${url} failed before any HTTP response: ${reason}`, { cause: error });
    }
    if (!response.ok) {
      throw new Error(`Fetching ${url} failed with HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}
