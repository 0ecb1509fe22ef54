// Entry of every Node evaluation worker thread. Worker threads do not inherit tsx's module
// hooks from the parent (Node 20), so the bootstrap registers them before loading the
// TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
