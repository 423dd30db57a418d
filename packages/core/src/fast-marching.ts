// Distance fields by the fast marching method (Sethian 1996, PNAS 93:1591) with second-order
// upwind differences where the upwind neighbours allow (Sethian 1999, "Level Set Methods and
// Fast Marching Methods", sec. 8.3), starting from an exact Euclidean band around the whole
// target shape. Invariant: values are walking costs in metres (>= geodesic distance), Infinity
// where the target cannot be reached; directions are unit vectors of steepest descent.
import type { NavigationGrid } from './navigation-grid.js';
import { linked } from './navigation-grid.js';
import type { CompiledTarget } from './target.js';
import { distanceToShape } from './target.js';

export interface DistanceField {
  readonly grid: NavigationGrid;
  /**
   * Cost-to-go from each cell centre, Infinity when unreachable. Directions are derived from it
   * on demand (fieldDirection): storing them would triple the memory of every field.
   */
  readonly values: Float32Array;
}

/** Cell states; a cell starts unvisited (0). */
const TRIAL = 1, KNOWN = 2;

/**
 * `open`: openLinks(grid) when the caller keeps it (a level's grid and its congested copies
 * share one); computed here otherwise.
 */
export function computeDistanceField(grid: NavigationGrid, target: CompiledTarget, open = openLinks(grid)): DistanceField {
  const { nx, ny, cellSize: h, walkable, slowness } = grid;
  const n = nx * ny;
  const values = new Float32Array(n).fill(Infinity);
  const state = new Uint8Array(n);
  const heap = new MinHeap(Math.max(64, nx + ny));

  // Exact start band: every walkable cell whose centre lies within 1.5 h of the shape (only
  // cells inside the shape's bounding box grown by 1.5 h can be).
  const band = 1.5 * h;
  let sx0 = Infinity, sy0 = Infinity, sx1 = -Infinity, sy1 = -Infinity;
  const c0 = target.coords;
  const pad = target.code === 0 ? target.tolerance : 0;
  for (let k = 0; k < c0.length; k += 2) {
    sx0 = Math.min(sx0, c0[k]! - pad);
    sx1 = Math.max(sx1, c0[k]! + pad);
    sy0 = Math.min(sy0, c0[k + 1]! - pad);
    sy1 = Math.max(sy1, c0[k + 1]! + pad);
  }
  const i0 = Math.max(0, Math.floor((sx0 - band - grid.originX) / h));
  const i1 = Math.min(nx - 1, Math.ceil((sx1 + band - grid.originX) / h));
  const j0 = Math.max(0, Math.floor((sy0 - band - grid.originY) / h));
  const j1 = Math.min(ny - 1, Math.ceil((sy1 + band - grid.originY) / h));
  // Only band cells joined to the shape by open links count: a cell behind a thin wall is
  // near the shape but not near it on foot (without this, a room's wall or a serpentine
  // barrier next to a target would be a false goal that people press against for ever).
  // Core cells hold the shape itself: centres inside an area, or within h / sqrt 2 of a point
  // or line (the shape crosses the cell); the band grows from them through open links, always
  // away from the shape.
  // (A hair over h / sqrt 2, so that the four cells round a point on a cell corner all count.)
  const core = target.code === 2 ? 0 : h * Math.SQRT1_2 * (1 + 1e-9);
  const bandW = i1 - i0 + 1;
  const near = new Float64Array(bandW * (j1 - j0 + 1)).fill(Infinity);
  const grow: number[] = [];
  let closest = Infinity;
  for (let j = j0; j <= j1; j++) {
    const cy = grid.originY + (j + 0.5) * h;
    for (let i = i0; i <= i1; i++) {
      const c = j * nx + i;
      if (!walkable[c]) continue;
      const d = distanceToShape(target, grid.originX + (i + 0.5) * h, cy);
      if (d > band) continue;
      near[(j - j0) * bandW + (i - i0)] = d;
      if (d < closest) closest = d;
    }
  }
  // A shape smaller than a cell may hold no cell centre: the nearest band cells are its core.
  const coreLimit = closest <= core ? core : closest;
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const d = near[(j - j0) * bandW + (i - i0)]!;
      if (d > coreLimit) continue;
      const c = j * nx + i;
      values[c] = d;
      state[c] = KNOWN;
      grow.push(c);
    }
  }
  while (grow.length > 0) {
    const c = grow.pop()!;
    const i = c % nx, j = (c - i) / nx;
    for (let k = 0; k < 4; k++) {
      const ni = k === 0 ? i - 1 : k === 1 ? i + 1 : i;
      const nj = k === 2 ? j - 1 : k === 3 ? j + 1 : j;
      if (ni < i0 || ni > i1 || nj < j0 || nj > j1) continue;
      const m = nj * nx + ni;
      const d = near[(nj - j0) * bandW + (ni - i0)]!;
      // Outward only (farther from the shape than the cell it grows from): the band must not
      // creep round the end of a wall to the cells behind it.
      if (d === Infinity || d <= near[(j - j0) * bandW + (i - i0)]! || state[m] === KNOWN || !linked(grid, c, m)) continue;
      values[m] = d;
      state[m] = KNOWN;
      grow.push(m);
    }
  }
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const c = j * nx + i;
      if (state[c] === KNOWN) relaxNeighbours(c, open, state, values, slowness, h, nx, heap);
    }
  }
  while (heap.size > 0) {
    const c = heap.pop();
    if (state[c] === KNOWN) continue;
    state[c] = KNOWN;
    relaxNeighbours(c, open, state, values, slowness, h, nx, heap);
  }
  return { grid, values };
}

/** Bits of openLinks(): the link from a cell to its neighbour west, east, south, north is open. */
const WEST = 1, EAST = 2, SOUTH = 4, NORTH = 8;

/**
 * Per cell, which of its four links are open (both cells walkable, no wall across, inside the
 * grid): the marching loop then tests one byte instead of calling linked() and checking the
 * grid's edges.
 */
export function openLinks(grid: NavigationGrid): Uint8Array {
  const { nx, ny, walkable, blockedEast, blockedNorth } = grid;
  const open = new Uint8Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      if (!walkable[c]) continue;
      if (i < nx - 1 && walkable[c + 1] && !blockedEast[c]) {
        open[c]! |= EAST;
        open[c + 1]! |= WEST;
      }
      if (j < ny - 1 && walkable[c + nx] && !blockedNorth[c]) {
        open[c]! |= NORTH;
        open[c + nx]! |= SOUTH;
      }
    }
  }
  return open;
}

/** Offers every open neighbour of c that is not yet known a new cost through c. */
function relaxNeighbours(c: number, open: Uint8Array, state: Uint8Array, values: Float32Array, slowness: Float32Array, h: number, nx: number, heap: MinHeap): void {
  const o = open[c]!;
  if (o & WEST) relax(c - 1, open, state, values, slowness, h, nx, heap);
  if (o & EAST) relax(c + 1, open, state, values, slowness, h, nx, heap);
  if (o & SOUTH) relax(c - nx, open, state, values, slowness, h, nx, heap);
  if (o & NORTH) relax(c + nx, open, state, values, slowness, h, nx, heap);
}

function relax(m: number, open: Uint8Array, state: Uint8Array, values: Float32Array, slowness: Float32Array, h: number, nx: number, heap: MinHeap): void {
  if (state[m] === KNOWN) return;
  const t = solve(m, open, state, values, slowness[m]! * h, nx);
  if (t < values[m]!) {
    values[m] = t;
    state[m] = TRIAL;
    heap.push(m, t);
  }
}

/**
 * Upwind quadratic sum_k a_k (T - b_k)^2 = (h f)^2 over the axes with a known neighbour,
 * second order where the next cell beyond is known too and no higher.
 */
function solve(m: number, open: Uint8Array, state: Uint8Array, values: Float32Array, f: number, nx: number): number {
  let a = 0, b = 0, cc = 0;
  let single = Infinity;
  for (let axis = 0; axis < 2; axis++) {
    const step = axis === 0 ? 1 : nx;
    const toLo = axis === 0 ? WEST : SOUTH;
    const toHi = axis === 0 ? EAST : NORTH;
    let t1 = Infinity, t2 = Infinity;
    const lo = m - step, hi = m + step;
    if (open[m]! & toLo && state[lo] === KNOWN) {
      t1 = values[lo]!;
      const lo2 = lo - step;
      if (open[lo]! & toLo && state[lo2] === KNOWN && values[lo2]! <= t1) t2 = values[lo2]!;
    }
    if (open[m]! & toHi && state[hi] === KNOWN && values[hi]! < t1) {
      t1 = values[hi]!;
      t2 = Infinity;
      const hi2 = hi + step;
      if (open[hi]! & toHi && state[hi2] === KNOWN && values[hi2]! <= t1) t2 = values[hi2]!;
    }
    if (t1 === Infinity) continue;
    single = Math.min(single, t1 + f);
    if (t2 !== Infinity) {
      // Second order: dT ~ (3T - 4 t1 + t2) / 2h  =>  coefficient 9/4 about (4 t1 - t2) / 3.
      const w = 2.25;
      const c0 = (4 * t1 - t2) / 3;
      a += w; b -= 2 * w * c0; cc += w * c0 * c0;
    } else {
      a += 1; b -= 2 * t1; cc += t1 * t1;
    }
  }
  if (a === 0) return Infinity;
  const disc = b * b - 4 * a * (cc - f * f);
  if (disc < 0) return single;
  const t = (-b + Math.sqrt(disc)) / (2 * a);
  return Math.min(t, single);
}

/**
 * Writes into out[0..1] the unit direction of steepest descent at cell c (0, 0 at the target or
 * where unreachable): along each axis the drop towards the lower linked neighbour (upwind).
 */
export function fieldDirection(f: DistanceField, c: number, out: Float64Array): void {
  const g = f.grid;
  const t = f.values[c]!;
  out[0] = 0;
  out[1] = 0;
  if (t === Infinity) return;
  const gx = descent(f, c, 1, t);
  const gy = descent(f, c, g.nx, t);
  const len = Math.sqrt(gx * gx + gy * gy);
  if (len > 0) {
    out[0] = gx / len;
    out[1] = gy / len;
  }
}

/** Signed drop of the cost along +axis towards the lower upwind neighbour (0 if none is lower). */
function descent(f: DistanceField, c: number, step: number, t: number): number {
  const g = f.grid;
  const n = g.nx * g.ny;
  const i = c % g.nx;
  const hasLo = step === 1 ? i > 0 : c >= g.nx;
  const hasHi = step === 1 ? i < g.nx - 1 : c < n - g.nx;
  const lo = hasLo && linked(g, c, c - step) ? f.values[c - step]! : Infinity;
  const hi = hasHi && linked(g, c, c + step) ? f.values[c + step]! : Infinity;
  if (lo >= t && hi >= t) return 0;
  return lo < hi ? -(t - lo) : t - hi;
}

/** Binary min-heap of cell indices keyed by cost; stale entries are skipped by the caller. */
class MinHeap {
  private cells: Int32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.cells = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }
  push(cell: number, key: number): void {
    if (this.size === this.cells.length) {
      const cells = new Int32Array(this.size * 2);
      cells.set(this.cells);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.cells = cells;
      this.keys = keys;
    }
    let k = this.size++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.cells[k] = this.cells[p]!;
      this.keys[k] = this.keys[p]!;
      k = p;
    }
    this.cells[k] = cell;
    this.keys[k] = key;
  }
  /**
   * Removes the top. Floyd's bottom-up variant: the hole sinks along the smaller children to a
   * leaf, then the last element rises from there past every key not below its own. One
   * comparison a level instead of two, and the same array as the textbook sift-down: that stops
   * the element above the first child not below it, which is where it rises to.
   */
  pop(): number {
    const cells = this.cells, keys = this.keys;
    const top = cells[0]!;
    const last = --this.size;
    const cell = cells[last]!;
    const key = keys[last]!;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= last) break;
      if (child + 1 < last && keys[child + 1]! < keys[child]!) child++;
      cells[k] = cells[child]!;
      keys[k] = keys[child]!;
      k = child;
    }
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (keys[parent]! < key) break;
      cells[k] = cells[parent]!;
      keys[k] = keys[parent]!;
      k = parent;
    }
    cells[k] = cell;
    keys[k] = key;
    return top;
  }
}
