import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'fflate';
import { fetchAssetReader } from '../../src/data/assets';
import { readManifestDataset, readShippedGzipFile } from '../../src/data/manifest';
import { MNIST_FILES } from '../../src/data/mnist';
import { DEFAULT_PUBLIC_DIR, nodeAssetReader } from '../../src/data/node-assets';
import { loadDataset, defaultTaskConfig } from '../../src/data/tasks';

const irisBytes = readFileSync(join(DEFAULT_PUBLIC_DIR, 'data/iris.csv'));
const manifestBytes = readFileSync(join(DEFAULT_PUBLIC_DIR, 'data/manifest.json'));
const labelsBytes = readFileSync(join(DEFAULT_PUBLIC_DIR, MNIST_FILES.testLabels));

describe('fetchAssetReader', () => {
  // A static server on the loopback interface with three shipped files. Any other path is a 404.
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    const files = new Map([
      ['/app/data/iris.csv', irisBytes],
      ['/app/data/manifest.json', manifestBytes],
      [`/app/${MNIST_FILES.testLabels}`, labelsBytes],
    ]);
    server = createServer((request, response) => {
      const body = files.get(request.url ?? '');
      response.statusCode = body ? 200 : 404;
      // Like Vite's dev server, declare .gz files as gzip-encoded, so fetch decompresses them.
      if (request.url?.endsWith('.gz')) response.setHeader('Content-Encoding', 'gzip');
      response.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a file under the base URL', async () => {
    const bytes = await fetchAssetReader(baseUrl)('data/iris.csv');
    expect(Buffer.from(bytes).equals(irisBytes)).toBe(true);
  });

  it('accepts a base URL without the trailing slash', async () => {
    const bytes = await fetchAssetReader(baseUrl.slice(0, -1))('data/iris.csv');
    expect(bytes.length).toBe(irisBytes.length);
  });

  it('loads iris through fetch', async () => {
    const iris = await loadDataset(defaultTaskConfig('iris'), fetchAssetReader(baseUrl));
    expect(iris.train.count).toBe(90);
  });

  it('loads gzip files a server marks as encoded', async () => {
    const readAsset = fetchAssetReader(baseUrl);
    expect((await readAsset(MNIST_FILES.testLabels)).length).toBe(2000);
    const manifest = await readManifestDataset(readAsset, 'mnist');
    const labels = await readShippedGzipFile(readAsset, manifest, MNIST_FILES.testLabels);
    expect(Buffer.from(labels).equals(Buffer.from(gunzipSync(labelsBytes)))).toBe(true);
  });

  it('names the URL and status on HTTP failure', async () => {
    await expect(fetchAssetReader(baseUrl)('data/missing.csv')).rejects.toThrow(
      /^Fetching http:\/\/127\.0\.0\.1:\d+\/app\/data\/missing\.csv failed with HTTP 404 Not Found$/,
    );
  });

  it('loaders add the rebuild hint to HTTP failures', async () => {
    await expect(loadDataset(defaultTaskConfig('mnist'), fetchAssetReader(baseUrl))).rejects.toThrow(
      /Could not read data\/mnist-train-images\.u8\.gz: Fetching .* failed with HTTP 404 Not Found\. Run `npm run data`/,
    );
  });

  it('names the URL when no server answers', async () => {
    // Port 1 on the loopback interface has no listener, so the connection is refused.
    await expect(fetchAssetReader('http://127.0.0.1:1/')('data/iris.csv')).rejects.toThrow(
      /^Fetching http:\/\/127\.0\.0\.1:1\/data\/iris\.csv failed before any HTTP response: /,
    );
  });
});

describe('nodeAssetReader', () => {
  it('reads a file under public/', async () => {
    const bytes = await nodeAssetReader()('data/iris.csv');
    expect(Buffer.from(bytes).equals(irisBytes)).toBe(true);
  });

  it('rejects a path leaving the folder', async () => {
    await expect(nodeAssetReader()('../package.json')).rejects.toThrow(
      /The asset path "\.\.\/package\.json" points outside .*public; asset paths are relative to the public folder\./,
    );
  });

  it('reports a missing file', async () => {
    await expect(nodeAssetReader()('data/missing.csv')).rejects.toThrow(/ENOENT/);
  });
});
