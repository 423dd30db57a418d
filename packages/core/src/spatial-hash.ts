// Neighbour search by a uniform cell list, rebuilt every step with a counting sort. Besides the
// cell ranges it keeps cell-ordered copies of the fields the movement model reads for
// neighbours, so the inner loop walks contiguous memory and sees only the previous step's state
// (all agents update from the same snapshot, independent of their order).
import type { AgentStore } from './agent-store.js';
import type { Bounds } from './geometry.js';

export class SpatialHash {
  readonly cellSize: number;
  readonly originX: number;
  readonly originY: number;
  readonly nx: number;
  readonly ny: number;
  /** Agents of cell c are at sorted positions cellStart[c] .. cellStart[c + 1]. */
  readonly cellStart: Int32Array;
  /** Slot of the agent at each sorted position. */
  order = new Int32Array(0);
  sx = new Float64Array(0);
  sy = new Float64Array(0);
  svx = new Float64Array(0);
  svy = new Float64Array(0);
  sex = new Float64Array(0);
  sey = new Float64Array(0);
  sr = new Float64Array(0);
  stogo = new Float64Array(0);
  /** Number of agents indexed. */
  size = 0;
  private cellOfSlot = new Int32Array(0);

  constructor(bounds: Bounds, cellSize: number) {
    this.cellSize = cellSize;
    this.originX = bounds.minX - cellSize;
    this.originY = bounds.minY - cellSize;
    this.nx = Math.ceil((bounds.maxX - this.originX) / cellSize) + 2;
    this.ny = Math.ceil((bounds.maxY - this.originY) / cellSize) + 2;
    this.cellStart = new Int32Array(this.nx * this.ny + 1);
  }

  cellX(x: number): number {
    const i = Math.floor((x - this.originX) / this.cellSize);
    return i < 0 ? 0 : i >= this.nx ? this.nx - 1 : i;
  }

  cellY(y: number): number {
    const j = Math.floor((y - this.originY) / this.cellSize);
    return j < 0 ? 0 : j >= this.ny ? this.ny - 1 : j;
  }

  /** Re-indexes every active agent. Allocates only when the store has grown. */
  build(a: AgentStore): void {
    if (this.order.length < a.capacity) this.resize(a.capacity);
    const start = this.cellStart;
    start.fill(0);
    const n = a.highWater;
    let size = 0;
    for (let s = 0; s < n; s++) {
      if (!a.active[s]) continue;
      const c = this.cellY(a.y[s]!) * this.nx + this.cellX(a.x[s]!);
      this.cellOfSlot[s] = c;
      start[c + 1]!++;
      size++;
    }
    const cells = this.nx * this.ny;
    for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
    // Fill back to front, decrementing the end pointers, so the pass leaves cellStart intact.
    const cursor = start;
    for (let s = n - 1; s >= 0; s--) {
      if (!a.active[s]) continue;
      const c = this.cellOfSlot[s]!;
      const p = --cursor[c + 1]!;
      this.order[p] = s;
      this.sx[p] = a.x[s]!;
      this.sy[p] = a.y[s]!;
      this.svx[p] = a.vx[s]!;
      this.svy[p] = a.vy[s]!;
      this.sex[p] = a.ex[s]!;
      this.sey[p] = a.ey[s]!;
      this.sr[p] = a.radius[s]!;
      this.stogo[p] = a.togo[s]!;
    }
    // After the fill, cursor[c + 1] holds the start of cell c; shift back into place.
    for (let c = 0; c < cells; c++) start[c] = start[c + 1]!;
    start[cells] = size;
    this.size = size;
  }

  private resize(capacity: number): void {
    this.order = new Int32Array(capacity);
    this.sx = new Float64Array(capacity);
    this.sy = new Float64Array(capacity);
    this.svx = new Float64Array(capacity);
    this.svy = new Float64Array(capacity);
    this.sex = new Float64Array(capacity);
    this.sey = new Float64Array(capacity);
    this.sr = new Float64Array(capacity);
    this.stogo = new Float64Array(capacity);
    this.cellOfSlot = new Int32Array(capacity);
  }
}
