// Browser Web Worker entry: `new Worker(new URL('@portflow/worker/worker', import.meta.url), { type: 'module' })`
// then `wrap<SimulationSession>(worker)` on the page.
import { exposeSession } from './expose-session.js';

exposeSession();
