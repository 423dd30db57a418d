// Targets agents walk to, as whole shapes: a point with a radius, a line (a door, a row of
// gates), or an area. Wide targets are targets as a whole: the navigation field starts from the
// entire shape, so agents head for its nearest part, never for its centre.
import type { Vec2 } from './geometry.js';
import { distanceToSegmentSq, pointInRing } from './segment.js';
import { hypot } from './portable-math.js';

export type TargetShape =
  /** Reached when the agent's centre is within `radius` m (default 0.5) of (x, y). */
  | { readonly kind: 'point'; readonly x: number; readonly y: number; readonly radius?: number }
  /** Reached when the agent's centre is within `reach` m (default 0.3) of the segment. */
  | { readonly kind: 'line'; readonly from: Vec2; readonly to: Vec2; readonly reach?: number }
  /** Reached when the agent's centre is inside the polygon. */
  | { readonly kind: 'area'; readonly points: readonly Vec2[] };

export const targetDefaults = { pointRadius: 0.5, lineReach: 0.3 } as const;

/** A target compiled to flat numbers for the step loop. */
export interface CompiledTarget {
  readonly shape: TargetShape;
  /** 0 point, 1 line, 2 area. */
  readonly code: 0 | 1 | 2;
  /** point: [x, y]; line: [ax, ay, bx, by]; area: ring [x0, y0, ...]. */
  readonly coords: Float64Array;
  /** Point radius or line reach; 0 for areas. */
  readonly tolerance: number;
}

export function compileTarget(shape: TargetShape): CompiledTarget {
  switch (shape.kind) {
    case 'point':
      return { shape, code: 0, coords: Float64Array.of(shape.x, shape.y), tolerance: shape.radius ?? targetDefaults.pointRadius };
    case 'line':
      return {
        shape, code: 1,
        coords: Float64Array.of(shape.from[0], shape.from[1], shape.to[0], shape.to[1]),
        tolerance: shape.reach ?? targetDefaults.lineReach,
      };
    case 'area':
      return { shape, code: 2, coords: Float64Array.from(shape.points.flat()), tolerance: 0 };
  }
}

/** True when the agent's centre (x, y) has reached the target. */
export function hasReached(t: CompiledTarget, x: number, y: number): boolean {
  const c = t.coords;
  switch (t.code) {
    case 0: {
      const dx = x - c[0]!, dy = y - c[1]!;
      return dx * dx + dy * dy <= t.tolerance * t.tolerance;
    }
    case 1:
      return distanceToSegmentSq(x, y, c[0]!, c[1]!, c[2]!, c[3]!) <= t.tolerance * t.tolerance;
    case 2:
      return pointInRing(c, x, y);
  }
}

/** Euclidean distance from (x, y) to the target's shape (0 inside an area or on a line). */
export function distanceToShape(t: CompiledTarget, x: number, y: number): number {
  const c = t.coords;
  switch (t.code) {
    case 0:
      return hypot(x - c[0]!, y - c[1]!);
    case 1:
      return Math.sqrt(distanceToSegmentSq(x, y, c[0]!, c[1]!, c[2]!, c[3]!));
    case 2: {
      if (pointInRing(c, x, y)) return 0;
      let best = Infinity;
      const n = c.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        best = Math.min(best, distanceToSegmentSq(x, y, c[2 * j]!, c[2 * j + 1]!, c[2 * i]!, c[2 * i + 1]!));
      }
      return Math.sqrt(best);
    }
  }
}

/**
 * Writes into out[0..1] the unit vector from (x, y) towards the nearest point of the target
 * (zero when already on it) and returns the distance to that point (0 inside an area).
 * Straight-line guidance, exact in convex, hole-free geometry.
 */
export function directionToShape(t: CompiledTarget, x: number, y: number, out: Float64Array): number {
  const c = t.coords;
  let px = 0, py = 0;
  if (t.code === 0) {
    px = c[0]!;
    py = c[1]!;
  } else {
    let best = Infinity;
    const n = c.length / 2;
    const segments = t.code === 1 ? 1 : n;
    for (let s = 0; s < segments; s++) {
      const ax = c[2 * s]!, ay = c[2 * s + 1]!;
      const k = t.code === 1 ? 1 : (s + 1) % n;
      const bx = c[2 * k]!, by = c[2 * k + 1]!;
      const abx = bx - ax, aby = by - ay;
      const len2 = abx * abx + aby * aby;
      let u = len2 > 0 ? ((x - ax) * abx + (y - ay) * aby) / len2 : 0;
      u = u < 0 ? 0 : u > 1 ? 1 : u;
      const qx = ax + u * abx, qy = ay + u * aby;
      const d = (qx - x) * (qx - x) + (qy - y) * (qy - y);
      if (d < best) {
        best = d;
        px = qx;
        py = qy;
      }
    }
    if (t.code === 2 && pointInRing(c, x, y)) {
      out[0] = 0;
      out[1] = 0;
      return 0;
    }
  }
  const dx = px - x, dy = py - y;
  const len = Math.sqrt(dx * dx + dy * dy);
  out[0] = len > 1e-12 ? dx / len : 0;
  out[1] = len > 1e-12 ? dy / len : 0;
  return len;
}
