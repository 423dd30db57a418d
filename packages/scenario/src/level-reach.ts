// Which places of a level can reach which: the connected pieces of the engine's own navigation
// grid (walkable cell centres, links cut by walls and thin barriers), labelled once per level by
// a breadth-first fill. Two places are connected when some cell near one and some cell near the
// other carry the same label; this is what the engine's distance fields will find, without
// computing a field per target.
import type { Geometry, NavigationGrid, NavigationGridOptions, TargetShape, Vec2 } from '@portflow/core';
import { createNavigationGrid, portableMath } from '@portflow/core';

export class LevelReach {
  readonly geometry: Geometry;
  private readonly grid: NavigationGrid;
  private readonly label: Int32Array;

  constructor(geometry: Geometry, navigation: Partial<NavigationGridOptions> = {}) {
    this.geometry = geometry;
    const grid = createNavigationGrid(geometry, navigation);
    this.grid = grid;
    const { nx, ny, walkable, blockedEast, blockedNorth } = grid;
    const label = new Int32Array(nx * ny).fill(-1);
    const stack: number[] = [];
    let next = 0;
    for (let c0 = 0; c0 < nx * ny; c0++) {
      if (!walkable[c0] || label[c0]! >= 0) continue;
      label[c0] = next;
      stack.push(c0);
      while (stack.length > 0) {
        const c = stack.pop()!;
        const i = c % nx;
        const visit = (d: number, open: boolean): void => {
          if (open && walkable[d] && label[d]! < 0) {
            label[d] = next;
            stack.push(d);
          }
        };
        if (i + 1 < nx) visit(c + 1, !blockedEast[c]);
        if (i > 0) visit(c - 1, !blockedEast[c - 1]);
        if (c + nx < nx * ny) visit(c + nx, !blockedNorth[c]);
        if (c - nx >= 0) visit(c - nx, !blockedNorth[c - nx]);
      }
      next++;
    }
    this.label = label;
  }

  /** True when (x, y) lies in the walkable area. */
  contains(p: Vec2): boolean {
    return this.geometry.contains(p[0], p[1]);
  }

  /**
   * Labels of the connected pieces the shape touches, as the engine's distance fields see it:
   * walkable cells whose centre lies within 1.5 cells of the shape itself (a point's centre, a
   * line's segment, an area), the start band of the fast marching in @portflow/core. A point's
   * radius does not widen it: a point target whose centre sits inside a pillar cannot be reached.
   */
  piecesOf(shape: TargetShape): Set<number> {
    const g = this.grid;
    const h = g.cellSize;
    const band = 1.5 * h;
    const out = new Set<number>();
    let minX: number, minY: number, maxX: number, maxY: number;
    let near: (x: number, y: number) => boolean;
    switch (shape.kind) {
      case 'point': {
        minX = shape.x - band; maxX = shape.x + band; minY = shape.y - band; maxY = shape.y + band;
        near = (x, y) => (x - shape.x) ** 2 + (y - shape.y) ** 2 <= band * band;
        break;
      }
      case 'line': {
        const [ax, ay] = shape.from, [bx, by] = shape.to;
        minX = Math.min(ax, bx) - band; maxX = Math.max(ax, bx) + band; minY = Math.min(ay, by) - band; maxY = Math.max(ay, by) + band;
        near = (x, y) => distanceToSegment(x, y, ax, ay, bx, by) <= band;
        break;
      }
      case 'area': {
        const pts = shape.points;
        minX = Math.min(...pts.map((p) => p[0])) - band; maxX = Math.max(...pts.map((p) => p[0])) + band;
        minY = Math.min(...pts.map((p) => p[1])) - band; maxY = Math.max(...pts.map((p) => p[1])) + band;
        near = (x, y) => inRing(pts, x, y) || ringDistance(pts, x, y) <= band;
        break;
      }
    }
    const i0 = Math.max(0, Math.floor((minX - g.originX) / h)), i1 = Math.min(g.nx - 1, Math.floor((maxX - g.originX) / h));
    const j0 = Math.max(0, Math.floor((minY - g.originY) / h)), j1 = Math.min(g.ny - 1, Math.floor((maxY - g.originY) / h));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const c = j * g.nx + i;
        const l = this.label[c]!;
        if (l < 0 || out.has(l)) continue;
        if (near(g.originX + (i + 0.5) * h, g.originY + (j + 0.5) * h)) out.add(l);
      }
    }
    return out;
  }

  /** True when the segment from a to b crosses a wall or a barrier. */
  crossesWall(a: Vec2, b: Vec2): boolean {
    const w = this.geometry.walls;
    for (let s = 0; s < w.count; s++) {
      if (segmentsCross(a[0], a[1], b[0], b[1], w.ax[s]!, w.ay[s]!, w.bx[s]!, w.by[s]!)) return true;
    }
    return false;
  }
}

/** True when some piece is in both sets. */
export function sharePiece(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let u = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
  u = Math.max(0, Math.min(1, u));
  return portableMath.hypot(x - ax - u * dx, y - ay - u * dy);
}

function inRing(pts: readonly Vec2[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!, [xj, yj] = pts[j]!;
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

function ringDistance(pts: readonly Vec2[], x: number, y: number): number {
  let best = Infinity;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    best = Math.min(best, distanceToSegment(x, y, pts[j]![0], pts[j]![1], pts[i]![0], pts[i]![1]));
  }
  return best;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Proper or touching intersection of segments ab and cd. */
function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay), d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy), d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean =>
    Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
  return (d1 === 0 && on(cx, cy, dx, dy, ax, ay)) || (d2 === 0 && on(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && on(ax, ay, bx, by, cx, cy)) || (d4 === 0 && on(ax, ay, bx, by, dx, dy));
}
