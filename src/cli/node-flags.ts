/**
 * V8 flags for Node processes that train on a worker pool: the `npm run search` script and
 * the benchmarks that start a pool pass them to node. They cannot be set from inside a
 * running process (`v8.setFlagsFromString('--single-threaded')` aborts Node), so the
 * commands that start one carry them, and `test/cli/node-flags.test.ts` keeps the
 * package.json script in step with this list.
 *
 * - `--single-threaded` runs V8's garbage collector and optimizing compiler on the thread
 *   that needs them instead of on helper threads. A worker's helpers are free while the
 *   other core idles, but with one worker per core they compete with the workers, and a
 *   worker that waits for a descheduled helper stalls. On spiral, whose small candidates
 *   spend most of their time in JavaScript, 2 workers went from 112 to 139 evaluations a
 *   minute with this flag and the next; 1 worker stayed at 76 to 79 (docs/benchmarks.md).
 * - `--max-semi-space-size=64` gives each isolate a young generation of 64 MiB semi-spaces,
 *   so the many short-lived objects of a training step are collected less often.
 */
export const POOL_NODE_FLAGS: readonly string[] = ['--single-threaded', '--max-semi-space-size=64'];
