/** Browser Web Worker entry of an evaluation worker. */

import { EvaluationRuntime } from './evaluation-runtime';
import type { WorkerRequest } from './protocol';

const runtime = new EvaluationRuntime((message, transfer = []) => self.postMessage(message, { transfer }));
self.onmessage = (event: MessageEvent<WorkerRequest>) => runtime.handle(event.data);
