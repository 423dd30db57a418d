// Measurements on a running simulation, kept apart from the model (validation.md general
// conventions): density and speed in a rectangle (classical method), crossing times of a line and
// the steady flow from the cumulative N-t curve, overlap of bodies, plain statistics. Test-only.
import type { Simulation } from '../index.js';
import type { Region } from './placement.js';

export interface RectangleSample {
  /** Agents whose centre lies in the rectangle. */
  readonly count: number;
  /** count / area, P/m^2. */
  readonly density: number;
  /** Sum of the agents' speeds |v| and of their x velocities, m/s (divide by count for means). */
  readonly speedSum: number;
  readonly vxSum: number;
}

/** Counts the active agents in `r` (optionally only those `include` accepts) and sums their speeds. */
export function sampleRectangle(sim: Simulation, r: Region, include?: (slot: number) => boolean): RectangleSample {
  const a = sim.agents;
  let count = 0, speedSum = 0, vxSum = 0;
  for (let i = 0; i < a.highWater; i++) {
    if (!a.active[i]) continue;
    const x = a.x[i]!, y = a.y[i]!;
    if (x < r.x0 || x >= r.x1 || y < r.y0 || y >= r.y1) continue;
    if (include && !include(i)) continue;
    count++;
    speedSum += Math.hypot(a.vx[i]!, a.vy[i]!);
    vxSum += a.vx[i]!;
  }
  return { count, density: count / ((r.x1 - r.x0) * (r.y1 - r.y0)), speedSum, vxSum };
}

/**
 * Records, once per agent id, the time its centre first crosses the vertical line x = `x` in
 * the +x direction, interpolated linearly within the step. Call observe() after every step.
 */
export class CrossingCounter {
  readonly x: number;
  /** Crossing times, s, in order. */
  readonly times: number[] = [];
  private lastX = new Float64Array(0);
  private seenStep = new Int32Array(0);
  private crossed = new Uint8Array(0);

  constructor(x: number) {
    this.x = x;
  }

  observe(sim: Simulation): void {
    const a = sim.agents;
    if (this.lastX.length < sim.spawned) this.grow(sim.spawned * 2);
    const step = sim.stepCount;
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i]) continue;
      const id = a.id[i]!, x = a.x[i]!;
      // An agent seen in the previous step has a previous position; a new one has none.
      if (this.seenStep[id] === step - 1 && !this.crossed[id]) {
        const x0 = this.lastX[id]!;
        if (x0 < this.x && x >= this.x) {
          this.crossed[id] = 1;
          this.times.push(sim.time - sim.dt * ((x - this.x) / (x - x0)));
        }
      }
      this.lastX[id] = x;
      this.seenStep[id] = step;
    }
  }

  private grow(n: number): void {
    const lastX = new Float64Array(n), seen = new Int32Array(n).fill(-2), crossed = new Uint8Array(n);
    lastX.set(this.lastX);
    seen.set(this.seenStep);
    crossed.set(this.crossed);
    this.lastX = lastX;
    this.seenStep = seen;
    this.crossed = crossed;
  }
}

/**
 * Steady flow J, P/s, from sorted crossing times: drop the first and last `trim` fraction of
 * crossings and take dN/dt of the rest (validation.md general conventions; 3.4). NaN when fewer
 * than 10 crossings remain.
 */
export function steadyFlow(times: readonly number[], trim = 0.1): number {
  const n = times.length;
  const k0 = Math.floor(n * trim), k1 = n - 1 - Math.floor(n * trim);
  if (k1 - k0 < 10) return NaN;
  return (k1 - k0) / (times[k1]! - times[k0]!);
}

/**
 * Largest interpenetration r_i + r_j - |x_i - x_j| over all pairs of active agents, m (0 when no
 * two bodies touch). Sort-and-sweep along x: O(n log n) for a crowd.
 */
export function maxOverlap(sim: Simulation): number {
  const a = sim.agents;
  const slots: number[] = [];
  let rMax = 0;
  for (let i = 0; i < a.highWater; i++) {
    if (!a.active[i]) continue;
    slots.push(i);
    if (a.radius[i]! > rMax) rMax = a.radius[i]!;
  }
  slots.sort((p, q) => a.x[p]! - a.x[q]!);
  let worst = 0;
  for (let p = 0; p < slots.length; p++) {
    const i = slots[p]!;
    for (let q = p + 1; q < slots.length; q++) {
      const j = slots[q]!;
      if (a.x[j]! - a.x[i]! > 2 * rMax) break;
      const overlap = a.radius[i]! + a.radius[j]! - Math.hypot(a.x[j]! - a.x[i]!, a.y[j]! - a.y[i]!);
      if (overlap > worst) worst = overlap;
    }
  }
  return worst;
}

export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1));
}
