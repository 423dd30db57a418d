// The walkable area of one level: an outline polygon with holes (walls, pillars, counters)
// and thin barriers, in metres. Invariant: a Geometry exists only if every ring is a simple, non-degenerate
// polygon, holes lie inside the outline and no two rings touch; otherwise createGeometry
// throws a GeometryError naming each offending element and why.
import { distanceToSegmentSq, orient, pointInRing, ringArea, segmentsIntersect } from './segment.js';

export type Vec2 = readonly [number, number];

export interface WalkableAreaSpec {
  /** Outer boundary, at least 3 vertices; a closing vertex equal to the first is accepted. */
  readonly outline: readonly Vec2[];
  /** Obstacles inside the outline: walls, pillars, counters. */
  readonly holes?: readonly (readonly Vec2[])[];
  /**
   * Thin barriers as polylines (queue barriers, rope lines, glass screens, gate-lane dividers):
   * they block walking and sight like walls but take no area. They may touch walls and each
   * other; every vertex must lie in the walkable area or on its boundary.
   */
  readonly barriers?: readonly (readonly Vec2[])[];
}

export interface GeometryProblem {
  /** Which element: `outline`, `holes[2]`, `outline vs holes[0]`. */
  readonly element: string;
  readonly reason: string;
}

export class GeometryError extends Error {
  readonly problems: readonly GeometryProblem[];
  constructor(problems: readonly GeometryProblem[], context = 'geometry') {
    super(`invalid ${context}: ` + problems.map((p) => `${p.element}: ${p.reason}`).join('; '));
    this.name = 'GeometryError';
    this.problems = problems;
  }
}

export interface Bounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/**
 * Wall segments as struct-of-arrays: segment k runs from (ax[k], ay[k]) to (bx[k], by[k]). The
 * first `ringCount` are the edges of the outline and holes (they bound the area); barrier
 * segments follow.
 */
export interface WallSegments {
  readonly count: number;
  readonly ringCount: number;
  readonly ax: Float64Array;
  readonly ay: Float64Array;
  readonly bx: Float64Array;
  readonly by: Float64Array;
}

export interface Geometry {
  readonly spec: WalkableAreaSpec;
  readonly bounds: Bounds;
  /** Walkable area in m^2 (outline minus holes). */
  readonly area: number;
  /** True when the outline is convex and there are no holes: every shortest path is straight. */
  readonly convex: boolean;
  readonly walls: WallSegments;
  /** True when (x, y) lies inside the outline and outside every hole. */
  contains(x: number, y: number): boolean;
  /** Distance from (x, y) to the nearest wall segment (brute force: for validation, not per step). */
  distanceToWall(x: number, y: number): number;
  /** The same, to the nearest barrier only (the lines inside the area, not its outline or holes). */
  distanceToBarrier(x: number, y: number): number;
}

const flatten = (ring: readonly Vec2[]): number[] => {
  const out: number[] = [];
  for (const p of ring) out.push(p[0], p[1]);
  // Accept closed rings (last vertex repeating the first) by dropping the closing vertex.
  const n = out.length;
  if (n >= 4 && out[0] === out[n - 2] && out[1] === out[n - 1]) out.length = n - 2;
  return out;
};

/** Distance from (x, y) to the nearest of wall segments from .. walls.count. */
function nearestWall(walls: WallSegments, from: number, x: number, y: number): number {
  let best = Infinity;
  for (let s = from; s < walls.count; s++) best = Math.min(best, distanceToSegmentSq(x, y, walls.ax[s]!, walls.ay[s]!, walls.bx[s]!, walls.by[s]!));
  return Math.sqrt(best);
}

export function createGeometry(spec: WalkableAreaSpec): Geometry {
  const problems: GeometryProblem[] = [];
  const rings: { name: string; flat: number[] }[] = [];
  const named: [string, readonly Vec2[] | undefined][] = [['outline', spec.outline]];
  (spec.holes ?? []).forEach((h, i) => named.push([`holes[${i}]`, h]));

  for (const [name, ring] of named) {
    const problem = ringProblem(ring);
    if (problem) problems.push({ element: name, reason: problem });
    else rings.push({ name, flat: flatten(ring!) });
  }
  // Check the valid rings against each other even when others are bad: report every problem.
  const crossings = crossingProblems(rings);
  problems.push(...crossings);
  const outline = rings[0]?.name === 'outline' ? rings[0].flat : undefined;
  for (const hole of rings.filter((r) => r.name !== 'outline')) {
    if (!outline || crossings.some((c) => c.element.includes(hole.name))) continue;
    if (!pointInRing(outline, hole.flat[0]!, hole.flat[1]!)) {
      problems.push({ element: hole.name, reason: 'lies outside the outline' });
    }
    for (const other of rings) {
      if (other !== hole && other.name !== 'outline' && pointInRing(other.flat, hole.flat[0]!, hole.flat[1]!)) {
        problems.push({ element: hole.name, reason: `lies inside ${other.name}; merge nested obstacles` });
      }
    }
  }
  const barriers = (spec.barriers ?? []).map((b, i) => ({ name: `barriers[${i}]`, line: b }));
  const barrierFlats: number[][] = [];
  for (const { name, line } of barriers) {
    const problem = barrierProblem(line);
    if (problem) {
      problems.push({ element: name, reason: problem });
      continue;
    }
    barrierFlats.push(line.flatMap((p) => [p[0], p[1]]));
  }
  if (problems.length > 0) throw new GeometryError(problems);
  const outer = rings[0]!.flat;

  const flats = rings.map((r) => r.flat);
  const holes = flats.slice(1);
  let ringCount = 0;
  for (const f of flats) ringCount += f.length / 2;
  let count = ringCount;
  for (const b of barrierFlats) count += b.length / 2 - 1;
  const walls = {
    count,
    ringCount,
    ax: new Float64Array(count),
    ay: new Float64Array(count),
    bx: new Float64Array(count),
    by: new Float64Array(count),
  };
  let k = 0;
  for (const f of flats) {
    const n = f.length / 2;
    for (let i = 0; i < n; i++, k++) {
      const j = (i + 1) % n;
      walls.ax[k] = f[2 * i]!;
      walls.ay[k] = f[2 * i + 1]!;
      walls.bx[k] = f[2 * j]!;
      walls.by[k] = f[2 * j + 1]!;
    }
  }
  for (const b of barrierFlats) {
    for (let i = 0; i + 3 < b.length; i += 2, k++) {
      walls.ax[k] = b[i]!;
      walls.ay[k] = b[i + 1]!;
      walls.bx[k] = b[i + 2]!;
      walls.by[k] = b[i + 3]!;
    }
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    minX = Math.min(minX, outer[i]!);
    maxX = Math.max(maxX, outer[i]!);
    minY = Math.min(minY, outer[i + 1]!);
    maxY = Math.max(maxY, outer[i + 1]!);
  }
  const area = Math.abs(ringArea(outer)) - holes.reduce((a, h) => a + Math.abs(ringArea(h)), 0);

  const geometry: Geometry = {
    spec,
    bounds: { minX, minY, maxX, maxY },
    area,
    convex: holes.length === 0 && barrierFlats.length === 0 && isConvex(outer),
    walls,
    contains(x, y) {
      if (!pointInRing(outer, x, y)) return false;
      for (const h of holes) if (pointInRing(h, x, y)) return false;
      return true;
    },
    distanceToWall: (x, y) => nearestWall(walls, 0, x, y),
    distanceToBarrier: (x, y) => nearestWall(walls, walls.ringCount, x, y),
  };
  barrierFlats.forEach((b, i) => {
    for (let k = 0; k < b.length; k += 2) {
      const x = b[k]!, y = b[k + 1]!;
      if (!geometry.contains(x, y) && ringDistance(walls, x, y) > 1e-9) {
        problems.push({ element: `barriers[${i}]`, reason: `point ${k / 2} (${fmt(x)}, ${fmt(y)}) is outside the walkable area` });
        break;
      }
    }
  });
  if (problems.length > 0) throw new GeometryError(problems);
  return geometry;
}

function ringDistance(walls: WallSegments, x: number, y: number): number {
  let best = Infinity;
  for (let s = 0; s < walls.ringCount; s++) {
    best = Math.min(best, distanceToSegmentSq(x, y, walls.ax[s]!, walls.ay[s]!, walls.bx[s]!, walls.by[s]!));
  }
  return Math.sqrt(best);
}

function ringProblem(ring: readonly Vec2[] | undefined): string | undefined {
  if (!Array.isArray(ring)) return 'must be an array of [x, y] points';
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return `vertex ${i} is not a pair of finite numbers`;
    }
  }
  const flat = flatten(ring);
  const n = flat.length / 2;
  if (n < 3) return `has ${n} distinct vertices, needs at least 3`;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    if (flat[2 * i] === flat[2 * j] && flat[2 * i + 1] === flat[2 * j + 1]) {
      return `vertices ${i} and ${j} coincide (degenerate edge)`;
    }
  }
  if (Math.abs(ringArea(flat)) < 1e-9) return 'has zero area (degenerate polygon)';
  return undefined;
}

function barrierProblem(line: readonly Vec2[] | undefined): string | undefined {
  if (!Array.isArray(line) || line.length < 2) return 'needs at least 2 points';
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return `point ${i} is not a pair of finite numbers`;
    }
    if (i > 0 && p[0] === line[i - 1]![0] && p[1] === line[i - 1]![1]) return `points ${i - 1} and ${i} coincide`;
  }
  return undefined;
}

/** Every pair of edges that touch or cross, other than neighbours in the same ring. */
function crossingProblems(rings: readonly { name: string; flat: number[] }[]): GeometryProblem[] {
  interface Edge { ring: number; i: number; n: number; ax: number; ay: number; bx: number; by: number; minX: number; maxX: number }
  const edges: Edge[] = [];
  rings.forEach((r, ring) => {
    const n = r.flat.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const ax = r.flat[2 * i]!, ay = r.flat[2 * i + 1]!, bx = r.flat[2 * j]!, by = r.flat[2 * j + 1]!;
      edges.push({ ring, i, n, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  edges.sort((a, b) => a.minX - b.minX);
  const problems: GeometryProblem[] = [];
  const seen = new Set<string>();
  for (let a = 0; a < edges.length; a++) {
    const e = edges[a]!;
    for (let b = a + 1; b < edges.length && edges[b]!.minX <= e.maxX; b++) {
      const f = edges[b]!;
      if (e.ring === f.ring) {
        const d = Math.abs(e.i - f.i);
        if (d === 1 || d === e.n - 1) {
          // Adjacent edges share a vertex; they are bad only if they fold back onto each other.
          const shared = (e.i + 1) % e.n === f.i ? [e.bx, e.by, e.ax, e.ay, f.bx, f.by] : [e.ax, e.ay, e.bx, e.by, f.ax, f.ay];
          const [sx, sy, px, py, qx, qy] = shared as [number, number, number, number, number, number];
          const collinear = orient(px, py, sx, sy, qx, qy) === 0;
          const backwards = (px - sx) * (qx - sx) + (py - sy) * (qy - sy) > 0;
          if (!(collinear && backwards)) continue;
        }
      }
      if (!segmentsIntersect(e.ax, e.ay, e.bx, e.by, f.ax, f.ay, f.bx, f.by)) continue;
      const ea = rings[e.ring]!.name;
      const fa = rings[f.ring]!.name;
      const key = ea === fa ? ea : [ea, fa].sort().join(' vs ');
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(
        ea === fa
          ? { element: ea, reason: `is self-intersecting (edge ${Math.min(e.i, f.i)} meets edge ${Math.max(e.i, f.i)})` }
          : { element: key, reason: `boundaries touch or cross near (${fmt(e.ax)}, ${fmt(e.ay)})` },
      );
    }
  }
  return problems;
}

const fmt = (v: number): string => String(Math.round(v * 1000) / 1000);

/** Whether a flat ring [x0, y0, x1, y1, ...] is convex (collinear vertices allowed). */
export function isConvex(flat: readonly number[]): boolean {
  const n = flat.length / 2;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const a = i, b = (i + 1) % n, c = (i + 2) % n;
    const o = orient(flat[2 * a]!, flat[2 * a + 1]!, flat[2 * b]!, flat[2 * b + 1]!, flat[2 * c]!, flat[2 * c + 1]!);
    if (o === 0) continue;
    const s = o > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}
