// Where each agent wants to go next: the unit direction of the shortest (least-cost) path to its
// target. One distance field per target, computed once on first use and shared by every agent
// with that target; in convex, hole-free geometry the straight line is the shortest path and no
// field is needed. Invariant: direction() allocates nothing and returns a unit vector or zero.
import type { DistanceField } from './fast-marching.js';
import { computeDistanceField, fieldDirection } from './fast-marching.js';
import type { Geometry } from './geometry.js';
import type { NavigationGrid, NavigationGridOptions } from './navigation-grid.js';
import { createNavigationGrid, linked } from './navigation-grid.js';
import type { CompiledTarget, TargetShape } from './target.js';
import { compileTarget, directionToShape, distanceToShape } from './target.js';

/** Index of a target in its simulation. */
export type TargetId = number;

export interface Navigation {
  readonly targets: readonly CompiledTarget[];
  /** Straight-line guidance (the geometry is convex with no holes). */
  readonly direct: boolean;
  addTarget(shape: TargetShape): TargetId;
  /** Computes the target's distance field now, if it needs one (call outside the step loop). */
  prepare(target: TargetId): void;
  /** Walking cost in m from (x, y) to the target; Infinity when it cannot be reached. */
  distance(target: TargetId, x: number, y: number): number;
  /** Writes the unit direction of the shortest path into out[0], out[1]; returns the walking cost left, m. */
  direction(target: TargetId, x: number, y: number, out: Float64Array): number;
  /** The target's field, computing it if needed; undefined in direct mode. */
  field(target: TargetId): DistanceField | undefined;
}

export function createNavigation(geometry: Geometry, options: Partial<NavigationGridOptions> = {}): Navigation {
  const targets: CompiledTarget[] = [];
  const fields: (DistanceField | undefined)[] = [];
  const direct = geometry.convex;
  let grid: NavigationGrid | undefined;

  const fieldOf = (t: TargetId): DistanceField => {
    let f = fields[t];
    if (!f) {
      grid ??= createNavigationGrid(geometry, options);
      f = computeDistanceField(grid, targets[t]!);
      fields[t] = f;
    }
    return f;
  };

  return {
    targets,
    direct,
    addTarget(shape) {
      targets.push(compileTarget(shape));
      return targets.length - 1;
    },
    prepare(t) {
      if (!direct) fieldOf(t);
    },
    field: (t) => (direct ? undefined : fieldOf(t)),
    distance(t, x, y) {
      if (direct) return distanceToShape(targets[t]!, x, y);
      return sampleField(fieldOf(t), x, y, undefined);
    },
    direction(t, x, y, out) {
      const target = targets[t]!;
      if (direct) {
        directionToShape(target, x, y, out);
        return distanceToShape(target, x, y);
      }
      const f = fields[t] ?? fieldOf(t);
      const cost = sampleField(f, x, y, out);
      // Inside the exact start band the field is flat: head straight for the shape itself.
      if (out[0] === 0 && out[1] === 0) directionToShape(target, x, y, out);
      return cost;
    },
  };
}

/**
 * Bilinear sample of a field at (x, y) over the four surrounding cell centres, using only
 * centres reachable from the agent's own cell without crossing a wall (a thin barrier must not
 * blend the directions of the lanes on either side). Writes the unit direction to `out` when
 * given and returns the interpolated cost.
 */
function sampleField(f: DistanceField, x: number, y: number, out: Float64Array | undefined): number {
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

  let home = corners[own]!;
  if (f.values[home] === Infinity) {
    // The agent's own cell centre is in a wall (the agent stands close to it): use the nearest
    // usable corner instead.
    let best = -1;
    for (let k = 0; k < 4; k++) if (f.values[corners[k]!] !== Infinity && (best < 0 || weights[k]! > weights[best]!)) best = k;
    if (best < 0) {
      if (out) out[0] = out[1] = 0;
      return Infinity;
    }
    home = corners[best]!;
  }
  let wsum = 0, value = 0, dx = 0, dy = 0;
  for (let k = 0; k < 4; k++) {
    const c = corners[k]!;
    const v = f.values[c]!;
    if (v === Infinity || !connected(g, home, c)) continue;
    const w = weights[k]!;
    wsum += w;
    value += w * v;
    fieldDirection(f, c, scratchDir);
    dx += w * scratchDir[0]!;
    dy += w * scratchDir[1]!;
  }
  if (wsum === 0) {
    wsum = 1;
    value = f.values[home]!;
    fieldDirection(f, home, scratchDir);
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

const scratchCorners = new Int32Array(4);
const scratchWeights = new Float64Array(4);
const scratchDir = new Float64Array(2);

/** Same cell, edge neighbours with an open link, or diagonal neighbours joined by two open links. */
function connected(g: NavigationGrid, a: number, b: number): boolean {
  if (a === b) return true;
  const d = b - a;
  if (d === 1 || d === -1 || d === g.nx || d === -g.nx) return linked(g, a, b);
  const dxStep = (b % g.nx) - (a % g.nx);
  const viaX = a + dxStep;
  const viaY = b - dxStep;
  return (linked(g, a, viaX) && linked(g, viaX, b)) || (linked(g, a, viaY) && linked(g, viaY, b));
}
