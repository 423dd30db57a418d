// Several seeds of both scenarios for the KPI table: (scenario, seed) jobs run to the end on the
// @portflow/worker pool, each worker a SimulationSession in a module Web Worker. Run k of A and
// run k of B share seed `first + k`, so B - A can be paired by seed. The page's own two runs
// (the 3D views) are separate; they show the first seed.
import type { PortMetrics } from '@portflow/core';
import type { SimulationJob, SimulationSession, WorkerHandle } from '@portflow/worker';
import { createPool } from '@portflow/worker';
import { wrap } from 'comlink';

export interface ReplicationScenario {
  /** The scenario with `extends` resolved (plain JSON). */
  readonly document: Record<string, unknown>;
  readonly path: string;
}

export interface ReplicationRequest {
  readonly a: ReplicationScenario;
  readonly b: ReplicationScenario;
  /** First seed; runs use first .. first + n - 1. */
  readonly first: number;
  readonly n: number;
  /** End of every run ("HH:MM"), as the views' runs. */
  readonly to?: string;
  /** Workers at most. Default: the cores less the two the views' runs use, at least 2. */
  readonly workers?: number;
  /** After each finished run. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type ReplicationResult =
  | { readonly ok: true; readonly seeds: readonly number[]; readonly runs: readonly { readonly a: PortMetrics; readonly b: PortMetrics }[] }
  | { readonly ok: false; readonly error: string };

function spawnSession(): WorkerHandle {
  const worker = new Worker(new URL('./session-worker.ts', import.meta.url), { type: 'module', name: 'replication' });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'the worker failed to start')));
  });
  // A death while the worker is idle must not surface as an unhandled rejection.
  died.catch(() => undefined);
  return { api: wrap<SimulationSession>(worker), died, terminate: () => worker.terminate() };
}

/** Jobs A(first), B(first), A(first + 1), B(first + 1), ...: pairs finish close together. */
export function replicationJobs(r: Pick<ReplicationRequest, 'a' | 'b' | 'first' | 'n' | 'to'>): SimulationJob[] {
  const jobs: SimulationJob[] = [];
  for (let k = 0; k < r.n; k++) {
    for (const s of [r.a, r.b]) jobs.push({ scenario: s.document, path: s.path, seed: r.first + k, ...(r.to ? { to: r.to } : {}) });
  }
  return jobs;
}

/** Starts the runs; `cancel()` terminates the workers (the result then never settles). */
export function runReplications(r: ReplicationRequest): { readonly result: Promise<ReplicationResult>; cancel(): void } {
  const jobs = replicationJobs(r);
  const cores = globalThis.navigator?.hardwareConcurrency || 2;
  const pool = createPool({ size: Math.min(jobs.length, r.workers ?? Math.max(2, cores - 2)), spawn: spawnSession });
  const result = pool.run(jobs, { onOutcome: (_, done, total) => r.onProgress?.(done, total) }).then((outcomes): ReplicationResult => {
    void pool.close();
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) return { ok: false, error: failed.error };
    const metrics = outcomes.map((o) => (o.ok ? o.metrics : undefined)).filter((m): m is PortMetrics => m !== undefined);
    const seeds = Array.from({ length: r.n }, (_, k) => r.first + k);
    return { ok: true, seeds, runs: seeds.map((_, k) => ({ a: metrics[2 * k]!, b: metrics[2 * k + 1]! })) };
  });
  return { result, cancel: () => void pool.close() };
}
