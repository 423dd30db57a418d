import { describe, expect, it } from 'vitest';
import { computeDistanceField, fieldDirection, marchDistanceField, openLinks } from './fast-marching.js';
import { createGeometry } from './geometry.js';
import { createNavigationGrid } from './navigation-grid.js';
import { compileTarget } from './target.js';

// No wall cost, so values are pure geodesic distances.
const plainGrid = (spec: Parameters<typeof createGeometry>[0], cellSize = 0.2) =>
  createNavigationGrid(createGeometry(spec), { cellSize, wallPenalty: 0 });

describe('computeDistanceField', () => {
  it('starts only from cells that reach the target on foot, not from those behind a wall beside it', () => {
    // A 4 m x 4 m room (a target area) with a door in its west wall; its south wall is a thin
    // barrier on the area's edge. Just south of it the straight distance is 0.1 m, the walk
    // is round the corner and in through the door (> 3 m).
    const room = plainGrid({
      outline: [[0, 0], [30, 0], [30, 12], [0, 12]],
      barriers: [[[14, 8], [18, 8]], [[14, 8], [14, 9]], [[14, 11], [14, 12]], [[18, 8], [18, 12]]],
    });
    const f = computeDistanceField(room, compileTarget({ kind: 'area', points: [[14, 8], [18, 8], [18, 12], [14, 12]] }));
    const at = (x: number, y: number) => f.values[Math.floor((y - room.originY) / room.cellSize) * room.nx + Math.floor((x - room.originX) / room.cellSize)]!;
    expect(at(16, 7.9)).toBeGreaterThan(3);
    expect(at(13.9, 10)).toBeLessThan(0.2);
  });

  it('matches the Euclidean distance from a point in every direction (low anisotropy)', () => {
    const grid = plainGrid({ outline: [[-20, -20], [20, -20], [20, 20], [-20, 20]] });
    const f = computeDistanceField(grid, compileTarget({ kind: 'point', x: 0, y: 0, radius: 0.1 }));
    let worst = 0;
    for (let k = 0; k < 32; k++) {
      const a = (k / 32) * 2 * Math.PI;
      const x = 15 * Math.cos(a), y = 15 * Math.sin(a);
      const i = Math.floor((x - grid.originX) / grid.cellSize), j = Math.floor((y - grid.originY) / grid.cellSize);
      const cx = grid.originX + (i + 0.5) * grid.cellSize, cy = grid.originY + (j + 0.5) * grid.cellSize;
      worst = Math.max(worst, Math.abs(f.values[j * grid.nx + i]! - Math.hypot(cx, cy)) / Math.hypot(cx, cy));
    }
    // First-order FMM errs by up to ~8 % on the diagonal; the second-order scheme with an exact
    // start band should stay within 1 % at 75 cells from the source.
    expect(worst).toBeLessThan(0.01);
  });

  it('goes around a wall, not through it, and points along the shortest path', () => {
    // A 10 x 10 room cut by a thin wall from (5, 0) to (5, 8): the way from x < 5 to x > 5 leads over y = 8.
    const grid = plainGrid({ outline: [[0, 0], [10, 0], [10, 10], [0, 10]] }, 0.1);
    const thin = createNavigationGrid(
      createGeometry({ outline: [[0, 0], [4.98, 0], [4.98, 8], [5.02, 8], [5.02, 0], [10, 0], [10, 10], [0, 10]] }),
      { cellSize: 0.1, wallPenalty: 0 },
    );
    const target = compileTarget({ kind: 'point', x: 8, y: 1, radius: 0.1 });
    const open = computeDistanceField(grid, target);
    const cut = computeDistanceField(thin, target);
    const at = (g: typeof grid, x: number, y: number) => Math.floor((y - g.originY) / g.cellSize) * g.nx + Math.floor((x - g.originX) / g.cellSize);
    // From the cell centre (2.05, 1.05): straight to (8, 1) is 5.950 m; around the wall tip
    // (5, 8): |(2,1)-(5,8)| + |(5,8)-(8,1)| = 2 sqrt(58) = 15.23 m. 1 % is the accuracy the
    // anisotropy test above establishes.
    expect(Math.abs(open.values[at(grid, 2.05, 1.05)]! - 5.9502) / 5.9502).toBeLessThan(0.01);
    expect(cut.values[at(thin, 2.05, 1.05)]).toBeGreaterThan(15.0);
    expect(cut.values[at(thin, 2.05, 1.05)]).toBeLessThan(15.6);
    // At (2, 1) the way out leads up-and-right towards the wall tip, not right into the wall.
    const c = at(thin, 2.05, 1.05);
    const dir = new Float64Array(2);
    fieldDirection(cut, c, dir);
    expect(dir[1]!).toBeGreaterThan(0.8);
  });

  it('marched to a reach, holds final values up to it, and the whole field once finished', () => {
    // Walking costs that vary in 1 m blocks, as a crowd makes them (ties between cells are
    // common then, which is where the order cells become known in matters), and a wall.
    const plain = plainGrid({ outline: [[0, 0], [40, 0], [40, 30], [0, 30]], barriers: [[[20, 0], [20, 24]]] });
    const grid = { ...plain, slowness: plain.slowness.map((s, c) => s * (1 + ((Math.floor((c % plain.nx) / 5) * 7 + Math.floor(c / plain.nx / 5) * 3) % 4) * 0.5)) };
    const target = compileTarget({ kind: 'line', from: [2, 2], to: [2, 28] });
    const whole = computeDistanceField(grid, target);
    const marched = marchDistanceField(grid, target, openLinks(grid), 15);
    const v = marched.field.values;
    expect(marched.finish).toBeDefined();
    let beyond = 0, mismatched = 0, missing = 0;
    for (let c = 0; c < v.length; c++) {
      if (v[c]! <= 15) {
        if (v[c] !== whole.values[c]) mismatched++;
      } else {
        beyond++;
        // Cells become known in order of cost: one well inside the reach is known.
        if (whole.values[c]! < 14) missing++;
      }
    }
    expect(mismatched).toBe(0);
    expect(missing).toBe(0);
    expect(beyond).toBeGreaterThan(v.length / 4);
    // Another field marched in between shares the heap's place map: finishing must not mind.
    computeDistanceField(grid, compileTarget({ kind: 'point', x: 30, y: 5, radius: 0.2 }));
    marched.finish!();
    let differ = 0;
    for (let c = 0; c < v.length; c++) if (v[c] !== whole.values[c]) differ++;
    expect(differ).toBe(0);
  });

  it('marks cells that cannot reach the target as Infinity', () => {
    const grid = plainGrid({ outline: [[0, 0], [10, 0], [10, 10], [0, 10]], holes: [[[2, 2], [8, 2], [8, 8], [2, 8]]] });
    const f = computeDistanceField(grid, compileTarget({ kind: 'point', x: 1, y: 1 }));
    const inside = Math.floor((5 - grid.originY) / grid.cellSize) * grid.nx + Math.floor((5 - grid.originX) / grid.cellSize);
    expect(f.values[inside]).toBe(Infinity);
  });

  it('treats a wide line target as a whole: cells in front of any part of it are equally near', () => {
    const grid = plainGrid({ outline: [[0, 0], [20, 0], [20, 10], [0, 10]] });
    const f = computeDistanceField(grid, compileTarget({ kind: 'line', from: [19, 1], to: [19, 9] }));
    const at = (x: number, y: number) => f.values[Math.floor((y - grid.originY) / grid.cellSize) * grid.nx + Math.floor((x - grid.originX) / grid.cellSize)]!;
    // 9.95 m in front of the line, level with its end and with its centre: the same distance to
    // within the 1 % numerical accuracy established above (0.1 m). A target pulling agents to
    // its centre would put the first 0.59 m farther (sqrt(9.95^2 + 3.5^2) - 9.95).
    expect(Math.abs(at(9.05, 1.55) - at(9.05, 5.05))).toBeLessThan(0.1);
  });
});
