// The Worker of `pnpm bench:browser`: runs the plan it is sent, one workload after another, as
// bench/engine.ts and bench/process.ts run them in Node, and posts each result.
import type { Job, WorkerMessage } from './jobs.js';
import { runJob } from './jobs.js';

const post = (m: WorkerMessage): void => postMessage(m);
/** Chromium's heap in use (performance.memory is Chromium's own; absent elsewhere: 0). */
const heap = (): number => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

onmessage = (e: MessageEvent<Job[]>) => {
  try {
    for (const job of e.data) post({ kind: 'result', result: runJob(job, { heap, progress: (line) => post({ kind: 'progress', line }) }) });
    post({ kind: 'done' });
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};
