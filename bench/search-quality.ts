/**
 * Search quality with the CLI's default settings: the best network's test accuracy and the
 * wall time, on Iris and on the MNIST subset.
 *
 * Run: npx tsx bench/search-quality.ts [iris] [mnist]   (Iris about a minute, MNIST up to
 * ten on 2 cores)
 *
 * Each case runs the CLI as `npm run search` does (V8 flags included), with only --task and
 * --json set, and reads the result file. The target is at least 95% test accuracy on Iris and 97% on MNIST within
 * 10 minutes. The retrained network's figure counts where the defaults retrain the winner.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POOL_NODE_FLAGS } from '../src/cli/node-flags';

interface CandidateRecord {
  id: string;
  fitness: number;
  metrics: { testAccuracy: number | null; params: number; trainMs: number } | null;
}

interface ResultFile {
  elapsedMs: number;
  status: string;
  candidates: CandidateRecord[];
  best: CandidateRecord | null;
  final: CandidateRecord | null;
}

const TARGETS: Record<string, number> = { iris: 0.95, mnist: 0.97 };
const LIMIT_MS = 10 * 60 * 1000;

const pct = (value: number | null | undefined) => (value == null ? '—' : `${(value * 100).toFixed(1)}%`);

function runCase(task: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nas-bench-')), `${task}.json`);
  const started = Date.now();
  const child = spawnSync('node_modules/.bin/tsx', [...POOL_NODE_FLAGS, 'src/cli/main.ts', '--task', task, '--json', file, '--quiet'], {
    encoding: 'utf8',
    timeout: 20 * 60 * 1000,
  });
  const wallMs = Date.now() - started;
  if (child.status !== 0) return `| ${task} | failed (status ${child.status}): ${child.stderr.trim().split('\n').pop()} |`;

  const result = JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
  const chosen = result.final?.metrics ? result.final : result.best;
  const test = chosen?.metrics?.testAccuracy ?? null;
  const trained = result.candidates.filter((c) => c.metrics !== null).length;
  const met = test !== null && test >= TARGETS[task] && wallMs <= LIMIT_MS;
  return [
    '',
    task,
    `${result.candidates.length} (${trained} trained)`,
    pct(result.best?.fitness),
    pct(result.best?.metrics?.testAccuracy),
    result.final ? pct(result.final.metrics?.testAccuracy) : '—',
    chosen?.metrics?.params.toLocaleString('en-US') ?? '—',
    `${(wallMs / 1000).toFixed(0)} s`,
    met ? 'yes' : 'no',
    '',
  ].join(' | ').trim();
}

const tasks = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['iris', 'mnist'];
console.log('| task | evaluations | best validation | its test | retrained test | params | wall time | target met |');
console.log('|---|---|---|---|---|---|---|---|');
for (const task of tasks) console.log(runCase(task));
