// Entry of the text-extraction worker: worker threads do not inherit tsx's loader on Node 20, so the worker
// registers it itself before importing the TypeScript module named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
