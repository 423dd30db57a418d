// A serpentine queue generated from a rectangle: `lanes` parallel lanes joined by U-turns, the
// line's path along the lane centres and the barriers that make it (an enclosure open at the
// entrance and the exit, and a divider between neighbouring lanes with a turn gap one lane wide).
// Built in a local frame (u along the lanes, v across, the head lane at v = 0 leaving at u = L)
// and mapped to the rectangle so that the head sits at the named corner.
import type { Vec2 } from '@portflow/core';
import type { ScenarioQueue } from './schema.js';

export type SerpentineSpec = Extract<ScenarioQueue, { kind: 'serpentine' }>;

export interface Serpentine {
  /** The line, head first (the engine's convention), lead included. */
  readonly path: Vec2[];
  /** Thin barriers: enclosure pieces and lane dividers. */
  readonly barriers: Vec2[][];
  /** Lane width, m. */
  readonly laneWidth: number;
  /** Lane length, m. */
  readonly laneLength: number;
  /** Indices in `path` of where each lane but the entrance lane begins (the belts' openings). */
  readonly openings: number[];
}

export function serpentine(spec: SerpentineSpec): Serpentine {
  const minX = Math.min(spec.from[0], spec.to[0]), maxX = Math.max(spec.from[0], spec.to[0]);
  const minY = Math.min(spec.from[1], spec.to[1]), maxY = Math.max(spec.from[1], spec.to[1]);
  const alongX = spec.along === 'x';
  const L = alongX ? maxX - minX : maxY - minY;
  const H = alongX ? maxY - minY : maxX - minX;
  const n = spec.lanes;
  const w = H / n;
  const south = spec.head.startsWith('south');
  const east = spec.head.endsWith('east');
  // Local (u, v) -> world (x, y).
  const world = ([u, v]: Vec2): Vec2 => {
    if (alongX) return [east ? minX + u : maxX - u, south ? minY + v : maxY - v];
    return [east ? maxX - v : minX + v, south ? maxY - u : minY + u];
  };

  const centre = (k: number): number => (k + 0.5) * w;
  const inset = Math.min(0.5, w / 2);
  // Lane k is walked towards +u when k is even: lane 0 ends at the head (u = L).
  const forward = (k: number): boolean => k % 2 === 0;
  const walk: Vec2[] = [[forward(n - 1) ? inset : L - inset, centre(n - 1)]];
  for (let k = n - 1; k >= 1; k--) {
    const endU = forward(k) ? L - w / 2 : w / 2;
    walk.push([endU, centre(k)], [endU, centre(k - 1)]);
  }
  walk.push([L - inset, centre(0)]);

  const barriers: Vec2[][] = [];
  if (spec.enclose ?? true) {
    const entranceAtStart = forward(n - 1);
    barriers.push([[0, 0], [L, 0]], [[0, H], [L, H]]);
    // Side u = 0: open at the entrance lane when the line enters there.
    const side0Top = entranceAtStart ? H - w : H;
    if (side0Top > 0) barriers.push([[0, 0], [0, side0Top]]);
    // Side u = L: open at the exit (lane 0) and at the entrance lane when the line enters there.
    const sideLTop = entranceAtStart ? H : H - w;
    if (sideLTop > w) barriers.push([[L, w], [L, sideLTop]]);
  }
  for (let k = 0; k < n - 1; k++) {
    const v = (k + 1) * w;
    // Travellers turn from lane k + 1 into lane k at the end lane k + 1 runs to.
    barriers.push(forward(k + 1) ? [[0, v], [L - w, v]] : [[w, v], [L, v]]);
  }

  const walking = [...walk.map(world), ...(spec.lead ?? []).map(([x, y]): Vec2 => [x, y])];
  // Lane k < n - 1 begins at walk[2 (n - 1 - k)]; the path is reversed to run head first.
  const openings = Array.from({ length: n - 1 }, (_, k) => walking.length - 1 - 2 * (n - 1 - k));
  return { path: walking.reverse(), barriers: barriers.map((b) => b.map(world)), laneWidth: w, laneLength: L, openings };
}
