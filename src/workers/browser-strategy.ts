/** A strategy host backed by a Web Worker, so that the page's main thread stays free. */

import type { Candidate, GenerationSummary } from '../core/strategy';
import type { StrategyHost, StrategyHostFactory } from './strategy-host';
import type { StrategyRequest, StrategyResponse } from './strategy-protocol';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type RequestBody = StrategyRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export const browserStrategyHost: StrategyHostFactory = (settings, context, options) => {
  const worker = new Worker(new URL('./strategy.worker.ts', import.meta.url), { type: 'module', name: 'strategy' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | null = null;

  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.addEventListener('message', (event: MessageEvent<StrategyResponse>) => {
    const response = event.data;
    const waiter = pending.get(response.id);
    pending.delete(response.id);
    if (!waiter) return;
    if (response.ok) waiter.resolve(response.value);
    else waiter.reject(new Error(response.message));
  });
  worker.addEventListener('error', (event) => failAll(new Error(`The strategy worker failed: ${event.message || 'its script did not load'}.`)));

  const request = <T>(body: RequestBody): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id });
    });
  };

  // Errors of creation, such as invalid settings, reject the first proposal.
  const created = request<null>({ type: 'create', settings, context, options });
  const host: StrategyHost = {
    propose: () => created.then(() => request<Candidate[] | null>({ type: 'propose' })),
    observe: (results) => created.then(() => request<GenerationSummary>({ type: 'observe', results })),
    dispose: () => {
      failAll(new Error('The strategy worker was stopped.'));
      worker.terminate();
    },
  };
  return host;
};
