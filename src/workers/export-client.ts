/** Runs one model export in a fresh browser worker and ends the worker when it is done. */

import type { ExportRequest, ExportResponse } from './export-protocol';

export type ExportResult = Extract<ExportResponse, { type: 'done' }>;

export function exportModelInWorker(request: ExportRequest, onProgress: (epoch: number, epochs: number) => void, signal?: AbortSignal): Promise<ExportResult> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'model-export' });
  return new Promise<ExportResult>((resolve, reject) => {
    const finish = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      finish();
      reject(new DOMException('The model export was cancelled.', 'AbortError'));
    });
    worker.addEventListener('message', (event: MessageEvent<ExportResponse>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(message.epoch, message.epochs);
        return;
      }
      finish();
      if (message.type === 'done') resolve(message);
      else reject(new Error(`The model export failed: ${message.message}`));
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(`The model export worker stopped: ${event.message || 'its script failed to load'}.`));
    });
    worker.postMessage(request);
  });
}
