// A uniform bucket grid over the wall segments: cell c lists every segment that passes within
// `reach` of any point of c, in compressed (CSR) arrays. Invariant: for a point p in cell c,
// every wall within `reach` of p is in c's list, so per-step wall queries look at one cell.
import type { Bounds, WallSegments } from './geometry.js';
import { distanceToSegmentSq } from './segment.js';

export interface WallGrid {
  readonly cellSize: number;
  readonly reach: number;
  readonly nx: number;
  readonly ny: number;
  readonly originX: number;
  readonly originY: number;
  /** Segments of cell c are items[start[c] .. start[c + 1]). */
  readonly start: Int32Array;
  readonly items: Int32Array;
  /** The cell holding (x, y), clamped to the grid. */
  cellOf(x: number, y: number): number;
}

export function createWallGrid(walls: WallSegments, bounds: Bounds, reach: number, cellSize = 1): WallGrid {
  const originX = bounds.minX - cellSize;
  const originY = bounds.minY - cellSize;
  const nx = Math.max(1, Math.ceil((bounds.maxX - originX) / cellSize) + 1);
  const ny = Math.max(1, Math.ceil((bounds.maxY - originY) / cellSize) + 1);
  const lists: number[][] = Array.from({ length: nx * ny }, () => []);
  // A segment is within `reach` of some point of a cell when its distance to the cell centre is
  // at most reach + half the cell diagonal; test exactly that, over the segment's padded box.
  const pad = reach + cellSize * Math.SQRT1_2;
  for (let s = 0; s < walls.count; s++) {
    const ax = walls.ax[s]!, ay = walls.ay[s]!, bx = walls.bx[s]!, by = walls.by[s]!;
    const i0 = clamp(Math.floor((Math.min(ax, bx) - pad - originX) / cellSize), 0, nx - 1);
    const i1 = clamp(Math.floor((Math.max(ax, bx) + pad - originX) / cellSize), 0, nx - 1);
    const j0 = clamp(Math.floor((Math.min(ay, by) - pad - originY) / cellSize), 0, ny - 1);
    const j1 = clamp(Math.floor((Math.max(ay, by) + pad - originY) / cellSize), 0, ny - 1);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const cx = originX + (i + 0.5) * cellSize;
        const cy = originY + (j + 0.5) * cellSize;
        if (distanceToSegmentSq(cx, cy, ax, ay, bx, by) <= pad * pad) lists[j * nx + i]!.push(s);
      }
    }
  }
  const start = new Int32Array(nx * ny + 1);
  for (let c = 0; c < nx * ny; c++) start[c + 1] = start[c]! + lists[c]!.length;
  const items = new Int32Array(start[nx * ny]!);
  for (let c = 0; c < nx * ny; c++) items.set(lists[c]!, start[c]!);
  return {
    cellSize, reach, nx, ny, originX, originY, start, items,
    cellOf(x, y) {
      const i = clamp(Math.floor((x - originX) / cellSize), 0, nx - 1);
      const j = clamp(Math.floor((y - originY) / cellSize), 0, ny - 1);
      return j * nx + i;
    },
  };
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
