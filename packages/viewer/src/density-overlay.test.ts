import type { LevelSpec } from '@portflow/core';
import type { DataTexture, Mesh, MeshBasicMaterial } from 'three';
import { describe, expect, it } from 'vitest';
import { DensityOverlay, losColours } from './density-overlay.js';
import type { TravellerFrame } from './traveller-layer.js';
import { travellerStates } from './traveller-layer.js';

/** A 10 m x 4 m room (2 m cells: 5 x 2) with a 1 m pillar taking a quarter of cell (4, 0). */
const room = (id: string, elevation: number): LevelSpec => ({
  id,
  elevation,
  geometry: { outline: [[0, 0], [10, 0], [10, 4], [0, 4]], holes: [[[8.5, 0.5], [9.5, 0.5], [9.5, 1.5], [8.5, 1.5]]] },
});

/** A frame of travellers standing at the given points (x, y, z). */
function frame(points: readonly (readonly [number, number, number])[]): TravellerFrame {
  const n = points.length;
  return {
    time: 0,
    count: n,
    x: Float32Array.from(points, (p) => p[0]),
    y: Float32Array.from(points, (p) => p[1]),
    z: Float32Array.from(points, (p) => p[2]),
    state: new Uint8Array(n).fill(travellerStates.queued),
    group: new Uint8Array(n),
  };
}

const times = (k: number, p: readonly [number, number, number]) => Array.from({ length: k }, () => p);

/** RGBA of grid cell (i, j) of level k's texture. */
function texel(o: DensityOverlay, k: number, i: number, j: number): number[] {
  const t = (o.group.children[k] as Mesh).material as MeshBasicMaterial;
  const image = (t.map as DataTexture).image as { data: Uint8Array; width: number };
  const at = 4 * (j * image.width + i);
  return [...image.data.subarray(at, at + 4)];
}
const rgba = (hex: number) => [(hex >> 16) & 255, (hex >> 8) & 255, hex & 255, 255];

describe('DensityOverlay', () => {
  // A queue along y = 3 from x = 10 to x = 6 crosses cells (3, 1) and (4, 1).
  const queues = [{ level: 'hall', path: [[10, 3], [6, 3]] as [number, number][] }];

  it('judges walkway cells by the walkway table and queue cells by the queueing table', () => {
    const o = new DensityOverlay([room('hall', 0)], { cellSize: 2, queues });
    // Three people in 4 m^2 each: 1.33 m^2/P is walkway D (0.93 .. 1.39) but queueing A (> 1.2).
    o.update(frame([...times(3, [1, 1, 0]), ...times(3, [7, 3, 0])]));
    expect(texel(o, 0, 0, 0)).toEqual(rgba(losColours.D));
    expect(texel(o, 0, 3, 1)).toEqual(rgba(losColours.A));
    // Nobody there: the floor shows through.
    expect(texel(o, 0, 1, 0)[3]).toBe(0);
    expect(texel(o, 0, 3, 0)[3]).toBe(0);
  });

  it('divides by the walkable area of a cell, not its square', () => {
    const o = new DensityOverlay([room('hall', 0)], { cellSize: 2, queues });
    // Four people: 1 m^2/P in a whole cell (D), 0.75 m^2/P in the cell the pillar takes a quarter of (E).
    o.update(frame([...times(4, [3, 1, 0]), ...times(4, [8.2, 1.8, 0])]));
    expect(texel(o, 0, 1, 0)).toEqual(rgba(losColours.D));
    expect(texel(o, 0, 4, 0)).toEqual(rgba(losColours.E));
    expect(o.worst()).toEqual([{ los: 'E', density: 4 / 3, x: 9, y: 1, queueing: false }]);
  });

  it('recolours every cell from the newest frame only', () => {
    const o = new DensityOverlay([room('hall', 0)], { cellSize: 2 });
    // Eight people in 4 m^2: 0.5 m^2/P, walkway E (0.46 .. 0.93).
    o.update(frame(times(8, [1, 1, 0])));
    expect(texel(o, 0, 0, 0)).toEqual(rgba(losColours.E));
    o.update(frame(times(1, [5, 3, 0])));
    expect(texel(o, 0, 0, 0)[3]).toBe(0);
    expect(texel(o, 0, 2, 1)).toEqual(rgba(losColours.A));
    expect(o.worst()).toEqual([{ los: 'A', density: 0.25, x: 5, y: 3, queueing: false }]);
  });

  it('counts each traveller on the level at their height', () => {
    const o = new DensityOverlay([room('ground', 0), room('upper', 6)], { cellSize: 2 });
    // 1.2 people per m^2 upstairs in cell (0, 1): 0.8 m^2/P, walkway E; downstairs one person (A).
    o.update(frame([...times(5, [1, 3, 6]), [1, 3, 0]]));
    expect(texel(o, 1, 0, 1)).toEqual(rgba(losColours.E));
    expect(texel(o, 0, 0, 1)).toEqual(rgba(losColours.A));
    expect(o.worst().map((w) => w?.los)).toEqual(['A', 'E']);
  });

  it('leaves cells less than a quarter walkable uncoloured, as the engine does', () => {
    // A 2.4 m square room on 2 m cells: cell (1, 0) is a quarter walkable (kept, 1 m^2), cell (1, 1) a sixteenth (skipped).
    const corner: LevelSpec = { id: 'c', geometry: { outline: [[0, 0], [2.4, 0], [2.4, 2.4], [0, 2.4]] } };
    const o = new DensityOverlay([corner], { cellSize: 2 });
    o.update(frame([[2.3, 1, 0], [2.3, 2.3, 0]]));
    expect(texel(o, 0, 1, 0)).toEqual(rgba(losColours.D));
    expect(texel(o, 0, 1, 1)[3]).toBe(0);
    expect(o.worst()).toEqual([{ los: 'D', density: 1, x: 3, y: 1, queueing: false }]);
  });
});
