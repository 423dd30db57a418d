import { describe, expect, it } from 'vitest';
import { createGeometry } from './geometry.js';
import { createNavigation } from './navigation.js';

// A 200 m x 40 m hall with a long thin barrier from (100, 0) to (100, 36): everything east of it
// is reached from the west only over its northern end, so short straight lines are not paths.
const hall = createGeometry({
  outline: [[0, 0], [200, 0], [200, 40], [0, 40]],
  holes: [[[20, 10], [30, 10], [30, 20], [20, 20]]],
  barriers: [[[100, 0], [100, 36]]],
});

describe('windowed distance fields', () => {
  const whole = createNavigation(hall, { fieldWindow: 1e6 });
  const windowed = createNavigation(hall, { fieldWindow: 4 });
  const shapes = [
    { kind: 'point', x: 102, y: 2, radius: 0.3 },
    { kind: 'point', x: 25, y: 22, radius: 0.3 },
    { kind: 'line', from: [180, 5], to: [180, 35] },
  ] as const;
  for (const s of shapes) {
    whole.addTarget(s);
    windowed.addTarget(s);
  }
  // Places near and far, on both sides of the barrier (98, 2 is 4 m from the first target in a
  // straight line but ~70 m around the barrier), behind the pillar, and at the far ends.
  const places: [number, number][] = [[98, 2], [104, 6], [95, 30], [5, 5], [25, 5], [150, 20], [199, 39], [60, 38], [101, 38]];

  it('gives the shortest path of the whole-level field wherever it is asked, however small its first window', () => {
    const out = new Float64Array(2), ref = new Float64Array(2);
    let worstCost = 0, worstTurn = 0;
    for (let t = 0; t < shapes.length; t++) {
      for (const [x, y] of places) {
        const cost = windowed.direction(t, x, y, out);
        const expected = whole.direction(t, x, y, ref);
        worstCost = Math.max(worstCost, Math.abs(cost - expected));
        worstTurn = Math.max(worstTurn, 1 - (out[0]! * ref[0]! + out[1]! * ref[1]!));
      }
    }
    // A window is grown until no path leaving it could be shorter, so a certified value comes
    // from the same upwind cells as the whole field's: only float rounding and the cells at the
    // window's edge may differ, far below a centimetre.
    expect(worstCost).toBeLessThan(0.01);
    expect(worstTurn).toBeLessThan(1e-4);
  });

  it('leaves a window whose only inner path is a long detour when a shorter way runs outside it', () => {
    // A wall across a 200 m x 40 m hall at y = 20 with a 2 m gap far west (x = 30-32) and a
    // 1 m gap at x = 100 into a serpentine (x = 80-120, y = 20-28, eight 1 m lanes) whose exit
    // is 2 m from the target: inside the target's first windows the serpentine is the only way
    // (over 250 m), the true shortest path goes through the far gap (~138 m).
    const lanes: [number, number][][] = [];
    for (let y = 21; y <= 27; y++) lanes.push(y % 2 === 1 ? [[80, y], [119, y]] : [[81, y], [120, y]]);
    const maze = createGeometry({
      outline: [[0, 0], [200, 0], [200, 40], [0, 40]],
      barriers: [
        [[0, 20], [30, 20]], [[32, 20], [100, 20]], [[101, 20], [200, 20]],
        [[80, 20], [80, 28]], [[120, 20], [120, 28]], [[81, 28], [120, 28]],
        ...lanes,
      ],
    });
    const nav = createNavigation(maze);
    const level = createNavigation(maze, { fieldWindow: 1e6 });
    const t = nav.addTarget({ kind: 'point', x: 100, y: 30 });
    level.addTarget({ kind: 'point', x: 100, y: 30 });
    const cost = nav.distance(t, 100, 10);
    expect(cost).toBeGreaterThan(130);
    expect(cost).toBeLessThan(150);
    expect(Math.abs(cost - level.distance(0, 100, 10))).toBeLessThan(0.01);
  });

  it('keeps the field of a point target asked only nearby to a window, not the whole level', () => {
    const nav = createNavigation(hall);
    const t = nav.addTarget({ kind: 'point', x: 150, y: 20, radius: 0.3 });
    const out = new Float64Array(2);
    // Fields measure to the point itself (the radius only says when it is reached).
    expect(nav.direction(t, 140, 22, out)).toBeCloseTo(Math.hypot(10, 2), 0);
    const cells = nav.field(t)!.values.length;
    const level = createNavigation(hall, { fieldWindow: 1e6 });
    level.addTarget({ kind: 'point', x: 150, y: 20, radius: 0.3 });
    // The default 16 m margin: a window of about 32 m x 32 m of the 200 m x 40 m hall.
    expect(cells).toBeLessThan(level.field(0)!.values.length / 4);
    // Asked from the far end, it grows and still finds the way.
    expect(nav.distance(t, 2, 2)).toBeCloseTo(level.distance(0, 2, 2), 2);
  });

  it('covers the place agents come from in the first window when told (a gate and its queue head)', () => {
    const nav = createNavigation(hall);
    const near = nav.addTarget({ kind: 'point', x: 150, y: 20, radius: 0.3 });
    const told = nav.addTarget({ kind: 'point', x: 150, y: 20, radius: 0.3 }, [110, 5]);
    const covers = (t: number, x: number, y: number): boolean => {
      const g = nav.field(t)!.grid;
      return x >= g.originX && x <= g.originX + g.nx * g.cellSize && y >= g.originY && y <= g.originY + g.ny * g.cellSize;
    };
    expect(covers(near, 110, 5)).toBe(false);
    expect(covers(told, 110, 5)).toBe(true);
    expect(nav.distance(told, 110, 5)).toBeCloseTo(nav.distance(near, 110, 5), 2);
  });

  it('reports an unreachable target as Infinity after growing to the whole level', () => {
    const split = createGeometry({ outline: [[0, 0], [60, 0], [60, 10], [0, 10]], barriers: [[[30, 0], [30, 10]]] });
    const nav = createNavigation(split, { fieldWindow: 2 });
    const t = nav.addTarget({ kind: 'point', x: 35, y: 5 });
    // Fields measure to the point itself; 0.1 m is the bilinear sampling error at a cell edge.
    expect(Math.abs(nav.distance(t, 40, 5) - 5)).toBeLessThan(0.1);
    expect(nav.distance(t, 25, 5)).toBe(Infinity);
    const level = createNavigation(split, { fieldWindow: 1e6 });
    level.addTarget({ kind: 'point', x: 35, y: 5 });
    expect(nav.field(t)!.values.length).toBe(level.field(0)!.values.length);
  });

  it('refuses a window margin that is not a positive length', () => {
    expect(() => createNavigation(hall, { fieldWindow: 0 })).toThrow(/fieldWindow/);
  });
});
