/**
 * `npm run bench`: runs every benchmark in turn and prints its figures.
 * Pass names to run a subset: `npm run bench -- scaling quality`.
 */

import { spawnSync } from 'node:child_process';
import { POOL_NODE_FLAGS } from '../src/cli/node-flags';

// The benchmarks that start a worker pool themselves run with the V8 flags of `npm run search`.
// The throughput one trains in a single thread, and quality and peers pass them to the CLI.
const BENCHMARKS: Record<string, string[]> = {
  throughput: ['bench/train-throughput.ts'],
  scaling: [...POOL_NODE_FLAGS, 'bench/worker-scaling.ts'],
  quality: ['bench/search-quality.ts'],
  strategies: [...POOL_NODE_FLAGS, 'bench/strategies.ts'],
  editor: ['bench/editor-drag.ts'],
  smoothness: ['bench/page-smoothness.ts'],
  'browser-scaling': ['bench/browser-scaling.ts'],
  // The full comparison takes about 1.5 hours: npm run bench:peers.
  peers: ['bench/peers.ts', '--quick'],
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(2);
}

let failed = 0;
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHMARKS)) {
  console.log(`\n## ${name}\n`);
  const result = spawnSync('node_modules/.bin/tsx', BENCHMARKS[name], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
