// Exposes a SimulationSession on any comlink endpoint: a Web Worker's global scope, a
// worker_threads parentPort (through comlink's node adapter) or one end of a MessageChannel.
import type { Endpoint } from 'comlink';
import { expose } from 'comlink';
import { SimulationSession } from './simulation-session.js';

export function exposeSession(endpoint?: Endpoint): SimulationSession {
  const session = new SimulationSession();
  expose(session, endpoint);
  return session;
}
