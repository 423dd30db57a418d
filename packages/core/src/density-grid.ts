// Densities over one level on a square grid, sampled periodically (agents plus queued travellers,
// who are not agents), keeping each cell's peak and reporting the worst cell's Fruin level of
// service: the walkway table, or the queueing table on cells a queue path crosses.
import { queueingLevel, walkwayLevel } from './level-of-service.js';
import type { LevelOfService } from './level-of-service.js';
import type { QueuePath } from './queue-path.js';
import type { Geometry } from './geometry.js';
import type { Simulation } from './simulation.js';

/**
 * The cells of a density grid over one level: each cell's walkable area (4 x 4 samples) and
 * whether a queue path crosses it (judged by Fruin's queueing table there). Shared by the
 * engine's DensityGrid and by viewers that colour the floor, so both judge the same cells.
 */
export class DensityCells {
  readonly cell: number;
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly y0: number;
  /** Walkable area of each cell, m^2. */
  readonly area: Float64Array;
  readonly queueCell: Uint8Array;

  constructor(geometry: Geometry, cell: number, queues: readonly QueuePath[]) {
    this.cell = cell;
    const b = geometry.bounds;
    this.x0 = b.minX;
    this.y0 = b.minY;
    this.nx = Math.max(1, Math.ceil((b.maxX - b.minX) / cell));
    this.ny = Math.max(1, Math.ceil((b.maxY - b.minY) / cell));
    const n = this.nx * this.ny;
    this.area = new Float64Array(n);
    this.queueCell = new Uint8Array(n);
    const k = 4;
    for (let j = 0; j < this.ny; j++) {
      for (let i = 0; i < this.nx; i++) {
        let inside = 0;
        for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) if (geometry.contains(this.x0 + (i + (a + 0.5) / k) * cell, this.y0 + (j + (c + 0.5) / k) * cell)) inside++;
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

  /** The cell holding (x, y), clamped to the grid. */
  index(x: number, y: number): number {
    const i = Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cell)));
    const j = Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.cell)));
    return j * this.nx + i;
  }

  /** Cells less than a quarter walkable give unstable densities: they are judged with a neighbour. */
  judged(c: number): boolean {
    return this.area[c]! >= 0.25 * this.cell * this.cell;
  }
}

/** Densities on a square grid over one level, sampled periodically, with the worst cell's LOS. */
export class DensityGrid {
  readonly cell: number;
  private readonly sim: Simulation;
  private readonly cells: DensityCells;
  private readonly counts: Float64Array;
  private readonly peak: Float64Array;

  constructor(sim: Simulation, cell: number, queues: QueuePath[]) {
    this.sim = sim;
    this.cell = cell;
    this.cells = new DensityCells(sim.geometry, cell, queues);
    this.counts = new Float64Array(this.cells.area.length);
    this.peak = new Float64Array(this.cells.area.length);
  }

  clear(): void {
    this.counts.fill(0);
  }

  /** Counts a person who is not an agent (a queued traveller) in this sample. */
  count(x: number, y: number): void {
    this.counts[this.cells.index(x, y)]!++;
  }

  /** Adds the level's agents to the counts and keeps each cell's peak density. */
  sample(): void {
    const a = this.sim.agents;
    const cells = this.cells;
    for (let s = 0; s < a.highWater; s++) if (a.active[s]) this.counts[cells.index(a.x[s]!, a.y[s]!)]!++;
    for (let c = 0; c < this.counts.length; c++) {
      if (!cells.judged(c)) continue;
      const d = this.counts[c]! / cells.area[c]!;
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
      const los = this.cells.queueCell[c] ? queueingLevel(space) : walkwayLevel(space);
      const r = rank(los) * 1000 + this.peak[c]!;
      if (r > bestRank) {
        bestRank = r;
        best = c;
      }
    }
    if (best < 0) return undefined;
    const space = 1 / this.peak[best]!;
    const { queueCell, x0, y0, nx } = this.cells;
    const queueing = queueCell[best] === 1;
    return {
      los: queueing ? queueingLevel(space) : walkwayLevel(space),
      density: this.peak[best]!,
      x: x0 + ((best % nx) + 0.5) * this.cell,
      y: y0 + (Math.floor(best / nx) + 0.5) * this.cell,
      queueing,
    };
  }
}
