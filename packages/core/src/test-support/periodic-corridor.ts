// A periodic straight corridor for fundamental-diagram tests (validation.md R-04, 3.1): the
// engine has no periodic boundary, so it is emulated. Walkers live in x in [0, L); one reaching
// x = L (an arrival at a 'report' line target) is moved back by L with sim.moveAgent. Moving back
// alone would leave the walkers near x = L with free space ahead (they would accelerate, and the
// corridor would turn into a queue discharging into the open), so every walker also has an image
// at (x + L, y): a held agent in the extension [L, 2L) whose position, velocity and orientation
// are copied from its walker after every step. The movement model only looks ahead (neighbours
// behind an agent neither steer it nor limit its speed), so walkers see exactly what they would
// see on a ring of length L. Test-only.
import type { Random, Simulation } from '../index.js';
import { createSimulation } from '../index.js';
import { scatter } from './placement.js';
import { rectangle } from './shapes.js';

export interface PeriodicCorridorOptions {
  /** Period L, m. */
  readonly length: number;
  readonly width: number;
  /** Walkers per m^2 of the period (count = round(density L width)). */
  readonly density: number;
  readonly seed: string | number;
  /** Desired speed of each walker, m/s. */
  readonly speed: (random: Random) => number;
}

/** Centre-to-centre gap of the initial placement: two radii (0.2 m) and the 0.02 m lane buffer. */
const GAP = 0.42;
/** Initial centres keep this clearance from the side walls, m (a radius and a little). */
const MARGIN = 0.25;
/**
 * Random sequential placement jams near 3.9 P/m^2 of the usable strip for this gap; up to 3 P/m^2
 * it is quick and unbiased. Denser corridors start from a jittered triangular lattice.
 */
const RANDOM_PLACEMENT_MAX = 3;

export class PeriodicCorridor {
  readonly sim: Simulation;
  readonly length: number;
  readonly width: number;
  /** Slots of the walkers and of their images (same order). */
  readonly walkers: Int32Array;
  readonly images: Int32Array;

  constructor(o: PeriodicCorridorOptions) {
    const L = o.length, W = o.width;
    this.length = L;
    this.width = W;
    const sim = createSimulation({ geometry: { outline: rectangle(0, 0, 2 * L, W) }, seed: o.seed });
    this.sim = sim;
    // Reached when the centre is within 0.3 m of x = L + 0.3, i.e. from x = L on.
    const end = sim.addTarget({ kind: 'line', from: [L + 0.3, 0], to: [L + 0.3, W], reach: 0.3 });
    const n = Math.round(o.density * L * W);
    const xy = initialPositions(sim.random, n, L, W);
    this.walkers = new Int32Array(n);
    this.images = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      this.walkers[k] = sim.addAgent({ x: xy[2 * k]!, y: xy[2 * k + 1]!, target: end, desiredSpeed: o.speed(sim.random), onArrival: 'report' });
    }
    for (let k = 0; k < n; k++) {
      const image = sim.addAgent({ x: xy[2 * k]! + L, y: xy[2 * k + 1]!, target: end, desiredSpeed: 1 });
      sim.hold(image);
      this.images[k] = image;
    }
    this.syncImages();
  }

  /** One simulation step, then the wrap-around and the image update. */
  step(): void {
    const sim = this.sim;
    sim.step();
    const a = sim.agents;
    for (let k = 0; k < sim.arrivalCount; k++) {
      const s = sim.arrivals[k]!;
      sim.moveAgent(s, Math.max(a.x[s]! - this.length, 1e-9), a.y[s]!);
    }
    this.syncImages();
  }

  private syncImages(): void {
    const a = this.sim.agents;
    for (let k = 0; k < this.walkers.length; k++) {
      const w = this.walkers[k]!, g = this.images[k]!;
      a.x[g] = a.x[w]! + this.length;
      a.y[g] = a.y[w]!;
      a.vx[g] = a.vx[w]!;
      a.vy[g] = a.vy[w]!;
      a.ex[g] = a.ex[w]!;
      a.ey[g] = a.ey[w]!;
    }
  }
}

function initialPositions(random: Random, n: number, L: number, W: number): Float64Array {
  const usable = W - 2 * MARGIN;
  if (n / (L * usable) <= RANDOM_PLACEMENT_MAX) {
    return scatter(random, n, { x0: 0, y0: MARGIN, x1: L, y1: W - MARGIN }, GAP, { periodX: L });
  }
  // Triangular lattice: the number of rows that makes the smallest spacing largest.
  let rows = 1, best = 0;
  for (let k = 2; k <= 20; k++) {
    const spacing = Math.min(L / Math.ceil(n / k), usable / (k - 1));
    if (spacing > best) {
      best = spacing;
      rows = k;
    }
  }
  if (best < GAP) throw new Error(`periodic corridor: ${n} walkers do not fit in ${L} x ${W} m`);
  const perRow = Math.ceil(n / rows), dx = L / perRow;
  const xy = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const row = k % rows, col = Math.floor(k / rows);
    const jitter = () => (random.uniform() - 0.5) * 0.02;
    const x = (col + 0.5 + (row % 2) * 0.5) * dx + jitter();
    xy[2 * k] = ((x % L) + L) % L;
    xy[2 * k + 1] = MARGIN + (row * usable) / (rows - 1) + jitter();
  }
  return xy;
}
