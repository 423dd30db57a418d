// worker_threads entry: a SimulationSession on the parent port. Runs as compiled JS
// (dist/node-worker.js, a self-contained bundle: see bundle-worker.ts).
import { nodeEndpoint } from './node-endpoint.js';
import { parentPort } from 'node:worker_threads';
import { exposeSession } from './expose-session.js';

if (!parentPort) throw new Error('@portflow/worker node-worker runs inside a worker_threads Worker');
exposeSession(nodeEndpoint(parentPort));
