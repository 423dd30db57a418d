// Runs (file, seed) jobs for compare and sweep: across worker threads through the pool, or on
// this thread when asked (--workers 1) or when no worker can start. Outcomes come back in job
// order; a failed job is an outcome with its error, never an exception.
import { createScenarioSimulation } from '@portflow/scenario';
import type { JobOutcome, SimulationJob } from '@portflow/worker';
import { frameHash, jobScenario, writeFrame } from '@portflow/worker';
import { createNodePool } from '@portflow/worker/node';
import type { Io } from './io.js';
import { progressBar } from './format.js';

export interface ReplicateOptions {
  /** Worker threads; 1 runs on this thread. */
  readonly workers: number;
  readonly progress: boolean;
}

export async function replicate(jobs: readonly SimulationJob[], options: ReplicateOptions, io: Io): Promise<JobOutcome[]> {
  const report = (done: number) => {
    if (options.progress) io.err(`\r${progressBar(done / jobs.length, `${done}/${jobs.length} runs`)}`);
  };
  let outcomes: JobOutcome[] | undefined;
  if (options.workers > 1 && jobs.length > 1) {
    try {
      const pool = await createNodePool({ size: Math.min(options.workers, jobs.length) });
      try {
        outcomes = await pool.run(jobs, { onOutcome: (_, done) => report(done) });
      } finally {
        await pool.close();
      }
    } catch (e) {
      io.err(`portflow: worker threads unavailable (${(e as Error).message}); running on one thread\n`);
    }
  }
  if (!outcomes) {
    outcomes = [];
    for (const [index, job] of jobs.entries()) {
      outcomes.push(runHere(job, index));
      report(index + 1);
    }
  }
  if (options.progress) io.err(`\r${' '.repeat(60)}\r`);
  return outcomes;
}

function runHere(job: SimulationJob, index: number): JobOutcome {
  const t0 = performance.now();
  try {
    const scenario = jobScenario(job);
    const sim = createScenarioSimulation(scenario, { ...(job.seed !== undefined ? { seed: job.seed } : {}), ...(job.walking !== undefined ? { walking: job.walking } : {}) });
    sim.runUntil(scenario.run.end);
    return { ok: true, index, job, cancelled: false, metrics: sim.metrics(), hash: frameHash(writeFrame(sim)), wallMs: performance.now() - t0 };
  } catch (e) {
    return { ok: false, index, job, error: `job ${index} (${job.path ?? 'scenario'}, seed ${job.seed ?? 'default'}): ${(e as Error).message}` };
  }
}
