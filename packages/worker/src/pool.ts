// A pool of simulation workers that runs (scenario, seed) jobs across cores. Environment-agnostic:
// it is given a `spawn` that starts one worker (worker_threads in node.ts, a Web Worker in a
// browser). Invariants: each worker runs one job at a time; a worker that dies (exits, crashes,
// is terminated) fails only the job it was running, with that job's index and path in the
// error, and is replaced; results come back in job order.
import type { Remote } from 'comlink';
import type { SimulationJob } from './job.js';
import type { RunResult, SimulationSession } from './simulation-session.js';

export interface WorkerHandle {
  readonly api: Remote<SimulationSession>;
  /** Rejects with the reason when the worker dies; never resolves. */
  readonly died: Promise<never>;
  terminate(): void | Promise<unknown>;
}

export type JobOutcome =
  | ({ readonly ok: true; readonly index: number; readonly job: SimulationJob } & RunResult)
  | { readonly ok: false; readonly index: number; readonly job: SimulationJob; readonly error: string };

export interface PoolOptions {
  /** Workers at most (default 2). */
  readonly size?: number;
  readonly spawn: () => WorkerHandle;
}

export interface RunJobsOptions {
  /** Called as each job finishes (in completion order). */
  readonly onOutcome?: (outcome: JobOutcome, done: number, total: number) => void;
}

export interface Pool {
  /** Runs every job; resolves with one outcome per job, in job order (failures included, never rejects). */
  run(jobs: readonly SimulationJob[], options?: RunJobsOptions): Promise<JobOutcome[]>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

export const poolDefaults = { size: 2 } as const;

export function createPool(options: PoolOptions): Pool {
  const size = Math.max(1, options.size ?? poolDefaults.size);
  const idle: WorkerHandle[] = [];
  const all = new Set<WorkerHandle>();
  const dead = new WeakSet<WorkerHandle>();

  const take = (): WorkerHandle => {
    const w = idle.pop();
    if (w) return w;
    const h = options.spawn();
    // A death noticed while idle must not surface as an unhandled rejection.
    h.died.catch(() => dead.add(h));
    all.add(h);
    return h;
  };
  const discard = (h: WorkerHandle) => {
    all.delete(h);
    void h.terminate();
  };

  const runOne = async (job: SimulationJob, index: number): Promise<JobOutcome> => {
    const h = take();
    try {
      const result = await Promise.race([
        (async () => {
          await h.api.load(job);
          return h.api.run();
        })(),
        h.died,
      ]);
      idle.push(h);
      return { ok: true, index, job, ...result };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // The handler registered in take() ran before this one, so `dead` is up to date.
      const died = dead.has(h);
      if (died) discard(h);
      else idle.push(h);
      const where = job.path ?? 'scenario';
      const text = message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message;
      return { ok: false, index, job, error: `job ${index} (${where}, seed ${job.seed ?? 'default'}): ${died ? 'worker died: ' : ''}${text}` };
    }
  };

  return {
    async run(jobs, runOptions = {}) {
      const outcomes: JobOutcome[] = [];
      let next = 0, done = 0;
      const lane = async () => {
        while (next < jobs.length) {
          const i = next++;
          const outcome = await runOne(jobs[i]!, i);
          outcomes[i] = outcome;
          runOptions.onOutcome?.(outcome, ++done, jobs.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, lane));
      return outcomes;
    },
    async close() {
      const handles = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(handles.map((h) => h.terminate()));
    },
  };
}
