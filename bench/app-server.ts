/**
 * Building the app, serving it with `vite preview` on 127.0.0.1 and opening headless
 * Chromium, for the browser benchmarks.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The benchmarks' own build folder, so that a test build into dist/ at the same time cannot replace files under the preview. */
const OUT_DIR = join(tmpdir(), 'nas-playground-bench-dist');

/** Builds the app into OUT_DIR; throws when vite fails. */
export function buildApp(): void {
  const build = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'error', '--outDir', OUT_DIR, '--emptyOutDir'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}.`);
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview timed out: no response at ${url} within 30 s. Is another preview of this project running?`);
}

export interface Preview {
  readonly url: string;
  /** Stops the preview server by its process id. */
  stop(): void;
}

/** Serves the build with `vite preview` on a free port of 127.0.0.1, beside any preview another process runs. */
export async function startPreview(): Promise<Preview> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server: ChildProcess = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', OUT_DIR, '--bypass-lock'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => {
    if (server.exitCode === null && server.pid !== undefined) process.kill(server.pid, 'SIGTERM');
  };
  try {
    await waitForServer(url);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

/** Launches headless Chromium with the flags that work on the development machine, plus `extraArgs`. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', ...extraArgs] });
}
