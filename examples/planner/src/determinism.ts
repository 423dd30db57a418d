// Test page (determinism.html, not linked from the app): runs one scenario and seed in a Web
// Worker through @portflow/worker and on the page's main thread, and leaves both results on
// window.__determinism for the browser test to compare with Node.
import { wrap } from 'comlink';
import { portableMath } from '@portflow/core';
import { createScenarioSimulation } from '@portflow/scenario';
import type { SimulationSession } from '@portflow/worker';
import { frameHash, jobScenario, mathFingerprint, writeFrame } from '@portflow/worker';
import hall from '../../../scenarios/examples/hall-with-e-gates.json?raw';

// A quarter of an hour with hundreds of travellers walking, queueing and served: long enough
// that a last-bit difference anywhere (Math.exp differed between Node 20 and Chromium 156 before
// the engine used portableMath) shows in the counts.
const job = { scenario: hall, path: 'examples/hall-with-e-gates.json', seed: 1, to: '07:15' };

async function check(): Promise<void> {
  const worker = new Worker(new URL('./session-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<SimulationSession>(worker);
  await api.load(job);
  const inWorker = await api.run();
  worker.terminate();
  const sim = createScenarioSimulation(jobScenario(job), { seed: job.seed });
  sim.runUntil(job.to);
  const onPage = { hash: frameHash(writeFrame(sim)), metrics: sim.metrics() };
  (window as unknown as { __determinism: unknown }).__determinism = { worker: { hash: inWorker.hash, metrics: inWorker.metrics }, page: onPage, math: mathFingerprint(portableMath) };
  document.body.dataset.done = 'true';
}

check().catch((e: unknown) => {
  (window as unknown as { __determinism: unknown }).__determinism = { error: String(e) };
  document.body.dataset.done = 'true';
});
