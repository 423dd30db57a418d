// Densities over one level on a square grid, sampled periodically (agents plus queued travellers,
// who are not agents), keeping each cell's peak and reporting the worst cell's Fruin level of
// service: the walkway table, or the queueing table on cells a queue path crosses.
import { queueingLevel, walkwayLevel } from './level-of-service.js';
import type { LevelOfService } from './level-of-service.js';
import type { QueuePath } from './queue-path.js';
import type { Simulation } from './simulation.js';

/** Densities on a square grid over one level, sampled periodically, with the worst cell's LOS. */
export class DensityGrid {
  readonly cell: number;
  private readonly sim: Simulation;
  private readonly nx: number;
  private readonly ny: number;
  private readonly x0: number;
  private readonly y0: number;
  /** Walkable area of each cell, m^2. */
  private readonly area: Float64Array;
  private readonly queueCell: Uint8Array;
  private readonly counts: Float64Array;
  private readonly peak: Float64Array;

  constructor(sim: Simulation, cell: number, queues: QueuePath[]) {
    this.sim = sim;
    this.cell = cell;
    const b = sim.geometry.bounds;
    this.x0 = b.minX;
    this.y0 = b.minY;
    this.nx = Math.max(1, Math.ceil((b.maxX - b.minX) / cell));
    this.ny = Math.max(1, Math.ceil((b.maxY - b.minY) / cell));
    const n = this.nx * this.ny;
    this.area = new Float64Array(n);
    this.queueCell = new Uint8Array(n);
    this.counts = new Float64Array(n);
    this.peak = new Float64Array(n);
    const k = 4;
    for (let j = 0; j < this.ny; j++) {
      for (let i = 0; i < this.nx; i++) {
        let inside = 0;
        for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) if (sim.geometry.contains(this.x0 + (i + (a + 0.5) / k) * cell, this.y0 + (j + (c + 0.5) / k) * cell)) inside++;
        this.area[j * this.nx + i] = (inside / (k * k)) * cell * cell;
      }
    }
    const p = new Float64Array(2);
    for (const q of queues) {
      for (let s = 0; s <= q.length; s += cell / 2) {
        q.pointAt(s, p);
        this.queueCell[this.index(p[0]!, p[1]!)] = 1;
      }
    }
  }

  private index(x: number, y: number): number {
    const i = Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cell)));
    const j = Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.cell)));
    return j * this.nx + i;
  }

  clear(): void {
    this.counts.fill(0);
  }

  /** Counts a person who is not an agent (a queued traveller) in this sample. */
  count(x: number, y: number): void {
    this.counts[this.index(x, y)]!++;
  }

  /** Adds the level's agents to the counts and keeps each cell's peak density. */
  sample(): void {
    const a = this.sim.agents;
    for (let s = 0; s < a.highWater; s++) if (a.active[s]) this.counts[this.index(a.x[s]!, a.y[s]!)]!++;
    for (let c = 0; c < this.counts.length; c++) {
      // Cells less than a quarter walkable give unstable densities: judge them with a neighbour.
      if (this.area[c]! < 0.25 * this.cell * this.cell) continue;
      const d = this.counts[c]! / this.area[c]!;
      if (d > this.peak[c]!) this.peak[c] = d;
    }
  }

  worst(): { los: LevelOfService; density: number; x: number; y: number; queueing: boolean } | undefined {
    let best = -1;
    let bestRank = -1;
    const rank = (l: LevelOfService) => 'ABCDEF'.indexOf(l);
    for (let c = 0; c < this.peak.length; c++) {
      if (this.peak[c]! <= 0) continue;
      const space = 1 / this.peak[c]!;
      const los = this.queueCell[c] ? queueingLevel(space) : walkwayLevel(space);
      const r = rank(los) * 1000 + this.peak[c]!;
      if (r > bestRank) {
        bestRank = r;
        best = c;
      }
    }
    if (best < 0) return undefined;
    const space = 1 / this.peak[best]!;
    const queueing = this.queueCell[best] === 1;
    return {
      los: queueing ? queueingLevel(space) : walkwayLevel(space),
      density: this.peak[best]!,
      x: this.x0 + ((best % this.nx) + 0.5) * this.cell,
      y: this.y0 + (Math.floor(best / this.nx) + 0.5) * this.cell,
      queueing,
    };
  }
}
