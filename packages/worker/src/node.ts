// Node side of @portflow/worker: simulations in worker_threads over comlink, a pool of them,
// and jobs read from scenario files (with `extends` resolved on the main thread, so a worker
// only ever receives plain JSON).
import type { Remote } from 'comlink';
import { wrap } from 'comlink';
import { nodeEndpoint } from './node-endpoint.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolveScenario } from '@portflow/scenario';
import { nodeScenarioLoader } from '@portflow/scenario/node';
import { resolve } from 'node:path';
import type { SimulationJob } from './job.js';
import type { Pool, WorkerHandle } from './pool.js';
import { createPool } from './pool.js';
import type { SimulationSession } from './simulation-session.js';

/** True when this module runs from its TypeScript source (the workspace), false from dist. */
const fromSource = import.meta.url.endsWith('.ts');
let script: Promise<URL> | undefined;

/**
 * The worker script: dist/node-worker.js. From sources (tests, `pnpm portflow`) it is bundled
 * on first use in this process (esbuild, a few hundred ms), so a clean clone needs no build step.
 */
export function nodeWorkerScript(): Promise<URL> {
  script ??= fromSource
    ? import('./bundle-worker.js').then(async (m) => {
        await m.bundleWorker();
        return m.workerBundleUrl;
      })
    : Promise.resolve(new URL('./node-worker.js', import.meta.url));
  return script;
}

/** Starts one simulation worker thread. */
export async function spawnNodeSimulation(): Promise<WorkerHandle & { readonly worker: Worker }> {
  return spawnFrom(await nodeWorkerScript());
}

function spawnFrom(url: URL): WorkerHandle & { readonly worker: Worker } {
  const worker = new Worker(url);
  const died = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new Error(e.message)));
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
  });
  died.catch(() => undefined);
  const api: Remote<SimulationSession> = wrap<SimulationSession>(nodeEndpoint(worker));
  return { api, died, worker, terminate: () => worker.terminate() };
}

export interface NodePoolOptions {
  /** Worker threads (default: available cores). */
  readonly size?: number;
  /** Called with every worker started (for tests and supervision). */
  readonly onSpawn?: (handle: WorkerHandle & { readonly worker: Worker }) => void;
}

/** A pool of worker_threads simulations. */
export async function createNodePool(options: NodePoolOptions = {}): Promise<Pool> {
  const url = await nodeWorkerScript();
  return createPool({
    size: options.size ?? availableParallelism(),
    spawn: () => {
      const h = spawnFrom(url);
      options.onSpawn?.(h);
      return h;
    },
  });
}

/** Reads a scenario file and everything it `extends`; throws an Error listing the issues. */
export async function readScenarioDocument(path: string): Promise<Record<string, unknown>> {
  const resolved = await resolveScenario(resolve(path), nodeScenarioLoader);
  if (!resolved.ok) throw new Error(`${path}: ${resolved.issues.map((i) => (i.file && i.file !== resolve(path) ? `${i.file}: ${i.message}` : i.message)).join('; ')}`);
  return resolved.document;
}

/** Jobs for every (file, seed), files outer, documents read once. */
export async function jobsFor(paths: readonly string[], seeds: readonly (number | string)[], settings: Omit<SimulationJob, 'scenario' | 'path' | 'seed'> = {}): Promise<SimulationJob[]> {
  const jobs: SimulationJob[] = [];
  for (const path of paths) {
    const scenario = await readScenarioDocument(path);
    for (const seed of seeds) jobs.push({ ...settings, scenario, path, seed });
  }
  return jobs;
}
