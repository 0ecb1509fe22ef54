/** Worker handles backed by Node worker_threads, for the CLI, tests and benchmarks. */

import { Worker } from 'node:worker_threads';
import type { WorkerResponse } from './protocol';
import type { WorkerFactory, WorkerHandle } from './pool';

const BOOTSTRAP = new URL('./node-worker-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./node-evaluation-worker.ts', import.meta.url).href;

export const nodeWorkerFactory: WorkerFactory = () => {
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } });
  let failed = false;
  const handle: WorkerHandle = {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', (message: WorkerResponse) => listener(message)),
    onError: (listener) => {
      const fail = (reason: string) => {
        if (failed) return;
        failed = true;
        listener(reason);
      };
      worker.on('error', (error) => fail(error.message));
      worker.on('exit', (code) => fail(`exited with code ${code}`));
    },
    terminate: () => {
      failed = true;
      void worker.terminate();
    },
  };
  return handle;
};
