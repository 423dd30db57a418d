// Where each agent wants to go next: the unit direction of the shortest (least-cost) path to its
// target. One distance field per target, computed on first use and shared by every agent with
// that target; in convex, hole-free geometry the straight line is the shortest path and no field
// is needed. A field first covers a window around its target (most targets, a gate or a desk,
// are walked to from a few metres away) and grows, up to the whole level, whenever it is asked
// from a place where the windowed value might not be the shortest path; so a port with hundreds
// of gates on an 800 m level keeps small fields. Invariant: direction() allocates nothing
// unless a window grows, and returns a unit vector or zero.
import type { DistanceField } from './fast-marching.js';
import { computeDistanceField, fieldDirection, marchDistanceField, openLinks } from './fast-marching.js';
import type { Geometry, Vec2, WallSegments } from './geometry.js';
import { isConvex } from './geometry.js';
import type { NavigationGrid, NavigationGridOptions } from './navigation-grid.js';
import { createNavigationGrid, gridWindow, linked } from './navigation-grid.js';
import { orient, pointInRing, ringArea } from './segment.js';
import type { CompiledTarget, TargetShape } from './target.js';
import { compileTarget, directionToShape, distanceToShape } from './target.js';

/** Index of a target in its simulation. */
export type TargetId = number;

export interface NavigationOptions extends NavigationGridOptions {
  /**
   * Margin in m around a target of the window its distance field first covers. Range > 0;
   * default 16 (a gate's field then reaches the head of its queue). The window grows when an
   * agent asks from farther away; Infinity gives whole-level fields from the start.
   */
  readonly fieldWindow: number;
  /**
   * Memory for one level's fields, MiB. Range > 0; default 512. Past it the least recently used
   * fields are dropped and recomputed over the same window when next needed, so results do not
   * depend on it (a port has thousands of gates and desks; a day uses each, a minute a few).
   */
  readonly fieldMemory: number;
  /** Quickest paths round crowds (see CongestionOptions); off by default. */
  readonly congestion: Partial<CongestionOptions>;
}

export const navigationDefaults = { fieldWindow: 16, fieldMemory: 512 } as const;

/**
 * Quickest rather than shortest paths where crowds build up (Hartmann 2010, "Adaptive
 * pedestrian dynamics based on geodesics", New J. Phys. 12:043032; Kretz 2011, "Quickest paths
 * in simulations of pedestrians", Adv. Complex Syst. 14:733): every `interval` s the fields of
 * the targets at least `walkers` agents walk to through crowds are recomputed with each cell's
 * walking cost divided by the walking speed its crowd allows. Without it every agent of a target follows the
 * one shortest line, hugging the inside of each corner, and a stream that a corridor could carry
 * several abreast queues behind the corner in single file.
 */
export interface CongestionOptions {
  /** Seconds between updates. Range > 0; 0 (default) leaves fields static. Suggested 10. */
  readonly interval: number;
  /** Only targets with at least this many agents walking to them in crowds (1.4 P/m2 and up) are updated. Default 20. */
  readonly walkers: number;
}

export const congestionDefaults: CongestionOptions = { interval: 0, walkers: 20 };

/** Fields of at most this many cells keep direction and clean-square caches (a 100 m x 100 m window at 0.2 m). */
const CACHED_CELLS = 250_000;

export interface Navigation {
  readonly targets: readonly CompiledTarget[];
  /** Straight-line guidance (the geometry is convex with no holes). */
  readonly direct: boolean;
  /**
   * `approach`: a place agents will mostly come from, for the field's first window to cover.
   * `within`: a convex area holding the target that agents walk to it from (a standing spot in
   * a waiting area): if no wall or barrier enters it, straight lines are the shortest paths
   * there and the target needs no field.
   */
  addTarget(shape: TargetShape, approach?: Vec2, within?: readonly Vec2[]): TargetId;
  /** Computes the target's distance field now, if it needs one (call outside the step loop). */
  prepare(target: TargetId): void;
  /** Walking cost in m from (x, y) to the target; Infinity when it cannot be reached. */
  distance(target: TargetId, x: number, y: number): number;
  /** Writes the unit direction of the shortest path into out[0], out[1]; returns the walking cost left, m. */
  direction(target: TargetId, x: number, y: number, out: Float64Array): number;
  /**
   * The target's field as computed so far (its grid may be a window of the level: sample it
   * through its own grid's origin); undefined in direct mode and for targets walked to in a
   * straight line (see addTarget's `within`). A window's grid keeps no walking costs (slowness).
   */
  field(target: TargetId): DistanceField | undefined;
  /** What the fields held now take: how many, their cells and bytes, and the fields dropped so far. */
  memory(): NavigationMemory;
  /** The level's navigation grid (built on first use), for callers that fill a congestion map. */
  grid(): NavigationGrid;
  /**
   * Recomputes a target's field over its present window, its walking costs multiplied by
   * `congestion` (undefined: the static costs). No-op for a target without a field. Fields
   * computed later (first use, growth) have static costs until refreshed again.
   */
  refresh(target: TargetId, congestion: CongestionMap | undefined): void;
  /**
   * The fields held now (their values, not recomputable when they were computed with the crowd
   * of some earlier moment), their windows and the memory bookkeeping, as plain data; a field's
   * values never change once computed, so they are shared, not copied.
   */
  captureState(): NavigationState;
  /** Puts captureState's result into a navigation built with the same geometry, options and targets. */
  restoreState(state: NavigationState): void;
}

export interface NavigationState {
  readonly targets: number;
  readonly windows: readonly (Float64Array | undefined)[];
  /** Per target: its held field's values and whether they were computed with congestion. */
  readonly fields: readonly ({ readonly values: Float32Array; readonly congested: boolean } | undefined)[];
  readonly lastUse: readonly number[];
  readonly useClock: number;
  readonly heldBytes: number;
  readonly dropped: number;
}

/**
 * Walking cost multipliers (>= 1) over square blocks of `cellsPerBlock` x `cellsPerBlock` cells
 * of the level grid, row by row, `blocksX` a row: a crowd's density is only known at that
 * scale, and a map of blocks is cheaper to fill than one of cells (an 800 m level has 3 million).
 */
export interface CongestionMap {
  readonly cost: Float32Array;
  readonly cellsPerBlock: number;
  readonly blocksX: number;
}

export interface NavigationMemory {
  readonly fields: number;
  readonly cells: number;
  /** Bytes of the fields' typed arrays: costs, caches and the window grids they were computed on. */
  readonly bytes: number;
  /** Fields dropped to keep within `fieldMemory` (and recomputed when needed again). */
  readonly dropped: number;
}

/** A target's field over a window of the level grid. */
interface WindowedField {
  readonly field: DistanceField;
  /**
   * Directions of steepest descent per cell (x, y), NaN until first needed: every walking agent
   * samples four cells a step, and deriving a direction reads eight neighbours and their links.
   */
  readonly directions: Float32Array;
  /**
   * Per cell c: whether the four centres c, c + 1, c + nx, c + nx + 1 are all reachable and
   * joined by open links (1), not (2), or not yet known (0). Most agents stand in such clean
   * squares, where sampling needs no link checks.
   */
  readonly clean: Uint8Array;
  /** The window's extent in m (cell edges), kept when it grows so it never shrinks. */
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly margin: number;
  /**
   * Lines one cell inside the window's sides beyond which the level goes on (+-Infinity where
   * the window reaches the level's edge): a path that leaves the window crosses one of them.
   */
  readonly west: number;
  readonly east: number;
  readonly south: number;
  readonly north: number;
  /** Least distance from the target to those lines (Infinity for a whole-level field). */
  readonly targetClearance: number;
  /**
   * The cells of the window's outer ring where the level goes on outside, with their costs
   * (x, y, cost per cell, cheapest first): a path that leaves the window comes back in through one of them.
   */
  readonly ring: Float64Array;
  /** Per cell: whether the ring proves its cost shortest (1), not (2), or not yet known (0). Empty for a whole-level field. */
  readonly certain: Uint8Array;
  /** Computed with the walking costs of a crowd (quickest paths), not the static ones. */
  readonly congested: boolean;
  /**
   * A crowd-weighted whole-level field is marched only out to a little beyond the costs its
   * walkers were last seen at (the rest of a port's level is mostly far from them): values up
   * to `reach` are final, and `finish` marches on to the end the first time a sample needs a
   * cell beyond (then it is undefined). Samples read only final values either way, so the
   * results are those of the whole field.
   */
  finish: (() => void) | undefined;
  readonly reach: number;
}

export function createNavigation(geometry: Geometry, options: Partial<NavigationOptions> = {}): Navigation {
  const targets: CompiledTarget[] = [];
  /** Per target: the shape's bounding box, then the box its first window covers (with `approach`). */
  const boxes: Float64Array[] = [];
  const fields: (WindowedField | undefined)[] = [];
  /** Per target: 1 when it is walked to in a straight line (convex level, or a clear convex area holds it). */
  const straight: number[] = [];
  /** Per target: the window its field was last computed over (x0, y0, x1, y1, margin), to recompute it alike. */
  const windows: (Float64Array | undefined)[] = [];
  /**
   * Per target: the highest finite cost sampled since its field was last refreshed (how far a
   * crowd-weighted field is first marched; speed only, not results, depends on it).
   */
  const farthest: number[] = [];
  /** Per target: the use clock's value when its field was last sampled (least recently used goes first). */
  const lastUse: number[] = [];
  let useClock = 0;
  let heldBytes = 0;
  let dropped = 0;
  const budget = (options.fieldMemory ?? navigationDefaults.fieldMemory) * 2 ** 20;
  if (!(budget > 0)) throw new RangeError(`navigation.fieldMemory must be > 0 MiB, got ${options.fieldMemory}`);
  const direct = geometry.convex;
  const firstMargin = options.fieldWindow ?? navigationDefaults.fieldWindow;
  if (!(firstMargin > 0)) throw new RangeError(`navigation.fieldWindow must be > 0 m, got ${firstMargin}`);
  let grid: NavigationGrid | undefined;
  const levelGrid = (): NavigationGrid => (grid ??= createNavigationGrid(geometry, options));
  /** The level grid's open links, kept for whole-level fields (a window computes its own). */
  let levelLinks: Uint8Array | undefined;

  /**
   * Computes target t's field over its box and (x0..x1, y0..y1) grown by `margin`, with the
   * walking costs multiplied by `congestion` when given, and holds it.
   */
  const compute = (t: TargetId, x0: number, y0: number, x1: number, y1: number, margin: number, congestion?: CongestionMap, reach = Infinity): WindowedField => {
    windows[t] = Float64Array.of(x0, y0, x1, y1, margin);
    const wf = windowed(t, windows[t], congestion, undefined, reach);
    hold(t, wf);
    return wf;
  };

  /**
   * Target t's field over window w (x0, y0, x1, y1, margin, as compute), computed, or made from
   * `saved` values computed so before (restoreState). A crowd-weighted whole-level field is
   * marched out to `reach` for a start (WindowedField.finish).
   */
  const windowed = (t: TargetId, w: Float64Array, congestion: CongestionMap | undefined, saved?: { values: Float32Array; congested: boolean }, reach = Infinity): WindowedField => {
    const [x0, y0, x1, y1, margin] = w as unknown as [number, number, number, number, number];
    const g = levelGrid();
    const h = g.cellSize;
    const box = boxes[t]!;
    const clampI = (v: number): number => Math.min(g.nx - 1, Math.max(0, v));
    const clampJ = (v: number): number => Math.min(g.ny - 1, Math.max(0, v));
    let i0 = clampI(Math.floor((Math.min(x0, box[0]!) - margin - g.originX) / h));
    let i1 = clampI(Math.ceil((Math.max(x1, box[2]!) + margin - g.originX) / h));
    let j0 = clampJ(Math.floor((Math.min(y0, box[1]!) - margin - g.originY) / h));
    let j1 = clampJ(Math.ceil((Math.max(y1, box[3]!) + margin - g.originY) / h));
    // Past half the level, one more growth would cost about as much as the whole: take it.
    if ((i1 - i0 + 1) * (j1 - j0 + 1) * 2 > g.nx * g.ny) {
      i0 = j0 = 0;
      i1 = g.nx - 1;
      j1 = g.ny - 1;
    }
    const whole = i0 === 0 && j0 === 0 && i1 === g.nx - 1 && j1 === g.ny - 1;
    let windowGrid = whole ? g : gridWindow(g, i0, j0, i1, j1);
    const congested = saved?.congested ?? congestion !== undefined;
    if (congestion) {
      // Crowded cells cost more to walk (costs stay >= 1 a metre, so windows still certify).
      const slowness = whole ? g.slowness.slice() : windowGrid.slowness;
      const nx = windowGrid.nx;
      const { cost, cellsPerBlock: per } = congestion;
      for (let j = 0; j < windowGrid.ny; j++) {
        const blockRow = Math.floor((j0 + j) / per) * congestion.blocksX;
        const row = j * nx;
        // Block by block along the row: cells i with the same floor((i0 + i) / per).
        for (let i = 0, block = Math.floor(i0 / per); i < nx; block++) {
          const k = cost[blockRow + block]!;
          for (const end = Math.min(nx, (block + 1) * per - i0); i < end; i++) slowness[row + i]! *= k;
        }
      }
      if (whole) windowGrid = { ...g, slowness };
    }
    const marched = saved
      ? { field: { grid: windowGrid, values: saved.values }, finish: undefined }
      : whole
        ? marchDistanceField(windowGrid, targets[t]!, (levelLinks ??= openLinks(g)), congestion ? reach : Infinity)
        : { field: computeDistanceField(windowGrid, targets[t]!), finish: undefined };
    const computed = marched.field;
    // Sampling needs the costs and the links; a window's copy of the walking costs can go.
    const field = whole && !congested ? computed : { grid: { ...windowGrid, slowness: new Float32Array(0) }, values: computed.values };
    const west = i0 > 0 ? g.originX + (i0 + 1.5) * h : -Infinity;
    const east = i1 < g.nx - 1 ? g.originX + (i1 - 0.5) * h : Infinity;
    const south = j0 > 0 ? g.originY + (j0 + 1.5) * h : -Infinity;
    const north = j1 < g.ny - 1 ? g.originY + (j1 - 0.5) * h : Infinity;
    const targetClearance = Math.min(box[0]! - west, east - box[2]!, box[1]! - south, north - box[3]!);
    const wf: WindowedField = {
      field, margin, west, east, south, north, targetClearance,
      ring: whole ? new Float64Array(0) : openRing(field, i0 > 0, i1 < g.nx - 1, j0 > 0, j1 < g.ny - 1),
      certain: new Uint8Array(whole ? 0 : field.values.length),
      // Caches only for windows, not for fields over a whole 800 m level (13 bytes a cell there
      // made a Lo Wu soak reach 2.7 GB of heap within an hour).
      directions: field.values.length <= CACHED_CELLS ? new Float32Array(2 * field.values.length).fill(NaN) : new Float32Array(0),
      clean: field.values.length <= CACHED_CELLS ? new Uint8Array(field.values.length) : new Uint8Array(0),
      minX: g.originX + i0 * h, minY: g.originY + j0 * h, maxX: g.originX + (i1 + 1) * h, maxY: g.originY + (j1 + 1) * h,
      congested,
      finish: marched.finish,
      reach: marched.finish ? reach : Infinity,
    };
    return wf;
  };

  const bytesOf = (f: WindowedField): number => {
    const g = f.field.grid;
    // A window's grid is its own copy; a whole-level field shares the level's grid (a congested
    // one a copy of the grid object, with the same arrays).
    const own = g.walkable === grid?.walkable ? 0 : g.walkable.byteLength + g.blockedEast.byteLength + g.blockedNorth.byteLength + g.slowness.byteLength;
    return f.field.values.byteLength + f.directions.byteLength + f.clean.byteLength + f.ring.byteLength + f.certain.byteLength + own;
  };

  /** Keeps f as target t's field, dropping least recently used others while over the budget. */
  const hold = (t: TargetId, f: WindowedField): void => {
    const old = fields[t];
    if (old) heldBytes -= bytesOf(old);
    fields[t] = f;
    heldBytes += bytesOf(f);
    lastUse[t] = ++useClock;
    while (heldBytes > budget) {
      let oldest = -1;
      for (let k = 0; k < fields.length; k++) if (k !== t && fields[k] && (oldest < 0 || lastUse[k]! < lastUse[oldest]!)) oldest = k;
      if (oldest < 0) break;
      heldBytes -= bytesOf(fields[oldest]!);
      fields[oldest] = undefined;
      dropped++;
    }
  };

  const fieldOf = (t: TargetId): WindowedField => {
    const f = fields[t];
    if (f) return f;
    // Over the window it last had (the same cells give the same values), else the first one.
    const w = windows[t];
    if (w) return compute(t, w[0]!, w[1]!, w[2]!, w[3]!, w[4]!);
    const box = boxes[t]!;
    return compute(t, box[4]!, box[5]!, box[6]!, box[7]!, firstMargin);
  };

  /**
   * The windowed cost at (x, y) is the shortest path's when it is no more than any path that
   * leaves the window could cost. Such a path walks at least from (x, y) to a side and from
   * that side to the target (cost per metre >= 1): the quick test. Failing it, the exact bound:
   * the path comes back in last through an open cell b of the outer ring and walks inside the
   * window from there, so it costs at least |x - b| + cost(b) (settled once per cell).
   */
  const certified = (f: WindowedField, x: number, y: number, cost: number): boolean => {
    if (f.targetClearance === Infinity) return true;
    const clearance = Math.min(x - f.west, f.east - x, y - f.south, f.north - y);
    if (clearance > 0 && cost <= clearance + f.targetClearance) return true;
    // Not reached inside the window: only a larger one can tell.
    if (cost === Infinity) return false;
    const g = f.field.grid;
    const i = Math.floor((x - g.originX) / g.cellSize), j = Math.floor((y - g.originY) / g.cellSize);
    if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) return false;
    const c = j * g.nx + i;
    if (f.certain[c] === 0) f.certain[c] = ringCertifies(f, i, j) ? 1 : 2;
    return f.certain[c] === 1;
  };

  /** Grows target t's window to cover (x, y) with a margin that should certify it. */
  const grow = (t: TargetId, x: number, y: number): WindowedField => {
    const old = fieldOf(t);
    // A place outside the window: cover it with the same margin (the edge's cells usually prove
    // the way from there); inside but unproven: a shorter way may run round, widen the margin.
    const inside = x > old.minX && x < old.maxX && y > old.minY && y < old.maxY;
    const margin = inside ? Math.max(2 * old.margin, 0.75 * distanceToShape(targets[t]!, x, y)) : old.margin;
    return compute(t, Math.min(old.minX, x), Math.min(old.minY, y), Math.max(old.maxX, x), Math.max(old.maxY, y), margin);
  };

  /** Samples target t's field at (x, y), growing its window until the value is certified. */
  const sample = (t: TargetId, x: number, y: number, out: Float64Array | undefined): number => {
    lastUse[t] = ++useClock;
    let f = fields[t] ?? fieldOf(t);
    if (f.finish && !finalAround(f, x, y)) finish(f);
    let cost = sampleField(f, x, y, out);
    while (!certified(f, x, y, cost)) {
      f = grow(t, x, y);
      cost = sampleField(f, x, y, out);
    }
    if (cost !== Infinity && !(cost <= farthest[t]!)) farthest[t] = cost;
    return cost;
  };

  return {
    targets,
    direct,
    addTarget(shape, approach, within) {
      const target = compileTarget(shape);
      const c = target.coords;
      const pad = target.tolerance;
      const box = Float64Array.of(Infinity, Infinity, -Infinity, -Infinity, 0, 0, 0, 0);
      for (let k = 0; k < c.length; k += 2) {
        box[0] = Math.min(box[0]!, c[k]! - pad);
        box[1] = Math.min(box[1]!, c[k + 1]! - pad);
        box[2] = Math.max(box[2]!, c[k]! + pad);
        box[3] = Math.max(box[3]!, c[k + 1]! + pad);
      }
      const [ax, ay] = approach ?? [box[0]!, box[1]!];
      box.set([Math.min(box[0]!, ax), Math.min(box[1]!, ay), Math.max(box[2]!, ax), Math.max(box[3]!, ay)], 4);
      targets.push(target);
      boxes.push(box);
      lastUse.push(0);
      farthest.push(0);
      straight.push(direct || (within && clearConvexArea(within, target.coords, geometry.walls)) ? 1 : 0);
      return targets.length - 1;
    },
    prepare(t) {
      if (straight[t] === 0) fieldOf(t);
    },
    field(t) {
      if (straight[t] === 1) return undefined;
      const f = fieldOf(t);
      finish(f);
      return f.field;
    },
    memory() {
      let count = 0, cells = 0;
      for (const f of fields) {
        if (!f) continue;
        count++;
        cells += f.field.values.length;
      }
      return { fields: count, cells, bytes: heldBytes, dropped };
    },
    grid: levelGrid,
    refresh(t, congestion) {
      const w = windows[t];
      if (straight[t] === 1 || !w) return;
      // Out to 5 m past the farthest walker (a crowd moving in makes costs rise; 3 m left a
      // fifth of P1's entrance fields to finish, 5 m far fewer): further is marched only if a
      // sample needs it.
      const reach = farthest[t]! + 5;
      farthest[t] = 0;
      compute(t, w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, congestion, reach);
    },
    captureState: () => ({
      targets: targets.length,
      windows: windows.map((w) => w?.slice()),
      // Finished first: the values saved are those of whole fields.
      fields: fields.map((f) => f && (finish(f), { values: f.field.values, congested: f.congested })),
      lastUse: [...lastUse],
      useClock,
      heldBytes,
      dropped,
    }),
    restoreState(state) {
      if (state.targets !== targets.length) throw new RangeError(`navigation state of ${state.targets} targets for a navigation of ${targets.length}`);
      windows.length = fields.length = 0;
      state.windows.forEach((w, t) => {
        if (!w) return;
        windows[t] = w.slice();
        const saved = state.fields[t];
        // Copied, as restoreState copies every array it restores: a field kept all day must not
        // hold on to the snapshot's memory (v8.deserialize makes every array a view into the
        // one buffer of the whole checkpoint, so one kept view kept all of it).
        if (saved) fields[t] = windowed(t, windows[t], undefined, { values: saved.values.slice(), congested: saved.congested });
      });
      lastUse.splice(0, lastUse.length, ...state.lastUse);
      useClock = state.useClock;
      heldBytes = state.heldBytes;
      dropped = state.dropped;
    },
    distance(t, x, y) {
      if (straight[t] === 1) return distanceToShape(targets[t]!, x, y);
      return sample(t, x, y, undefined);
    },
    direction(t, x, y, out) {
      const target = targets[t]!;
      if (straight[t] === 1) return directionToShape(target, x, y, out);
      const cost = sample(t, x, y, out);
      // Inside the exact start band the field is flat: head straight for the shape itself.
      if (out[0] === 0 && out[1] === 0) directionToShape(target, x, y, out);
      return cost;
    },
  };
}

/** Marches a field's values to the end if it was stopped short (WindowedField.finish). */
function finish(wf: WindowedField): void {
  const go = wf.finish;
  if (!go) return;
  wf.finish = undefined;
  go();
}

/**
 * Whether every cell sampleField may read for (x, y) has its final value in a field marched
 * only to its reach: the four corners round the point and their neighbours (for directions).
 * Cells in walls are Infinity either way.
 */
function finalAround(wf: WindowedField, x: number, y: number): boolean {
  const { field: f, reach } = wf;
  const g = f.grid;
  const h = g.cellSize;
  const i0 = Math.min(g.nx - 2, Math.max(0, Math.floor((x - g.originX) / h - 0.5)));
  const j0 = Math.min(g.ny - 2, Math.max(0, Math.floor((y - g.originY) / h - 0.5)));
  for (let j = Math.max(0, j0 - 1); j <= Math.min(g.ny - 1, j0 + 2); j++) {
    for (let i = Math.max(0, i0 - 1); i <= Math.min(g.nx - 1, i0 + 2); i++) {
      const c = j * g.nx + i;
      if (g.walkable[c] && !(f.values[c]! <= reach)) return false;
    }
  }
  return true;
}

/**
 * Bilinear sample of a field at (x, y) over the four surrounding cell centres, using only
 * centres reachable from the agent's own cell without crossing a wall (a thin barrier must not
 * blend the directions of the lanes on either side). Writes the unit direction to `out` when
 * given and returns the interpolated cost.
 */
function sampleField(wf: WindowedField, x: number, y: number, out: Float64Array | undefined): number {
  const { field: f, directions } = wf;
  const g = f.grid;
  const h = g.cellSize;
  const fx = (x - g.originX) / h - 0.5;
  const fy = (y - g.originY) / h - 0.5;
  let i0 = Math.floor(fx);
  let j0 = Math.floor(fy);
  i0 = i0 < 0 ? 0 : i0 > g.nx - 2 ? g.nx - 2 : i0;
  j0 = j0 < 0 ? 0 : j0 > g.ny - 2 ? g.ny - 2 : j0;
  const tx = Math.min(1, Math.max(0, fx - i0));
  const ty = Math.min(1, Math.max(0, fy - j0));
  const own = (tx < 0.5 ? 0 : 1) + (ty < 0.5 ? 0 : 2);
  const c00 = j0 * g.nx + i0;
  const cached = wf.clean.length > 0;
  if (cached && wf.clean[c00] === 0) wf.clean[c00] = cleanSquare(f, c00) ? 1 : 2;
  if (cached && wf.clean[c00] === 1) {
    // Fast path: plain bilinear interpolation of costs and directions.
    const v = f.values, n1 = c00 + g.nx;
    const w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty;
    if (out) {
      cachedDirection(f, directions, c00);
      cachedDirection(f, directions, c00 + 1);
      cachedDirection(f, directions, n1);
      cachedDirection(f, directions, n1 + 1);
      const dx = w00 * directions[2 * c00]! + w10 * directions[2 * c00 + 2]! + w01 * directions[2 * n1]! + w11 * directions[2 * n1 + 2]!;
      const dy = w00 * directions[2 * c00 + 1]! + w10 * directions[2 * c00 + 3]! + w01 * directions[2 * n1 + 1]! + w11 * directions[2 * n1 + 3]!;
      const len = Math.sqrt(dx * dx + dy * dy);
      out[0] = len > 1e-9 ? dx / len : 0;
      out[1] = len > 1e-9 ? dy / len : 0;
    }
    return w00 * v[c00]! + w10 * v[c00 + 1]! + w01 * v[n1]! + w11 * v[n1 + 1]!;
  }
  const corners = scratchCorners;
  corners[0] = c00;
  corners[1] = c00 + 1;
  corners[2] = c00 + g.nx;
  corners[3] = c00 + g.nx + 1;
  const weights = scratchWeights;
  weights[0] = (1 - tx) * (1 - ty);
  weights[1] = tx * (1 - ty);
  weights[2] = (1 - tx) * ty;
  weights[3] = tx * ty;

  let homeK = own;
  if (f.values[corners[own]!] === Infinity) {
    // The agent's own cell centre is in a wall (the agent stands close to it): use the nearest
    // usable corner instead.
    let best = -1;
    for (let k = 0; k < 4; k++) if (f.values[corners[k]!] !== Infinity && (best < 0 || weights[k]! > weights[best]!)) best = k;
    if (best < 0) {
      if (out) out[0] = out[1] = 0;
      return Infinity;
    }
    homeK = best;
  }
  const home = corners[homeK]!;
  let wsum = 0, value = 0, dx = 0, dy = 0;
  for (let k = 0; k < 4; k++) {
    const c = corners[k]!;
    const v = f.values[c]!;
    if (v === Infinity || !connected(g, home, c, (k & 1) - (homeK & 1))) continue;
    const w = weights[k]!;
    wsum += w;
    value += w * v;
    if (!out) continue;
    directionOf(wf, c);
    dx += w * scratchDir[0]!;
    dy += w * scratchDir[1]!;
  }
  if (wsum === 0) {
    wsum = 1;
    value = f.values[home]!;
    directionOf(wf, home);
    dx = scratchDir[0]!;
    dy = scratchDir[1]!;
  }
  if (out) {
    const len = Math.sqrt(dx * dx + dy * dy);
    out[0] = len > 1e-9 ? dx / len : 0;
    out[1] = len > 1e-9 ? dy / len : 0;
  }
  return value / wsum;
}

/**
 * Whether a ring is convex, holds every point of `coords` (flat x, y) and has no wall entering
 * its inside (walls along its edges are fine): then straight lines inside it are shortest paths.
 */
function clearConvexArea(ring: readonly Vec2[], coords: ArrayLike<number>, walls: WallSegments): boolean {
  const flat = ring.flat();
  const n = ring.length;
  if (n < 3 || !isConvex(flat)) return false;
  const side = ringArea(flat) > 0 ? 1 : -1;
  for (let k = 0; k < coords.length; k += 2) if (!pointInRing(flat, coords[k]!, coords[k + 1]!)) return false;
  for (let w = 0; w < walls.count; w++) {
    const ax = walls.ax[w]!, ay = walls.ay[w]!, bx = walls.bx[w]!, by = walls.by[w]!;
    // Clip the wall to the strict inside of each edge in turn (Cyrus-Beck): f(t) > 0 inside.
    let lo = 0, hi = 1, outside = false;
    for (let e = 0; e < n && !outside; e++) {
      const [x0, y0] = ring[e]!, [x1, y1] = ring[(e + 1) % n]!;
      const f0 = side * orient(x0, y0, x1, y1, ax, ay), f1 = side * orient(x0, y0, x1, y1, bx, by);
      if (f0 <= 0 && f1 <= 0) outside = true;
      else if (f0 < f1) lo = Math.max(lo, -f0 / (f1 - f0));
      else if (f0 > f1) hi = Math.min(hi, f0 / (f0 - f1));
    }
    if (!outside && hi - lo > 1e-9) return false;
  }
  return true;
}

/**
 * The open cells of a window's outer ring (sides where the level goes on) with their costs: x, y,
 * cost, cheapest first (ringCertifies stops at the first that cannot beat its bound).
 */
function openRing(f: DistanceField, west: boolean, east: boolean, south: boolean, north: boolean): Float64Array {
  const g = f.grid, h = g.cellSize, cells: [number, number, number][] = [];
  const put = (i: number, j: number): void => {
    const v = f.values[j * g.nx + i]!;
    if (v !== Infinity) cells.push([g.originX + (i + 0.5) * h, g.originY + (j + 0.5) * h, v]);
  };
  for (let j = 0; j < g.ny; j++) {
    if (west) put(0, j);
    if (east && g.nx > 1) put(g.nx - 1, j);
  }
  for (let i = 0; i < g.nx; i++) {
    if (south) put(i, 0);
    if (north && g.ny > 1) put(i, g.ny - 1);
  }
  return Float64Array.from(cells.sort((a, b) => a[2] - b[2]).flat());
}

/**
 * Whether every place in cell (i, j) has a windowed cost no more than any path leaving the
 * window: the costs sampled there blend the 3 x 3 cells around it, and a place in the cell is
 * within one cell size of its centre.
 */
function ringCertifies(wf: WindowedField, i: number, j: number): boolean {
  const f = wf.field, g = f.grid, h = g.cellSize;
  let highest = 0;
  for (let dj = -1; dj <= 1; dj++) {
    for (let di = -1; di <= 1; di++) {
      const ii = i + di, jj = j + dj;
      if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
      const v = f.values[jj * g.nx + ii]!;
      if (v !== Infinity && v > highest) highest = v;
    }
  }
  const cx = g.originX + (i + 0.5) * h, cy = g.originY + (j + 0.5) * h;
  const ring = wf.ring;
  for (let k = 0; k < ring.length; k += 3) {
    // A ring cell costs at least its cost, plus the walk to it: once even the cost alone cannot
    // reach below the bound, no later (dearer) cell can.
    if (ring[k + 2]! - h >= highest) break;
    const dx = cx - ring[k]!, dy = cy - ring[k + 1]!;
    if (Math.sqrt(dx * dx + dy * dy) + ring[k + 2]! - h < highest) return false;
  }
  return true;
}

/** The four centres of the square at c are reachable and joined by open links. */
function cleanSquare(f: DistanceField, c: number): boolean {
  const g = f.grid, v = f.values, n1 = c + g.nx;
  if (v[c] === Infinity || v[c + 1] === Infinity || v[n1] === Infinity || v[n1 + 1] === Infinity) return false;
  return linked(g, c, c + 1) && linked(g, c, n1) && linked(g, c + 1, n1 + 1) && linked(g, n1, n1 + 1);
}

/** Cell c's direction into scratchDir, from the cache when the field keeps one. */
function directionOf(wf: WindowedField, c: number): void {
  if (wf.directions.length === 0) {
    fieldDirection(wf.field, c, scratchDir);
    return;
  }
  cachedDirection(wf.field, wf.directions, c);
  scratchDir[0] = wf.directions[2 * c]!;
  scratchDir[1] = wf.directions[2 * c + 1]!;
}

/** Fills directions[2c], directions[2c + 1] from the field the first time cell c is sampled. */
function cachedDirection(f: DistanceField, directions: Float32Array, c: number): void {
  if (directions[2 * c] === directions[2 * c]) return;
  fieldDirection(f, c, scratchDir);
  directions[2 * c] = scratchDir[0]!;
  directions[2 * c + 1] = scratchDir[1]!;
}

const scratchCorners = new Int32Array(4);
const scratchWeights = new Float64Array(4);
const scratchDir = new Float64Array(2);

/**
 * Same cell, edge neighbours with an open link, or diagonal neighbours joined by two open links.
 * dxStep: b's column less a's (the caller knows it from the corners: no divisions here).
 */
function connected(g: NavigationGrid, a: number, b: number, dxStep: number): boolean {
  if (a === b) return true;
  const d = b - a;
  if (d === 1 || d === -1 || d === g.nx || d === -g.nx) return linked(g, a, b);
  const viaX = a + dxStep;
  const viaY = b - dxStep;
  return (linked(g, a, viaX) && linked(g, viaX, b)) || (linked(g, a, viaY) && linked(g, viaY, b));
}
