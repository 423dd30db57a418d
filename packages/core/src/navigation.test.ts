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
    // Just south of the wall, inside the first window: there the window's only way in is the
    // serpentine too, and the way round through its open west side is shorter.
    const near = createNavigation(maze);
    near.addTarget({ kind: 'point', x: 100, y: 30 });
    expect(Math.abs(near.distance(0, 100, 19) - level.distance(0, 100, 19))).toBeLessThan(0.01);
    expect(near.distance(0, 100, 19)).toBeLessThan(150);
  });

  it('keeps the first window when the way from the queue head is longer than its margins but cannot leave it', () => {
    // An open 120 m square: a desk at (100, 100) and its queue head 50 m away at (70, 60). The
    // head is only 16 m from the window's edge and the desk 16 m from another, yet every way
    // out and back in costs more than the straight 50 m.
    const square = createGeometry({ outline: [[0, 0], [120, 0], [120, 120], [0, 120]], holes: [[[10, 10], [12, 10], [12, 12], [10, 12]]] });
    const nav = createNavigation(square);
    const t = nav.addTarget({ kind: 'point', x: 100, y: 100, radius: 0.3 }, [70, 60]);
    nav.prepare(t);
    const cells = nav.field(t)!.values.length;
    const out = new Float64Array(2);
    const cost = nav.direction(t, 70, 60, out);
    expect(nav.field(t)!.values.length).toBe(cells);
    const level = createNavigation(square, { fieldWindow: 1e6 });
    level.addTarget({ kind: 'point', x: 100, y: 100, radius: 0.3 });
    expect(cells).toBeLessThan(level.field(0)!.values.length / 3);
    // Same upwind cells as the whole field's: float rounding only.
    expect(Math.abs(cost - level.distance(0, 70, 60))).toBeLessThan(0.01);
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

  it('marches a crowd-weighted field only as far as its walkers were, and answers as the whole field does', () => {
    // Two navigations refresh the same target with the same crowd: one was asked only near the
    // target (its field is marched out to about 5 m beyond), the other far away (marched
    // whole). Asked afterwards near, far and behind the barrier, the first must finish its
    // march where needed and answer bit for bit as the second.
    const near = createNavigation(hall, { fieldWindow: 1e6 });
    const far = createNavigation(hall, { fieldWindow: 1e6 });
    const gate = { kind: 'line', from: [180, 5], to: [180, 35] } as const;
    near.addTarget(gate);
    far.addTarget(gate);
    const out = new Float64Array(2), ref = new Float64Array(2);
    near.direction(0, 178, 20, out);
    far.direction(0, 5, 5, ref);
    const g = near.grid();
    const per = Math.round(1 / g.cellSize);
    const blocksX = Math.ceil(g.nx / per), blocksY = Math.ceil(g.ny / per);
    const cost = new Float32Array(blocksX * blocksY).map((_, b) => 1 + ((b % blocksX) * 7 + Math.floor(b / blocksX) * 3) % 4 * 0.5);
    const crowd = { cost, cellsPerBlock: per, blocksX };
    near.refresh(0, crowd);
    far.refresh(0, crowd);
    let differences = 0;
    for (const [x, y] of [[178, 20], [170, 10], [150, 20], [101, 38], [98, 2], [60, 38], [5, 5], [199, 39]] as const) {
      const cost = near.direction(0, x, y, out);
      if (cost !== far.direction(0, x, y, ref) || out[0] !== ref[0] || out[1] !== ref[1]) differences++;
    }
    expect(differences).toBe(0);
    expect(near.field(0)!.values).toEqual(far.field(0)!.values);
  });

  it('drops least recently used fields past its memory budget and recomputes them alike', () => {
    // Ten gates along the hall, asked in turn from near and 20-40 m away (so windows grow): with
    // room for a few windows, fields are dropped and recomputed over and over; every answer
    // must be bit for bit the unbounded navigation's (the same window gives the same values).
    const bounded = createNavigation(hall, { fieldMemory: 4 });
    const unbounded = createNavigation(hall, { fieldMemory: 1e6 });
    for (let k = 0; k < 10; k++) {
      const gate = { kind: 'point', x: 5 + 9 * k, y: 38, radius: 0.3 } as const;
      bounded.addTarget(gate, [5 + 9 * k, 30]);
      unbounded.addTarget(gate, [5 + 9 * k, 30]);
    }
    const out = new Float64Array(2), ref = new Float64Array(2);
    let differences = 0;
    for (let round = 0; round < 2; round++) {
      for (let t = 0; t < 10; t++) {
        for (const [x, y] of [[5 + 9 * t, 30], [5 + 9 * t + 1, 36], [35 + 9 * t, 2], [5 + 9 * t + 0.5, 31]] as const) {
          const cost = bounded.direction(t, x, y, out);
          if (cost !== unbounded.direction(t, x, y, ref) || out[0] !== ref[0] || out[1] !== ref[1]) differences++;
        }
      }
      const { bytes, fields } = bounded.memory();
      // Over budget only while holding the one field just asked for.
      expect(bytes <= 4 * 2 ** 20 || fields === 1).toBe(true);
    }
    expect(differences).toBe(0);
    expect(bounded.memory().dropped).toBeGreaterThan(10);
    expect(unbounded.memory().dropped).toBe(0);
    expect(unbounded.memory().fields).toBe(10);
  });

  it('walks to a target in a straight line inside a clear convex area, and by its field where a wall enters it', () => {
    const nav = createNavigation(hall);
    // A platform along the hall's south wall (its edge lies on the wall): clear.
    const clear = nav.addTarget({ kind: 'point', x: 150, y: 2 }, undefined, [[120, 0], [190, 0], [190, 10], [120, 10]]);
    // The same size across the barrier at x = 100: the barrier enters it.
    const crossed = nav.addTarget({ kind: 'point', x: 105, y: 2 }, undefined, [[70, 0], [140, 0], [140, 10], [70, 10]]);
    // Not convex (an L): no straight-line promise.
    const bent = nav.addTarget({ kind: 'point', x: 150, y: 2 }, undefined, [[120, 0], [190, 0], [190, 10], [160, 10], [160, 30], [120, 30]]);
    const out = new Float64Array(2);
    expect(nav.direction(clear, 125, 8, out)).toBeCloseTo(Math.hypot(25, 6), 9);
    expect(out[0]).toBeCloseTo(25 / Math.hypot(25, 6), 9);
    expect(nav.field(clear)).toBeUndefined();
    expect(nav.field(crossed)).toBeDefined();
    // From (95, 2) the way to (105, 2) goes round the barrier's north end at y = 36.
    expect(nav.distance(crossed, 95, 2)).toBeGreaterThan(60);
    expect(nav.field(bent)).toBeDefined();
  });

  it('refuses a window margin or a memory budget that is not positive', () => {
    expect(() => createNavigation(hall, { fieldWindow: 0 })).toThrow(/fieldWindow/);
    expect(() => createNavigation(hall, { fieldMemory: -1 })).toThrow(/fieldMemory/);
  });
});
