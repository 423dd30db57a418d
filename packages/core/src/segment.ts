// Exact-as-floating-point predicates on points and segments, shared by geometry validation,
// the wall index and the movement model's hard wall constraint. Pure functions, no allocation.

/** Twice the signed area of triangle (a, b, c): > 0 when c lies left of a->b. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Squared distance from point p to segment a-b. */
export function distanceToSegmentSq(
  px: number, py: number, ax: number, ay: number, bx: number, by: number,
): number {
  const abx = bx - ax;
  const aby = by - ay;
  const len2 = abx * abx + aby * aby;
  let t = len2 > 0 ? ((px - ax) * abx + (py - ay) * aby) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = ax + t * abx - px;
  const dy = ay + t * aby - py;
  return dx * dx + dy * dy;
}

/** True when segments p-q and a-b share at least one point (touching counts). */
export function segmentsIntersect(
  px: number, py: number, qx: number, qy: number,
  ax: number, ay: number, bx: number, by: number,
): boolean {
  const d1 = orient(ax, ay, bx, by, px, py);
  const d2 = orient(ax, ay, bx, by, qx, qy);
  const d3 = orient(px, py, qx, qy, ax, ay);
  const d4 = orient(px, py, qx, qy, bx, by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(ax, ay, bx, by, px, py)) return true;
  if (d2 === 0 && onSegment(ax, ay, bx, by, qx, qy)) return true;
  if (d3 === 0 && onSegment(px, py, qx, qy, ax, ay)) return true;
  if (d4 === 0 && onSegment(px, py, qx, qy, bx, by)) return true;
  return false;
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** Even-odd point-in-polygon for a ring given as flat [x0, y0, x1, y1, ...]. */
export function pointInRing(ring: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!;
    const yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!;
    const yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Signed area of a flat ring (> 0 counter-clockwise). */
export function ringArea(ring: ArrayLike<number>): number {
  let a = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    a += ring[2 * j]! * ring[2 * i + 1]! - ring[2 * i]! * ring[2 * j + 1]!;
  }
  return a / 2;
}
