// The format's shorthands turned into plain coordinates: `repeat` copies, rectangles and circles
// as polygons, server rows and grids, standby offsets, per-server lines given relative to each
// server. Pure functions of already-validated data; order of output follows the input.
import type { TargetShape, Vec2 } from '@portflow/core';
import { portableMath } from '@portflow/core';
import type { PointItem, Repeat, ScenarioBarrier, ScenarioQueue, ScenarioShape, ScenarioTarget } from './schema.js';

/** The offsets of the copies a `repeat` makes (one zero offset without it). */
export function repeatOffsets(repeat: Repeat | undefined): Vec2[] {
  if (!repeat) return [[0, 0]];
  const [dx, dy] = repeat.step;
  const out: Vec2[] = [];
  if (typeof repeat.count === 'number') {
    for (let k = 0; k < repeat.count; k++) out.push([k * dx, k * dy]);
  } else {
    const [nx, ny] = repeat.count;
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out.push([i * dx, j * dy]);
  }
  return out;
}

const shift = (ring: readonly Vec2[], [dx, dy]: Vec2): Vec2[] => ring.map(([x, y]) => [x + dx, y + dy]);

/** The ring of a shape (without a closing vertex), before any repeat. */
export function shapeRing(shape: ScenarioShape): Vec2[] {
  switch (shape.kind) {
    case 'rect': {
      const x0 = Math.min(shape.from[0], shape.to[0]), x1 = Math.max(shape.from[0], shape.to[0]);
      const y0 = Math.min(shape.from[1], shape.to[1]), y1 = Math.max(shape.from[1], shape.to[1]);
      return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    }
    case 'polygon': {
      const pts = shape.points.map(([x, y]): Vec2 => [x, y]);
      const first = pts[0]!, last = pts[pts.length - 1]!;
      if (pts.length > 3 && first[0] === last[0] && first[1] === last[1]) pts.pop();
      return pts;
    }
    case 'circle': {
      const n = shape.sides ?? 16;
      const [cx, cy] = shape.center;
      return Array.from({ length: n }, (_, k): Vec2 => [cx + shape.radius * portableMath.cos((2 * Math.PI * k) / n), cy + shape.radius * portableMath.sin((2 * Math.PI * k) / n)]);
    }
  }
}

/** Every ring a shape stands for, one per repeat copy. */
export function shapeRings(shape: ScenarioShape): Vec2[][] {
  const ring = shapeRing(shape);
  return repeatOffsets(shape.repeat).map((o) => shift(ring, o));
}

/** Every polyline a barrier entry stands for. */
export function barrierLines(barrier: ScenarioBarrier): Vec2[][] {
  if (Array.isArray(barrier)) return [barrier.map(([x, y]): Vec2 => [x, y])];
  return repeatOffsets(barrier.repeat).map((o) => shift(barrier.points, o));
}

/** Points of a server list: plain points, and points with a `repeat` (rows and grids of gates). */
export function expandPoints(items: readonly PointItem[]): Vec2[] {
  const out: Vec2[] = [];
  for (const item of items) {
    if (Array.isArray(item)) out.push([item[0], item[1]]);
    else for (const o of repeatOffsets(item.repeat)) out.push([item.at[0] + o[0], item.at[1] + o[1]]);
  }
  return out;
}

/** Standby spots: a list like the servers', or one offset applied to every server. */
export function expandStandby(standby: readonly PointItem[] | { readonly offset: Vec2 }, servers: readonly Vec2[]): Vec2[] {
  if (Array.isArray(standby)) return expandPoints(standby);
  const [dx, dy] = (standby as { readonly offset: Vec2 }).offset;
  return servers.map(([x, y]): Vec2 => [x + dx, y + dy]);
}

/** The lines of a per-server queue, head first: given, or through offsets from each server. */
export function perServerPaths(queue: Extract<ScenarioQueue, { kind: 'per-server' }>, servers: readonly Vec2[]): Vec2[][] {
  if (queue.paths) return queue.paths.map((p) => p.map(([x, y]): Vec2 => [x, y]));
  const rel = queue.relative ?? [];
  return servers.map(([sx, sy]) => rel.map(([dx, dy]): Vec2 => [sx + dx, sy + dy]));
}

/** A scenario target as the engine's shape (`rect` becomes an `area`). */
export function toTargetShape(t: ScenarioTarget): TargetShape {
  switch (t.kind) {
    case 'point':
      return t.radius === undefined ? { kind: 'point', x: t.x, y: t.y } : { kind: 'point', x: t.x, y: t.y, radius: t.radius };
    case 'line':
      return t.reach === undefined ? { kind: 'line', from: t.from, to: t.to } : { kind: 'line', from: t.from, to: t.to, reach: t.reach };
    case 'area':
      return { kind: 'area', points: t.points };
    case 'rect':
      return { kind: 'area', points: shapeRing({ kind: 'rect', from: t.from, to: t.to }) };
  }
}
