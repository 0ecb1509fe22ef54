// Runs the end-to-end tests: serves the built app (dist/) with `vite preview` on 127.0.0.1,
// runs every test/e2e/*.e2e.ts file with Node's test runner, and stops the server by pid.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync('dist/index.html')) {
  console.error('dist/index.html is missing: run `npm run build` before the end-to-end tests.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  const message = `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`;
  if (process.env.E2E_REQUIRED || process.env.CI) {
    console.error(message);
    process.exit(1);
  }
  console.warn(`${message} Skipping the end-to-end tests.`);
  process.exit(0);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function waitForServer(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}/`;
const server = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--bypass-lock'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stopServer);

let code;
try {
  await waitForServer(baseUrl, 30_000);
  mkdirSync('test-results', { recursive: true });
  const files = process.argv.slice(2);
    // Node 20's test runner takes file names, not globs.
  const pattern =
    files.length > 0
      ? files
      : readdirSync('test/e2e')
          .filter((name) => name.endsWith('.e2e.ts'))
          .sort()
          .map((name) => `test/e2e/${name}`);
  const tests = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...pattern],
    { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: CHROMIUM } },
  );
  code = await new Promise((resolve) => tests.on('exit', (exitCode) => resolve(exitCode ?? 1)));
} finally {
  stopServer();
}
process.exit(code);
