// The worker side: one simulation per worker, driven by plain-data calls (comlink exposes an
// instance of this class). Environment-agnostic: no Node or DOM API, so the same object serves
// a browser Web Worker, a worker_threads worker and a MessageChannel in a test.
// Invariant: run() advances in chunks and yields between them, so pause(), cancel(), status()
// and frame() calls are handled while a run is in progress.
import type { PortMetrics, PortSimulation } from '@portflow/core';
import { toSeconds } from '@portflow/core';
import { createScenarioSimulation } from '@portflow/scenario';
import { transfer } from 'comlink';
import type { Frame } from './frame.js';
import { frameHash, writeFrame } from './frame.js';
import type { SimulationJob } from './job.js';
import { jobScenario } from './job.js';

export interface SessionStatus {
  readonly state: 'empty' | 'ready' | 'running' | 'paused' | 'done' | 'cancelled';
  /** Simulated time, s since midnight. */
  readonly time: number;
  readonly start: number;
  readonly end: number;
  readonly spawned: number;
  readonly inSystem: number;
  readonly exited: number;
}

export interface RunOptions {
  /** Simulated seconds between yields to the message loop (default 60). */
  readonly chunk?: number;
}

export interface RunResult {
  readonly cancelled: boolean;
  readonly metrics: PortMetrics;
  /** frameHash() of the final frame. */
  readonly hash: string;
  /** Wall-clock duration of run(), ms. */
  readonly wallMs: number;
}

export const runDefaults = { chunk: 60 } as const;

/** Thrown by calls that need a loaded scenario. */
const NOT_LOADED = 'no scenario loaded: call load(job) first';

export class SimulationSession {
  private sim: PortSimulation | undefined;
  private path = '';
  private end = 0;
  private state: SessionStatus['state'] = 'empty';
  private resumeWaiter: (() => void) | undefined;
  private cancelRequested = false;

  /** Parses the job's scenario and builds its simulation; errors name the scenario's path. */
  load(job: SimulationJob): SessionStatus {
    this.path = job.path ?? 'scenario';
    try {
      const scenario = jobScenario(job);
      this.sim = createScenarioSimulation(scenario, {
        ...(job.seed !== undefined ? { seed: job.seed } : {}),
        ...(job.walking !== undefined ? { walking: job.walking } : {}),
      });
      this.end = toSeconds(scenario.run.end);
    } catch (e) {
      this.sim = undefined;
      this.state = 'empty';
      throw this.wrap(e);
    }
    this.state = 'ready';
    this.cancelRequested = false;
    return this.status();
  }

  /** Advances exactly n steps (for a viewer that owns the clock). */
  step(n = 1): SessionStatus {
    const sim = this.need();
    try {
      for (let k = 0; k < n; k++) sim.step();
    } catch (e) {
      throw this.wrap(e);
    }
    return this.status();
  }

  /** Runs to the scenario's end (or `until`, s since midnight), yielding every chunk. */
  async run(until?: number, options: RunOptions = {}): Promise<RunResult> {
    const sim = this.need();
    const end = until ?? this.end;
    const chunk = options.chunk ?? runDefaults.chunk;
    const t0 = Date.now();
    this.state = 'running';
    try {
      while (sim.time < end - 1e-9) {
        if (this.cancelRequested) break;
        if (this.paused()) await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
        if (this.cancelRequested) break;
        sim.runUntil(Math.min(end, sim.time + chunk));
        // Yield to the message loop so control calls get through between chunks.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    } catch (e) {
      this.state = 'ready';
      throw this.wrap(e);
    }
    const cancelled = this.cancelRequested;
    this.state = cancelled ? 'cancelled' : 'done';
    return { cancelled, metrics: sim.metrics(), hash: frameHash(writeFrame(sim)), wallMs: Date.now() - t0 };
  }

  // A method, not an inline test: pause() changes state while run() awaits, which flow analysis cannot see.
  private paused(): boolean {
    return this.state === 'paused';
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.resumeWaiter?.();
    this.resumeWaiter = undefined;
  }

  /** Stops a run at its next chunk boundary; run() then resolves with cancelled: true. */
  cancel(): void {
    this.cancelRequested = true;
    if (this.state === 'paused') {
      this.resumeWaiter?.();
      this.resumeWaiter = undefined;
    }
  }

  status(): SessionStatus {
    const sim = this.sim;
    if (!sim) return { state: 'empty', time: 0, start: 0, end: 0, spawned: 0, inSystem: 0, exited: 0 };
    return { state: this.state, time: sim.time, start: sim.start, end: this.end, spawned: sim.spawned, inSystem: sim.inSystem, exited: sim.exited };
  }

  /** The metrics now (a plain record). */
  metrics(): PortMetrics {
    return this.need().metrics();
  }

  /** A frame of where every traveller is; its buffer is transferred to the caller, not copied. */
  frame(): Frame {
    const f = writeFrame(this.need());
    return transfer(f, [f.buffer]);
  }

  private need(): PortSimulation {
    if (!this.sim) throw new Error(NOT_LOADED);
    return this.sim;
  }

  /** An error for the caller: the scenario's path and the message, without engine internals. */
  private wrap(e: unknown): Error {
    const message = e instanceof Error ? e.message : String(e);
    return new Error(message.startsWith(this.path) ? message : `${this.path}: ${message}`);
  }
}
