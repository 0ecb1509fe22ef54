/** Browser Web Worker that trains one genome and returns its model files (see export-protocol.ts). */

import { fetchAssetReader } from '../data/assets';
import { loadDataset, setDataFile } from '../data/tasks';
import { initBackend } from '../train/backend';
import { WEIGHTS_FILE, trainModelFiles } from '../train/export-model';
import type { ExportRequest, ExportResponse } from './export-protocol';

const post = (message: ExportResponse, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

async function handle(request: ExportRequest): Promise<void> {
  try {
    const { backend } = await initBackend(request.backend, { wasmPaths: request.wasmPaths });
    if (request.dataFile) setDataFile(request.dataFile);
    const dataset = await loadDataset(request.task, fetchAssetReader(request.assetBaseUrl));
    const { files, metrics, standardisesInputs } = await trainModelFiles(request.genome, dataset, request.settings, request.seed, {
      probabilities: request.probabilities,
      keepBestEpoch: request.keepBestEpoch,
      onProgress: ({ epoch, epochs, loss }) => post({ type: 'progress', epoch, epochs, loss }),
    });
    post({ type: 'done', modelJson: files.modelJson, weightsFile: WEIGHTS_FILE, weights: files.weights, metrics, backend, standardisesInputs }, [files.weights]);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

self.onmessage = (event: MessageEvent<ExportRequest>) => void handle(event.data);
