// Neighbour search by a uniform cell list, rebuilt every step by sorting the occupied cells. Besides the
// cell ranges it keeps cell-ordered copies of the fields the movement model reads for
// neighbours, so the inner loop walks contiguous memory and sees only the previous step's state
// (all agents update from the same snapshot, independent of their order).
import type { AgentStore } from './agent-store.js';
import type { Bounds } from './geometry.js';

/** The hash sets every cell's start when at least one cell in this many is occupied (see `dense`). */
const DENSE_FRACTION = 16;

export class SpatialHash {
  readonly cellSize: number;
  readonly originX: number;
  readonly originY: number;
  readonly nx: number;
  readonly ny: number;
  /**
   * Cell c holds agents this step when mark[c] === stamp; they are at sorted positions
   * cellStart[c] .. cellStart[c] + cellCount[c]. When `dense`, every cell's start is set, empty
   * or not (cellStart[c + 1] ends cell c, one entry more than the cells), so the agents of a run
   * of cells are cellStart[first] .. cellStart[last + 1] with no search. Otherwise other cells
   * are empty whatever their numbers say: the build touches only occupied cells, so an 800 m
   * level with a few hundred agents costs what its agents cost, not what its 100,000 cells would.
   */
  dense = false;
  readonly mark: Uint32Array;
  readonly cellStart: Int32Array;
  readonly cellCount: Int32Array;
  stamp = 0;
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
  /** Result of span(): sorted positions spanFrom .. spanTo. */
  spanFrom = 0;
  spanTo = 0;
  private cellOfSlot = new Int32Array(0);
  /** Occupied cells of this step, sorted ascending in build(). */
  private occupied = new Int32Array(0);
  private radixScratch = new Int32Array(0);
  /** Radix sort of cell indices: digits of radixDigit bits, radixBits in all (two passes at most for 4M cells). */
  private readonly radixDigit: number;
  private readonly radixBits: number;
  private readonly radixBuckets: Int32Array;

  constructor(bounds: Bounds, cellSize: number) {
    this.cellSize = cellSize;
    this.originX = bounds.minX - cellSize;
    this.originY = bounds.minY - cellSize;
    this.nx = Math.ceil((bounds.maxX - this.originX) / cellSize) + 2;
    this.ny = Math.ceil((bounds.maxY - this.originY) / cellSize) + 2;
    this.mark = new Uint32Array(this.nx * this.ny);
    this.cellStart = new Int32Array(this.nx * this.ny + 1);
    this.cellCount = new Int32Array(this.nx * this.ny);
    // ceil(log2(cells)) in integers (Math.log2 is not the same to the last bit everywhere).
    this.radixBits = Math.max(1, 32 - Math.clz32(this.nx * this.ny - 1));
    this.radixDigit = Math.ceil(this.radixBits / Math.ceil(this.radixBits / 11));
    this.radixBuckets = new Int32Array(1 << this.radixDigit);
  }

  cellX(x: number): number {
    const i = Math.floor((x - this.originX) / this.cellSize);
    return i < 0 ? 0 : i >= this.nx ? this.nx - 1 : i;
  }

  cellY(y: number): number {
    const j = Math.floor((y - this.originY) / this.cellSize);
    return j < 0 ? 0 : j >= this.ny ? this.ny - 1 : j;
  }

  /**
   * Finds the agents of cells c0..c1 (inclusive) of one row, which are contiguous in the sorted
   * order: sets spanFrom, spanTo and returns false when there are none.
   */
  span(row: number, c0: number, c1: number): boolean {
    if (this.dense) {
      this.spanFrom = this.cellStart[row + c0]!;
      this.spanTo = this.cellStart[row + c1 + 1]!;
      return this.spanTo > this.spanFrom;
    }
    const mark = this.mark, stamp = this.stamp;
    let a = row + c0, b = row + c1;
    while (a <= b && mark[a] !== stamp) a++;
    if (a > b) return false;
    while (mark[b] !== stamp) b--;
    this.spanFrom = this.cellStart[a]!;
    this.spanTo = this.cellStart[b]! + this.cellCount[b]!;
    return true;
  }

  /**
   * Re-indexes every active agent. Allocates only when the store has grown. Each loop is a
   * method of its own that ends with the loop: V8 compiles a long loop while it runs (on-stack
   * replacement) together with the rest of its function as far as it had run then, and code
   * after the loop that had not yet run when the first, already large, step was compiled would
   * bail out of that compiled loop on every later step (W1 at 10,000 agents: 1 run in 2).
   */
  build(a: AgentStore): void {
    if (this.order.length < a.capacity) this.resize(a.capacity);
    // A new stamp empties every cell at once (a wrap after 2^32 steps clears the marks).
    if (++this.stamp === 0x1_0000_0000) {
      this.mark.fill(0);
      this.stamp = 1;
    }
    const cells = this.bin(a);
    // A pass over every cell costs about a tenth of sorting one occupied cell and saves the pair
    // loop its searches for occupied cells: worth it when at least one cell in DENSE_FRACTION is
    // occupied. Speed only, not results, depends on the choice.
    this.dense = this.nx * this.ny <= DENSE_FRACTION * cells;
    let sorted: Int32Array = this.occupied;
    if (this.dense) {
      this.size = this.startAll();
    } else {
      // Cells in ascending order, so the cells of a row are contiguous in the sorted order.
      sorted = this.sortOccupied(cells);
      this.size = this.startCells(sorted, cells);
    }
    this.fill(a);
    this.rewindCells(sorted, cells);
  }

  /** Marks each agent's cell and counts its agents; returns the number of occupied cells. */
  private bin(a: AgentStore): number {
    const { mark, cellCount, occupied, cellOfSlot, stamp, nx } = this;
    const n = a.highWater;
    let cells = 0;
    for (let s = 0; s < n; s++) {
      if (!a.active[s]) continue;
      const c = this.cellY(a.y[s]!) * nx + this.cellX(a.x[s]!);
      cellOfSlot[s] = c;
      if (mark[c] !== stamp) {
        mark[c] = stamp;
        cellCount[c] = 0;
        occupied[cells++] = c;
      }
      cellCount[c]!++;
    }
    return cells;
  }

  /** Sets each occupied cell's start to the sum of the counts before it; returns the number of agents. */
  private startCells(sorted: Int32Array, cells: number): number {
    const { cellStart, cellCount } = this;
    let p = 0;
    for (let k = 0; k < cells; k++) {
      const c = sorted[k]!;
      cellStart[c] = p;
      p += cellCount[c]!;
    }
    return p;
  }

  /** Sets every cell's start (empty or not) to the sum of the counts before it; returns the number of agents. */
  private startAll(): number {
    const { cellStart, cellCount, mark, stamp } = this;
    const n = this.nx * this.ny;
    let p = 0;
    for (let c = 0; c < n; c++) {
      cellStart[c] = p;
      // Without a branch (whether a cell is occupied is a coin toss to the processor); an
      // empty cell's count is stale but an integer, times 0.
      p += +(mark[c] === stamp) * cellCount[c]!;
    }
    cellStart[n] = p;
    return p;
  }

  /** Steps each occupied cell's start back after fill() has bumped it by its count. */
  private rewindCells(sorted: Int32Array, cells: number): void {
    const { cellStart, cellCount } = this;
    for (let k = 0; k < cells; k++) cellStart[sorted[k]!]! -= cellCount[sorted[k]!]!;
  }

  /** Copies each agent into its cell's next sorted position (in slot order), bumping the cell's start. */
  private fill(a: AgentStore): void {
    const { cellStart, cellOfSlot, order, sx, sy, svx, svy, sex, sey, sr, stogo } = this;
    const n = a.highWater;
    for (let s = 0; s < n; s++) {
      if (!a.active[s]) continue;
      const q = cellStart[cellOfSlot[s]!]!++;
      order[q] = s;
      sx[q] = a.x[s]!;
      sy[q] = a.y[s]!;
      svx[q] = a.vx[s]!;
      svy[q] = a.vy[s]!;
      sex[q] = a.ex[s]!;
      sey[q] = a.ey[s]!;
      sr[q] = a.radius[s]!;
      stogo[q] = a.togo[s]!;
    }
  }

  /** Sorts occupied[0 .. m) ascending by a least-significant-digit radix sort; returns the sorted buffer. */
  private sortOccupied(m: number): Int32Array {
    let from = this.occupied, to = this.radixScratch;
    const buckets = this.radixBuckets;
    const mask = buckets.length - 1;
    for (let shift = 0; shift < this.radixBits; shift += this.radixDigit) {
      buckets.fill(0);
      for (let k = 0; k < m; k++) buckets[(from[k]! >> shift) & mask]!++;
      let sum = 0;
      for (let b = 0; b <= mask; b++) {
        const c = buckets[b]!;
        buckets[b] = sum;
        sum += c;
      }
      for (let k = 0; k < m; k++) {
        const v = from[k]!;
        to[buckets[(v >> shift) & mask]!++] = v;
      }
      const t = from;
      from = to;
      to = t;
    }
    return from;
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
    this.occupied = new Int32Array(capacity);
    this.radixScratch = new Int32Array(capacity);
  }
}
