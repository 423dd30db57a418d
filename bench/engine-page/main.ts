// The page of `pnpm bench:browser` (bench/engine-browser.ts drives it): starts a Worker (where
// the planner runs the engine), sends it the plan from the URL, logs its progress to the console
// and leaves the results on window.__bench, then marks the body done.
import type { JobResult, WorkerMessage } from './jobs.js';
import { parsePlan } from './jobs.js';

const state: { results: JobResult[]; error?: string } = { results: [] };
(globalThis as unknown as { __bench: typeof state }).__bench = state;
const finish = (): void => {
  document.body.dataset.done = 'true';
};

try {
  const plan = parsePlan(new URLSearchParams(location.search).get('plan') ?? 'W1:10000');
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.kind === 'result') {
      state.results.push(m.result);
    } else if (m.kind === 'progress') {
      console.log(m.line);
    } else {
      if (m.kind === 'error') state.error = m.message;
      finish();
    }
  };
  worker.onerror = (e) => {
    state.error = `worker: ${e.message}`;
    finish();
  };
  worker.postMessage(plan);
} catch (err) {
  state.error = String(err);
  finish();
}
