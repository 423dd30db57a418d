// The raster every distance field of a level is computed on: which cell centres are walkable,
// which links between neighbouring centres a wall cuts (so thin barriers never leak), and a
// walking cost that rises near walls. Invariant: cell (i, j) has centre
// (originX + (i + 0.5) h, originY + (j + 0.5) h) and index j * nx + i.
import type { Geometry } from './geometry.js';
import { distanceToSegmentSq, segmentsIntersect } from './segment.js';

export interface NavigationGridOptions {
  /** Cell size h in m. Range 0.05-1; default 0.2 (finer than a body, coarse enough for a 200 m hall). */
  readonly cellSize: number;
  /** Distance from walls, in m, within which walking costs more. Default 0.4. */
  readonly wallBuffer: number;
  /** Extra cost factor at the wall itself, falling linearly to 0 at `wallBuffer`. Default 1.5. */
  readonly wallPenalty: number;
}

export const navigationGridDefaults: NavigationGridOptions = { cellSize: 0.2, wallBuffer: 0.4, wallPenalty: 1.5 };

export interface NavigationGrid {
  readonly nx: number;
  readonly ny: number;
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  /** 1 where the cell centre lies in the walkable area. */
  readonly walkable: Uint8Array;
  /** 1 where a wall cuts the link from cell c to c + 1 (east). */
  readonly blockedEast: Uint8Array;
  /** 1 where a wall cuts the link from cell c to c + nx (north). */
  readonly blockedNorth: Uint8Array;
  /** Walking cost per metre (slowness, >= 1) of each walkable cell. */
  readonly slowness: Float32Array;
}

export function createNavigationGrid(geometry: Geometry, options: Partial<NavigationGridOptions> = {}): NavigationGrid {
  const { cellSize: h, wallBuffer, wallPenalty } = { ...navigationGridDefaults, ...options };
  const { bounds, walls } = geometry;
  const originX = bounds.minX - h;
  const originY = bounds.minY - h;
  const nx = Math.ceil((bounds.maxX - bounds.minX) / h) + 2;
  const ny = Math.ceil((bounds.maxY - bounds.minY) / h) + 2;
  const walkable = new Uint8Array(nx * ny);

  // Scanline fill by the even-odd rule over all rings (holes lie inside the outline).
  const xs: number[] = [];
  for (let j = 0; j < ny; j++) {
    const y = originY + (j + 0.5) * h;
    xs.length = 0;
    // Only the rings bound the area; barriers are lines inside it.
    for (let s = 0; s < walls.ringCount; s++) {
      const ay = walls.ay[s]!, by = walls.by[s]!;
      if (ay > y !== by > y) xs.push(walls.ax[s]! + ((y - ay) * (walls.bx[s]! - walls.ax[s]!)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const i0 = Math.max(0, Math.ceil((xs[k]! - originX) / h - 0.5));
      const i1 = Math.min(nx - 1, Math.floor((xs[k + 1]! - originX) / h - 0.5));
      for (let i = i0; i <= i1; i++) walkable[j * nx + i] = 1;
    }
  }

  const blockedEast = new Uint8Array(nx * ny);
  const blockedNorth = new Uint8Array(nx * ny);
  const wallDistance = new Float32Array(nx * ny).fill(Infinity);
  for (let s = 0; s < walls.count; s++) {
    const ax = walls.ax[s]!, ay = walls.ay[s]!, bx = walls.bx[s]!, by = walls.by[s]!;
    const pad = Math.max(wallBuffer, h) + h;
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - pad - originX) / h));
    const i1 = Math.min(nx - 1, Math.floor((Math.max(ax, bx) + pad - originX) / h));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by) - pad - originY) / h));
    const j1 = Math.min(ny - 1, Math.floor((Math.max(ay, by) + pad - originY) / h));
    for (let j = j0; j <= j1; j++) {
      const cy = originY + (j + 0.5) * h;
      for (let i = i0; i <= i1; i++) {
        const c = j * nx + i;
        const cx = originX + (i + 0.5) * h;
        const d2 = distanceToSegmentSq(cx, cy, ax, ay, bx, by);
        if (d2 < wallDistance[c]! * wallDistance[c]!) wallDistance[c] = Math.sqrt(d2);
        if (d2 > 2 * h * h) continue; // a link of length h cannot reach a wall farther than h
        if (i + 1 < nx && segmentsIntersect(cx, cy, cx + h, cy, ax, ay, bx, by)) blockedEast[c] = 1;
        if (j + 1 < ny && segmentsIntersect(cx, cy, cx, cy + h, ax, ay, bx, by)) blockedNorth[c] = 1;
      }
    }
  }

  const slowness = new Float32Array(nx * ny);
  for (let c = 0; c < nx * ny; c++) {
    if (!walkable[c]) continue;
    const d = wallDistance[c]!;
    slowness[c] = d >= wallBuffer ? 1 : 1 + wallPenalty * (1 - d / wallBuffer);
  }
  return { nx, ny, originX, originY, cellSize: h, walkable, blockedEast, blockedNorth, slowness };
}

/** True when the link between neighbouring cells a and b (4-neighbourhood) is open. */
export function linked(grid: NavigationGrid, a: number, b: number): boolean {
  if (!grid.walkable[a] || !grid.walkable[b]) return false;
  const d = b - a;
  if (d === 1) return !grid.blockedEast[a];
  if (d === -1) return !grid.blockedEast[b];
  if (d === grid.nx) return !grid.blockedNorth[a];
  if (d === -grid.nx) return !grid.blockedNorth[b];
  return false;
}

/**
 * The part of a grid with cells i0..i1, j0..j1 (inclusive) as a grid of its own: same cell
 * size and alignment, copied rows, links out of the window dropped with it.
 */
export function gridWindow(grid: NavigationGrid, i0: number, j0: number, i1: number, j1: number): NavigationGrid {
  const nx = i1 - i0 + 1, ny = j1 - j0 + 1;
  const walkable = new Uint8Array(nx * ny);
  const blockedEast = new Uint8Array(nx * ny);
  const blockedNorth = new Uint8Array(nx * ny);
  const slowness = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const from = (j0 + j) * grid.nx + i0;
    walkable.set(grid.walkable.subarray(from, from + nx), j * nx);
    blockedEast.set(grid.blockedEast.subarray(from, from + nx), j * nx);
    blockedNorth.set(grid.blockedNorth.subarray(from, from + nx), j * nx);
    slowness.set(grid.slowness.subarray(from, from + nx), j * nx);
  }
  const h = grid.cellSize;
  return { nx, ny, originX: grid.originX + i0 * h, originY: grid.originY + j0 * h, cellSize: h, walkable, blockedEast, blockedNorth, slowness };
}
