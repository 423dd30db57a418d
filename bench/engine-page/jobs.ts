// The runs of `pnpm bench:browser` and the messages between its page and Worker. Plain
// JavaScript: engine-browser.ts runs the same jobs in Node.
import type { P1Run } from '../process-workloads.js';
import { timeP1 } from '../process-workloads.js';
import type { StepTiming } from '../workloads.js';
import { bidirectionalCorridor, circleSwap, positions, timeSteps } from '../workloads.js';

/** One run: W1 or W2 with a number of agents, or P1 for a number of simulated hours. */
export type Job = { readonly workload: 'W1' | 'W2'; readonly agents: number } | { readonly workload: 'P1'; readonly hours: number };

/** A finished run: W1/W2 with every agent's final position (see positions), or P1. */
export type JobResult = (StepTiming & { readonly positions: number[] }) | P1Run;

export type WorkerMessage = { readonly kind: 'result'; readonly result: JobResult } | { readonly kind: 'progress'; readonly line: string } | { readonly kind: 'done' } | { readonly kind: 'error'; readonly message: string };

/** Parses "W1:10000,W2:2000,P1:3" (the URL's plan, as engine-browser.ts writes it). */
export function parsePlan(text: string): Job[] {
  return text.split(',').map((item) => {
    const [workload, size] = item.split(':');
    const n = Number(size);
    if (!(n > 0)) throw new Error(`plan item "${item}": a size after the colon`);
    if (workload === 'P1') return { workload, hours: n };
    if (workload === 'W1' || workload === 'W2') return { workload, agents: n };
    throw new Error(`plan item "${item}": W1, W2 or P1`);
  });
}

/** Runs a job: `heap` reads the heap in use (for P1's peak), `progress` gets P1's lines. */
export function runJob(job: Job, hooks: { heap: () => number; progress: (line: string) => void }): JobResult {
  if (job.workload === 'P1') return timeP1(job.hours, hooks);
  const w = (job.workload === 'W1' ? circleSwap : bidirectionalCorridor)(job.agents);
  const r = { ...timeSteps(w), positions: positions(w.sim.agents) };
  hooks.progress(`${r.workload} ${r.agents}: ${(r.agentStepsPerSecond / 1e6).toFixed(2)} M agent-steps/s`);
  return r;
}
