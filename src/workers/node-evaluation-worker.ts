/** Node worker_threads entry of an evaluation worker. */

import { parentPort } from 'node:worker_threads';
import { EvaluationRuntime } from './evaluation-runtime';
import type { WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('node-evaluation-worker must run in a worker thread.');

const runtime = new EvaluationRuntime((message, transfer) => port.postMessage(message, transfer));
port.on('message', (request: WorkerRequest) => runtime.handle(request));
