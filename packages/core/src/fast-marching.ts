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

/**
 * The heap's cell-to-place map, all -1 between fields (every cell leaves the heap when it
 * becomes known), so one is kept and reused rather than filled for every field.
 */
let places = new Int32Array(0);
function placesFor(n: number): Int32Array {
  if (places.length < n) places = new Int32Array(n).fill(-1);
  return places;
}

/**
 * `open`: openLinks(grid) when the caller keeps it (a level's grid and its congested copies
 * share one); computed here otherwise.
 */
export function computeDistanceField(grid: NavigationGrid, target: CompiledTarget, open = openLinks(grid)): DistanceField {
  return marchDistanceField(grid, target, open, Infinity).field;
}

/** A distance field marched out to some cost, and the rest of the march. */
export interface MarchedField {
  readonly field: DistanceField;
  /**
   * Undefined when the field is complete. Otherwise every cell whose value is at most `reach`
   * holds its final value, and every other cell holds more than `reach` (a tentative value,
   * or Infinity) until finish() marches on to the end: then the field is the one
   * computeDistanceField gives, value for value.
   */
  readonly finish: (() => void) | undefined;
}

/**
 * computeDistanceField, stopping once every cell left costs more than `reach` (cells become
 * known in order of cost, so those within it are final): a crowd-weighted field is recomputed
 * every few seconds, and its walkers often use only the part of it near the target.
 */
export function marchDistanceField(grid: NavigationGrid, target: CompiledTarget, open: Uint8Array, reach: number): MarchedField {
  const { nx, ny, cellSize: h, walkable, slowness } = grid;
  const n = nx * ny;
  const values = new Float32Array(n).fill(Infinity);
  // A cell's final value once it is known, Infinity before: the stencils read one array, and
  // an unknown neighbour drops out of them by its Infinity.
  const known = new Float32Array(n).fill(Infinity);
  const heap = new TrialHeap(Math.max(64, nx + ny), placesFor(n));

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
      values[c] = known[c] = d;
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
      if (d === Infinity || d <= near[(j - j0) * bandW + (i - i0)]! || known[m] !== Infinity || !linked(grid, c, m)) continue;
      values[m] = known[m] = d;
      grow.push(m);
    }
  }
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const c = j * nx + i;
      if (known[c] !== Infinity) relaxNeighbours(c, open, known, values, slowness, h, nx, heap);
    }
  }
  march(reach, heap, open, known, values, slowness, h, nx);
  const field = { grid, values };
  if (heap.size === 0) return { field, finish: undefined };
  // The shared place map must be clear for other fields while this one waits. (A second
  // finish() finds the heap empty and does nothing.)
  heap.detach();
  return {
    field,
    finish: () => {
      heap.attach(placesFor(n));
      march(Infinity, heap, open, known, values, slowness, h, nx);
    },
  };
}

/** Makes known, in order of cost, every trial cell that costs at most `limit`. */
function march(limit: number, heap: TrialHeap, open: Uint8Array, known: Float32Array, values: Float32Array, slowness: Float32Array, h: number, nx: number): void {
  while (heap.size > 0 && heap.topKey() <= limit) {
    const c = heap.pop();
    known[c] = values[c]!;
    relaxNeighbours(c, open, known, values, slowness, h, nx, heap);
  }
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

/**
 * Offers every open neighbour of c that is not yet known (west, east, south, north) a new cost
 * through c: the upwind quadratic sum_k a_k (T - b_k)^2 = (h f)^2 over the axes with a known
 * neighbour, second order where the next cell beyond is known too and no higher.
 * One function, the solver written into its loop: as a function of its own the solver was too
 * big for V8 to inline, so each of a cell's two or three solves was a full call (floating-point
 * arguments and results cross a call as heap objects); P1's fields take a seventh fewer
 * instructions this way.
 */
function relaxNeighbours(c: number, open: Uint8Array, known: Float32Array, values: Float32Array, slowness: Float32Array, h: number, nx: number, heap: TrialHeap): void {
  const oc = open[c]!;
  for (let side = 0; side < 4; side++) {
    const bit = 1 << side;
    if ((oc & bit) === 0) continue;
    const m = side === 0 ? c - 1 : side === 1 ? c + 1 : side === 2 ? c - nx : c + nx;
    if (known[m] !== Infinity) continue;
    const f = slowness[m]! * h;
    let a = 0, b = 0, cc = 0;
    let single = Infinity;
    const o = open[m]!;
    for (let axis = 0; axis < 2; axis++) {
      const step = axis === 0 ? 1 : nx;
      const toLo = axis === 0 ? WEST : SOUTH;
      const toHi = axis === 0 ? EAST : NORTH;
      let t1 = Infinity, t2 = Infinity;
      if (o & toLo) {
        const lo = m - step;
        t1 = known[lo]!;
        if (t1 !== Infinity && open[lo]! & toLo) {
          const v = known[lo - step]!;
          if (v <= t1) t2 = v;
        }
      }
      if (o & toHi) {
        const hi = m + step;
        const v = known[hi]!;
        if (v < t1) {
          t1 = v;
          t2 = Infinity;
          if (open[hi]! & toHi) {
            const v2 = known[hi + step]!;
            if (v2 <= t1) t2 = v2;
          }
        }
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
    // c itself is known, so a > 0.
    const disc = b * b - 4 * a * (cc - f * f);
    const t = disc < 0 ? single : Math.min((-b + Math.sqrt(disc)) / (2 * a), single);
    if (t < values[m]!) {
      values[m] = t;
      heap.offer(m, t);
    }
  }
}

/**
 * Writes into out[0..1] the unit direction of steepest descent at cell c (0, 0 at the target or
 * where unreachable): along each axis the drop towards the lower linked neighbour (upwind).
 * Written out in one function, without linked(): fields over a whole 800 m level keep no
 * direction cache, so at Lo Wu's peak this ran for four cells of every walker's every step.
 */
export function fieldDirection(f: DistanceField, c: number, out: Float64Array): void {
  const { nx, ny, walkable, blockedEast, blockedNorth } = f.grid;
  const v = f.values;
  const t = v[c]!;
  out[0] = 0;
  out[1] = 0;
  // A cell outside the walkable area has no open links: no descent either way.
  if (t === Infinity || !walkable[c]) return;
  const i = c % nx;
  // Along x: the west and east neighbours when the link to them is open, Infinity otherwise.
  const west = i > 0 && walkable[c - 1] && !blockedEast[c - 1] ? v[c - 1]! : Infinity;
  const east = i < nx - 1 && walkable[c + 1] && !blockedEast[c] ? v[c + 1]! : Infinity;
  const south = c >= nx && walkable[c - nx] && !blockedNorth[c - nx] ? v[c - nx]! : Infinity;
  const north = c < nx * ny - nx && walkable[c + nx] && !blockedNorth[c] ? v[c + nx]! : Infinity;
  // Signed drop of the cost along each axis towards the lower upwind neighbour (0 if none is lower).
  const gx = west >= t && east >= t ? 0 : west < east ? -(t - west) : t - east;
  const gy = south >= t && north >= t ? 0 : south < north ? -(t - south) : t - north;
  const len = Math.sqrt(gx * gx + gy * gy);
  if (len > 0) {
    out[0] = gx / len;
    out[1] = gy / len;
  }
}

/**
 * Binary min-heap of trial cells with decrease-key (a cell is in it at most once). Ordered by
 * cost, then by cell index: a total order, so the cells become known in one sequence whatever
 * the heap's layout (second-order stencils read which neighbours are known, so with ties in
 * the order of a heap's internals a field would depend on how the heap is built).
 */
class TrialHeap {
  private cells: Int32Array;
  private keys: Float64Array;
  /** Per cell, its place in the heap (-1 out of it): shared between fields (placesFor). */
  private place: Int32Array;
  size = 0;
  constructor(capacity: number, place: Int32Array) {
    this.cells = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.place = place;
  }
  /** Adds cell with key, or lowers its key if it is in the heap. */
  offer(cell: number, key: number): void {
    let k = this.place[cell]!;
    if (k < 0) {
      if (this.size === this.cells.length) {
        const cells = new Int32Array(this.size * 2);
        cells.set(this.cells);
        const keys = new Float64Array(this.size * 2);
        keys.set(this.keys);
        this.cells = cells;
        this.keys = keys;
      }
      k = this.size++;
    }
    const cells = this.cells, keys = this.keys, place = this.place;
    while (k > 0) {
      const p = (k - 1) >> 1;
      const pk = keys[p]!;
      if (pk < key || (pk === key && cells[p]! < cell)) break;
      const pc = cells[p]!;
      cells[k] = pc;
      keys[k] = pk;
      place[pc] = k;
      k = p;
    }
    cells[k] = cell;
    keys[k] = key;
    place[cell] = k;
  }
  /** The least key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0]!;
  }
  /** Clears the place map of this heap's cells (they stay in the heap), so another heap can use the map. */
  detach(): void {
    for (let k = 0; k < this.size; k++) this.place[this.cells[k]!] = -1;
  }
  /** Takes up a clear place map again after detach(). */
  attach(place: Int32Array): void {
    this.place = place;
    for (let k = 0; k < this.size; k++) place[this.cells[k]!] = k;
  }
  /** Removes and returns the least cell. */
  pop(): number {
    const cells = this.cells, keys = this.keys, place = this.place;
    const top = cells[0]!;
    place[top] = -1;
    const last = --this.size;
    if (last === 0) return top;
    const cell = cells[last]!;
    const key = keys[last]!;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= last) break;
      const r = child + 1;
      if (r < last) {
        const kr = keys[r]!, kc = keys[child]!;
        if (kr < kc || (kr === kc && cells[r]! < cells[child]!)) child = r;
      }
      const ck = keys[child]!;
      if (key < ck || (key === ck && cell < cells[child]!)) break;
      const cc = cells[child]!;
      cells[k] = cc;
      keys[k] = ck;
      place[cc] = k;
      k = child;
    }
    cells[k] = cell;
    keys[k] = key;
    place[cell] = k;
    return top;
  }
}
