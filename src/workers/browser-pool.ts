/** Worker handles backed by browser Web Workers. */

import type { WorkerResponse } from './protocol';
import type { WorkerFactory, WorkerHandle } from './pool';

export const browserWorkerFactory: WorkerFactory = (index) => {
  const worker = new Worker(new URL('./evaluation.worker.ts', import.meta.url), {
    type: 'module',
    name: `evaluation-${index + 1}`,
  });
  let failed = false;
  const handle: WorkerHandle = {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (listener) =>
      worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => listener(event.data)),
    onError: (listener) => {
      const fail = (reason: string) => {
        if (failed) return;
        failed = true;
        listener(reason);
      };
      worker.addEventListener('error', (event) => fail(event.message || 'the worker script failed'));
      worker.addEventListener('messageerror', () => fail('a message could not be decoded'));
    },
    terminate: () => {
      failed = true;
      worker.terminate();
    },
  };
  return handle;
};
