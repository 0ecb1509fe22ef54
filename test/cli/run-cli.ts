import { spawnSync } from 'node:child_process';
import { POOL_NODE_FLAGS } from '../../src/cli/node-flags';

/** Runs the CLI as `npm run search` does, V8 flags included, and returns its exit status and output. */
export function runCli(args: readonly string[]) {
  const result = spawnSync('node_modules/.bin/tsx', [...POOL_NODE_FLAGS, 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
