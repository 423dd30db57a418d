import { describe, expect, it } from 'vitest';
import type { Vec2 } from './geometry.js';
import { createGeometry, GeometryError } from './geometry.js';

const square = (x: number, y: number, s: number): Vec2[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GeometryError);
    return (e as GeometryError).problems.map((p) => `${p.element}: ${p.reason}`);
  }
  throw new Error('expected a GeometryError');
}

describe('createGeometry', () => {
  it('accepts a room with a pillar and knows what is walkable', () => {
    const g = createGeometry({ outline: square(0, 0, 10), holes: [square(4, 4, 2)] });
    expect(g.area).toBeCloseTo(100 - 4, 12);
    expect(g.contains(1, 1)).toBe(true);
    expect(g.contains(5, 5)).toBe(false);
    expect(g.contains(11, 5)).toBe(false);
    expect(g.convex).toBe(false);
    expect(g.walls.count).toBe(8);
    expect(g.distanceToWall(3, 5)).toBeCloseTo(1, 12);
  });

  it('calls a hole-free convex outline convex, and an L-shape not', () => {
    expect(createGeometry({ outline: square(0, 0, 10) }).convex).toBe(true);
    expect(createGeometry({ outline: [[0, 0], [12, 0], [12, 12], [10, 12], [10, 2], [0, 2]] }).convex).toBe(false);
  });

  it('accepts a closed ring whose last vertex repeats the first', () => {
    const g = createGeometry({ outline: [...square(0, 0, 4), [0, 0]] });
    expect(g.walls.count).toBe(4);
  });

  it('refuses a self-intersecting outline, naming it', () => {
    const bowtie: Vec2[] = [[0, 0], [4, 4], [4, 0], [0, 6]];
    expect(problemsOf(() => createGeometry({ outline: bowtie }))).toEqual([expect.stringMatching(/^outline: is self-intersecting/)]);
    // A symmetric bow-tie has zero signed area and is refused as degenerate before that.
    expect(problemsOf(() => createGeometry({ outline: [[0, 0], [4, 4], [4, 0], [0, 4]] }))[0]).toMatch(/outline: has zero area/);
  });

  it('refuses degenerate polygons: too few vertices, repeated vertices, zero area', () => {
    expect(problemsOf(() => createGeometry({ outline: [[0, 0], [1, 0]] }))[0]).toMatch(/outline: has 2 distinct vertices/);
    expect(problemsOf(() => createGeometry({ outline: [[0, 0], [1, 0], [1, 0], [0, 1]] }))[0]).toMatch(/coincide/);
    expect(problemsOf(() => createGeometry({ outline: [[0, 0], [1, 0], [2, 0]] }))[0]).toMatch(/zero area|self-intersecting/);
    expect(problemsOf(() => createGeometry({ outline: [[0, 0], [1, Number.NaN], [2, 0]] }))[0]).toMatch(/vertex 1 is not a pair of finite numbers/);
  });

  it('names every bad hole: outside the outline, crossing the outline, inside another hole', () => {
    const problems = problemsOf(() =>
      createGeometry({
        outline: square(0, 0, 10),
        holes: [square(20, 20, 1), square(1, 1, 4), square(2, 2, 1), [[0.5, 0.5], [0.5, 0.5], [1, 1]]],
      }),
    );
    expect(problems).toContain('holes[3]: vertices 0 and 1 coincide (degenerate edge)');
    expect(problems.some((p) => p.startsWith('holes[0]: lies outside the outline'))).toBe(true);
    expect(problems.some((p) => p.startsWith('holes[2]: lies inside holes[1]'))).toBe(true);
    const crossing = problemsOf(() => createGeometry({ outline: square(0, 0, 10), holes: [square(8, 8, 4)] }));
    expect(crossing).toEqual([expect.stringMatching(/^holes\[0\] vs outline: boundaries touch or cross/)]);
  });
});

describe('barriers', () => {
  it('become walls that take no area, and make the geometry non-convex', () => {
    const g = createGeometry({ outline: square(0, 0, 10), barriers: [[[2, 0], [2, 8]], [[4, 10], [4, 2], [6, 2]]] });
    expect(g.area).toBe(100);
    expect(g.convex).toBe(false);
    expect(g.walls.ringCount).toBe(4);
    expect(g.walls.count).toBe(4 + 1 + 2);
    expect(g.contains(2, 5)).toBe(true);
  });

  it('refuses a barrier outside the walkable area or with fewer than two distinct points', () => {
    const problems = problemsOf(() => createGeometry({ outline: square(0, 0, 10), barriers: [[[5, 5], [15, 5]], [[1, 1]], [[1, 1], [1, 1]]] }));
    expect(problems).toEqual([
      'barriers[1]: needs at least 2 points',
      'barriers[2]: points 0 and 1 coincide',
    ]);
    expect(problemsOf(() => createGeometry({ outline: square(0, 0, 10), barriers: [[[5, 5], [15, 5]]] }))).toEqual([
      'barriers[0]: point 1 (15, 5) is outside the walkable area',
    ]);
  });
});
