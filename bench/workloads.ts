// The standard engine workloads W1 (circle swap) and W2 (bidirectional corridor), defined
// exactly as in issue 2 so that figures compare with other engines measured on this machine:
// agent radius 0.2 m, desired speed 1.34 m/s, single thread, set-up outside the timed loop.
import type { Simulation } from '@portflow/core';
import { createSimulation, portableMath } from '@portflow/core';

export interface Workload {
  readonly name: 'W1' | 'W2';
  readonly agents: number;
  readonly steps: number;
  readonly sim: Simulation;
  /** Work the workload itself needs after each step (W2's re-entry), timed with the step. */
  readonly afterStep: () => void;
}

/** Step-time figures of one workload run (see timeSteps). */
export interface StepTiming {
  workload: string;
  agents: number;
  steps: number;
  dt: number;
  agentStepsPerSecond: number;
  msPerStep: { median: number; p95: number };
  simSecondsPerWallSecond: number;
}

/** Steps after which the timing starts: V8 has compiled the hot loops by then. */
export const WARMUP_STEPS = 20;

/**
 * Runs a workload to its end, timing every step (with its afterStep) and summing those after
 * the warm-up. Plain JavaScript, so Node and the browser page of `pnpm bench:browser` time alike.
 */
export function timeSteps(w: Workload): StepTiming {
  const times: number[] = [];
  for (let s = 0; s < w.steps; s++) {
    const t0 = performance.now();
    w.sim.step();
    w.afterStep();
    times.push(performance.now() - t0);
  }
  const timed = times.slice(WARMUP_STEPS);
  const total = timed.reduce((a, b) => a + b, 0);
  return {
    workload: w.name,
    agents: w.agents,
    steps: w.steps,
    dt: w.sim.dt,
    agentStepsPerSecond: (w.agents * timed.length) / (total / 1000),
    msPerStep: medianAndP95(timed),
    simSecondsPerWallSecond: (w.sim.dt * timed.length) / (total / 1000),
  };
}

/** Median and 95th percentile of step times, ms (nearest rank). */
export function medianAndP95(times: readonly number[]): { median: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]! };
}

/** Positions of every active agent (x, y in slot order), to tell whether two runs are the same to the bit. */
export function positions(agents: { highWater: number; active: Uint8Array; x: Float64Array; y: Float64Array }): number[] {
  const out: number[] = [];
  for (let s = 0; s < agents.highWater; s++) if (agents.active[s]) out.push(agents.x[s]!, agents.y[s]!);
  return out;
}

/** The same positions to the bit (Object.is: -0 is not 0). */
export const samePositions = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));

const RADIUS = 0.2;
const SPEED = 1.34;

/**
 * W1 circle swap: N agents on a sunflower pattern in a disk of radius R = 0.8 sqrt(N) m,
 * r_i = R sqrt((i + 0.5) / N), theta_i = i pi (3 - sqrt(5)), each walking to (-x, -y).
 * `create`: the engine to build it with (ab.ts passes another revision's).
 */
export function circleSwap(agents: number, seed = 1, create: typeof createSimulation = createSimulation): Workload {
  const R = 0.8 * Math.sqrt(agents);
  const m = R + 2;
  const sim = create({ geometry: { outline: [[-m, -m], [m, -m], [m, m], [-m, m]] }, seed, capacity: agents });
  for (let i = 0; i < agents; i++) {
    const r = R * Math.sqrt((i + 0.5) / agents);
    const theta = i * Math.PI * (3 - Math.sqrt(5));
    // The engine's own cos and sin (Math.cos differs in the last bit between Node 20 and
    // Chromium), so that `pnpm bench:browser` runs the very same workload in both.
    const x = r * portableMath.cos(theta);
    const y = r * portableMath.sin(theta);
    const target = sim.addTarget({ kind: 'point', x: -x, y: -y, radius: 0.1 });
    sim.addAgent({ x, y, target, desiredSpeed: SPEED, radius: RADIUS, onArrival: 'hold' });
  }
  return { name: 'W1', agents, steps: 200, sim, afterStep: () => {} };
}

/**
 * W2 bidirectional corridor: 10 m wide, length 100 m for N = 2,000 and 1,000 m for N = 20,000
 * (2 persons/m^2), agents uniformly at random, half heading east and half west; each one that
 * reaches its end re-enters at its start end. `create` as for circleSwap.
 */
export function bidirectionalCorridor(agents: number, seed = 1, create: typeof createSimulation = createSimulation): Workload {
  const width = 10;
  const length = agents / (2 * width);
  const sim = create({ geometry: { outline: [[0, 0], [length, 0], [length, width], [0, width]] }, seed, capacity: agents });
  const east = sim.addTarget({ kind: 'line', from: [length - 0.5, 0], to: [length - 0.5, width], reach: 0.1 });
  const west = sim.addTarget({ kind: 'line', from: [0.5, 0], to: [0.5, width], reach: 0.1 });
  const rnd = sim.random;
  const margin = RADIUS + 0.05;
  for (let i = 0; i < agents; i++) {
    const x = 0.6 + rnd.uniform() * (length - 1.2);
    const y = margin + rnd.uniform() * (width - 2 * margin);
    sim.addAgent({ x, y, target: i % 2 === 0 ? east : west, desiredSpeed: SPEED, radius: RADIUS, onArrival: 'report' });
  }
  const a = sim.agents;
  const afterStep = (): void => {
    for (let k = 0; k < sim.arrivalCount; k++) {
      const slot = sim.arrivals[k]!;
      const x = a.target[slot] === east ? 0.6 : length - 0.6;
      sim.moveAgent(slot, x, a.y[slot]!);
    }
  };
  return { name: 'W2', agents, steps: 300, sim, afterStep };
}
