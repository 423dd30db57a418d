// Local density on each level's floor, coloured by Fruin level of service: one texel per grid
// cell in a DataTexture on a plane just above the floor. The grid (origin at the level's bounds,
// square cells), each cell's walkable area, the cells a queue path crosses and the classification
// (walkway table, queueing table on queue cells) are the engine's DensityGrid's, so the overlay of
// a frame taken at a sample time agrees with metrics().levelOfService (frames carry float32
// positions, so a traveller within a few micrometres of a cell edge may fall in its neighbour).
// Invariant: update() allocates nothing; counts and texels are rewritten in place.
import type { LevelOfService, LevelSpec, Vec2 } from '@portflow/core';
import { createGeometry, DensityCells, portSimulationDefaults, QueuePath, queueingLevel, walkwayLevel } from '@portflow/core';
import { DataTexture, DoubleSide, Group, Mesh, MeshBasicMaterial, NearestFilter, PlaneGeometry, RGBAFormat, SRGBColorSpace } from 'three';
import type { TravellerFrame } from './traveller-layer.js';

export interface DensityOverlayOptions {
  /** Grid cell size, m. Default the engine's (portSimulationDefaults.densityCell, 2): pass the scenario's measurement.densityCell. */
  readonly cellSize?: number;
  /** Queue polylines (head first) with their level id; cells they cross are judged by the queueing table. */
  readonly queues?: readonly { readonly level: string; readonly path: readonly Vec2[] }[];
  /** Opacity of a coloured cell, 0..1. Default 0.7. */
  readonly opacity?: number;
  /** Height above the level's floor, m. Default 0.03 (over the floor, under the travellers' feet). */
  readonly lift?: number;
}

export const densityOverlayDefaults = { cellSize: portSimulationDefaults.densityCell, opacity: 0.7, lift: 0.03 } as const;

/** Cell colours, A (free flow) to F (jammed): ColorBrewer RdYlGn for A..E, purple for F so it stands out from E. */
export const losColours: Readonly<Record<LevelOfService, number>> = { A: 0x1a9850, B: 0x91cf60, C: 0xfee08b, D: 0xfc8d59, E: 0xd73027, F: 0x7b1fa2 };

/** The densest cell of a level, as the engine reports it (DensityGrid.worst()). */
export interface OverlayCell {
  readonly los: LevelOfService;
  /** Persons per m^2 of the cell's walkable area. */
  readonly density: number;
  /** Cell centre, m. */
  readonly x: number;
  readonly y: number;
  /** Whether a queue path crosses the cell (queueing table). */
  readonly queueing: boolean;
}

const LEVELS = 'ABCDEF';

class LevelGrid {
  readonly elevation: number;
  /** The engine's own cells (walkable areas, queue cells), so the floor and metrics agree. */
  readonly cells: DensityCells;
  readonly counts: Uint32Array;
  /** Level of each cell in this frame as an index into LEVELS; 255 for no one there or a cell judged with a neighbour. */
  readonly level: Uint8Array;
  readonly texels: Uint8Array;
  readonly texture: DataTexture;
  readonly mesh: Mesh<PlaneGeometry, MeshBasicMaterial>;

  constructor(spec: LevelSpec, cell: number, queues: readonly (readonly Vec2[])[], opacity: number, lift: number) {
    this.cells = new DensityCells(createGeometry(spec.geometry), cell, queues.map((path) => new QueuePath(path, 1)));
    const { nx, ny, x0, y0 } = this.cells;
    this.elevation = spec.elevation ?? 0;
    const n = nx * ny;
    this.counts = new Uint32Array(n);
    this.level = new Uint8Array(n).fill(255);
    this.texels = new Uint8Array(4 * n);
    this.texture = new DataTexture(this.texels, nx, ny, RGBAFormat);
    this.texture.magFilter = NearestFilter;
    this.texture.minFilter = NearestFilter;
    // The texels are sRGB colours (the legend's hex values), not linear ones.
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.needsUpdate = true;
    const material = new MeshBasicMaterial({ map: this.texture, transparent: true, opacity, depthWrite: false, side: DoubleSide });
    this.mesh = new Mesh(new PlaneGeometry(nx * cell, ny * cell), material);
    this.mesh.position.set(x0 + (nx * cell) / 2, y0 + (ny * cell) / 2, this.elevation + lift);
    this.mesh.name = `density:${spec.id}`;
  }

  /** Classifies every cell from `counts` and writes the texels. */
  classify(): void {
    const { area, queueCell } = this.cells;
    for (let c = 0; c < this.counts.length; c++) {
      const n = this.counts[c]!;
      const t = 4 * c;
      // Cells less than a quarter walkable are skipped by the engine too (unstable densities).
      if (n === 0 || !this.cells.judged(c)) {
        this.level[c] = 255;
        this.texels[t + 3] = 0;
        continue;
      }
      // Space per person as the engine computes it (1 / density), so boundary values classify alike.
      const space = 1 / (n / area[c]!);
      const los = queueCell[c] ? queueingLevel(space) : walkwayLevel(space);
      const rgb = losColours[los];
      this.level[c] = LEVELS.indexOf(los);
      this.texels[t] = (rgb >> 16) & 255;
      this.texels[t + 1] = (rgb >> 8) & 255;
      this.texels[t + 2] = rgb & 255;
      this.texels[t + 3] = 255;
    }
    this.texture.needsUpdate = true;
  }

  worst(): OverlayCell | undefined {
    // The engine's rank: worst level first, then the higher density.
    const { area, queueCell, x0, y0, nx, cell } = this.cells;
    let best = -1;
    let bestRank = -1;
    for (let c = 0; c < this.level.length; c++) {
      if (this.level[c] === 255) continue;
      const r = this.level[c]! * 1000 + this.counts[c]! / area[c]!;
      if (r > bestRank) {
        bestRank = r;
        best = c;
      }
    }
    if (best < 0) return undefined;
    return {
      los: LEVELS[this.level[best]!] as LevelOfService,
      density: this.counts[best]! / area[best]!,
      x: x0 + ((best % nx) + 0.5) * cell,
      y: y0 + (Math.floor(best / nx) + 0.5) * cell,
      queueing: queueCell[best] === 1,
    };
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.texture.dispose();
  }
}

export class DensityOverlay {
  /** One plane per level; add it to a scene. */
  readonly group = new Group();
  private readonly grids: LevelGrid[];

  constructor(levels: readonly LevelSpec[], options: DensityOverlayOptions = {}) {
    const o = { ...densityOverlayDefaults, ...options };
    this.grids = levels.map((l) => new LevelGrid(l, o.cellSize, (o.queues ?? []).filter((q) => q.level === l.id).map((q) => q.path), o.opacity, o.lift));
    for (const g of this.grids) this.group.add(g.mesh);
    this.group.name = 'density-overlay';
  }

  /** Counts a frame's travellers (queued ones included) per cell of their level and recolours every cell. */
  update(frame: TravellerFrame): void {
    const grids = this.grids;
    for (const g of grids) g.counts.fill(0);
    for (let i = 0; i < frame.count; i++) {
      // A traveller's level is the one whose floor is nearest its z (frames carry elevations).
      const z = frame.z[i]!;
      let g = grids[0];
      for (let k = 1; k < grids.length; k++) if (Math.abs(grids[k]!.elevation - z) < Math.abs(g!.elevation - z)) g = grids[k];
      if (g) g.counts[g.cells.index(frame.x[i]!, frame.y[i]!)]!++;
    }
    for (const g of grids) g.classify();
  }

  /** The worst cell of each level in the last frame (level order), undefined where no one is. */
  worst(): (OverlayCell | undefined)[] {
    return this.grids.map((g) => g.worst());
  }

  dispose(): void {
    for (const g of this.grids) g.dispose();
  }
}
