import { createGeometry } from '@portflow/core';
import { describe, expect, it } from 'vitest';
import { buildLevelGeometry, serpentine } from './index.js';
import type { ScenarioLevel, SerpentineSpec } from './index.js';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ kind: 'rect' as const, from: [x0, y0] as [number, number], to: [x1, y1] as [number, number] });
const level = (l: Partial<ScenarioLevel>): ScenarioLevel => ({ id: 'l', areas: [rect(0, 0, 10, 10)], ...l });

describe('buildLevelGeometry', () => {
  it('joins overlapping areas into one outline and cuts obstacles out as holes', () => {
    const r = buildLevelGeometry(level({ areas: [rect(0, 0, 10, 10), rect(8, 4, 20, 6)], obstacles: [rect(2, 2, 3, 3), { kind: 'circle', center: [6, 6], radius: 0.5, sides: 8 }] }), ['levels', 0]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 100 + 12 x 2 (less the 2 x 2 overlap) - 1 - the octagon (2 sqrt(2) r^2).
    expect(r.geometry.area).toBeCloseTo(100 + 24 - 4 - 1 - 2 * Math.SQRT2 * 0.25, 9);
    expect(r.spec.holes).toHaveLength(2);
    expect(r.geometry.contains(15, 5)).toBe(true);
    expect(r.geometry.contains(15, 8)).toBe(false);
    expect(r.geometry.contains(2.5, 2.5)).toBe(false);
  });

  it('merges overlapping obstacles into one hole and cuts a notch where one crosses the edge', () => {
    const r = buildLevelGeometry(level({ obstacles: [rect(2, 2, 4, 4), rect(3, 3, 5, 5), rect(9, 4, 11, 6)] }), ['levels', 0]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.holes).toHaveLength(1);
    expect(r.geometry.area).toBeCloseTo(100 - 7 - 2, 9);
    expect(r.geometry.contains(9.5, 5)).toBe(false);
  });

  it('repeats shapes and barriers on a grid', () => {
    const r = buildLevelGeometry(
      level({ areas: [rect(0, 0, 40, 20)], obstacles: [{ ...rect(5, 5, 6, 6), repeat: { count: [4, 2], step: [8, 10] } }], barriers: [{ points: [[30, 1], [32, 1]], repeat: { count: 5, step: [0, 1] } }] }),
      ['levels', 0],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.holes).toHaveLength(8);
    expect(r.spec.barriers).toHaveLength(5);
    expect(r.spec.barriers![4]).toEqual([[30, 5], [32, 5]]);
    expect(r.geometry.contains(29.5, 15.5)).toBe(false);
  });

  it('names the barrier, with its path, that leaves the walkable area', () => {
    const r = buildLevelGeometry(level({ barriers: [[[1, 1], [2, 1]], { points: [[5, 5], [5, 6]], repeat: { count: 3, step: [3, 0] } }] }), ['levels', 2]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([{ path: ['levels', 2, 'barriers', 1], allowed: 'point 0 (11, 5) is outside the walkable area' }]);
  });

  it('refuses areas in separate pieces, and obstacles that cut the area in two', () => {
    const apart = buildLevelGeometry(level({ areas: [rect(0, 0, 10, 10), rect(10.5, 0, 20, 10)] }), ['levels', 0]);
    expect(!apart.ok && apart.issues[0]!.path).toEqual(['levels', 0, 'areas']);
    const cut = buildLevelGeometry(level({ obstacles: [rect(4, -1, 5, 11)] }), ['levels', 0]);
    expect(!cut.ok && cut.issues[0]).toEqual({ path: ['levels', 0, 'obstacles'], allowed: expect.stringContaining('cut the walkable area into 2 separate pieces') });
    const none = buildLevelGeometry(level({ obstacles: [rect(-1, -1, 11, 11)] }), ['levels', 0]);
    expect(!none.ok && none.issues[0]!.allowed).toBe('cover every walkable area; nothing is left to walk on');
  });

  it('accepts areas that only share an edge as one piece', () => {
    const r = buildLevelGeometry(level({ areas: [rect(0, 0, 10, 10), rect(10, 2, 20, 8)] }), ['levels', 0]);
    expect(r.ok && r.geometry.area).toBeCloseTo(160, 9);
  });
});

describe('serpentine', () => {
  const spec = (over: Partial<SerpentineSpec> = {}): SerpentineSpec => ({ kind: 'serpentine', from: [0, 0], to: [16, 10], lanes: 5, along: 'x', head: 'south-east', ...over });

  it('runs its line along the lane centres, head first at the named corner, entrance at the far lane', () => {
    const s = serpentine(spec());
    expect(s.laneWidth).toBe(2);
    expect(s.path[0]).toEqual([15.5, 1]);
    // 5 lanes: the last (top) lane is walked eastwards, so the line enters at its west end.
    expect(s.path[s.path.length - 1]).toEqual([0.5, 9]);
    let length = 0;
    for (let k = 1; k < s.path.length; k++) length += Math.hypot(s.path[k]![0] - s.path[k - 1]![0], s.path[k]![1] - s.path[k - 1]![1]);
    // Five lanes of 16 m less the turns (1 m at each end of each inner lane, 0.5 m inset at both
    // ends), plus four 2 m cross-overs.
    expect(length).toBeCloseTo(5 * 16 - 2 * 4 - 2 * 0.5 + 4 * 2, 9);
  });

  it('mirrors and rotates to every corner and axis, always with a path that crosses no barrier', () => {
    for (const along of ['x', 'y'] as const) {
      for (const head of ['south-west', 'south-east', 'north-west', 'north-east'] as const) {
        for (const lanes of [1, 2, 5]) {
          const s = serpentine(spec({ along, head, lanes, from: [10, 20], to: along === 'x' ? [30, 28] : [18, 40] }));
          // The head lies in the named quarter of the rectangle.
          const [hx, hy] = s.path[0]!;
          const [cx, cy] = along === 'x' ? [20, 24] : [14, 30];
          // (One lane lies on the centre line across the lanes.)
          if (lanes > 1 || along === 'y') expect(head.startsWith('south') ? hy < cy : hy > cy, `${along} ${head} ${lanes}: y`).toBe(true);
          if (lanes > 1 || along === 'x') expect(head.endsWith('east') ? hx > cx : hx < cx, `${along} ${head} ${lanes}: x`).toBe(true);
          // The engine accepts the barriers and every path segment stays clear of them.
          const g = createGeometry({ outline: [[0, 0], [50, 0], [50, 50], [0, 50]], barriers: s.barriers });
          for (let k = 1; k < s.path.length; k++) {
            const [ax, ay] = s.path[k - 1]!, [bx, by] = s.path[k]!;
            for (let w = g.walls.ringCount; w < g.walls.count; w++) {
              expect(crosses(ax, ay, bx, by, g.walls.ax[w]!, g.walls.ay[w]!, g.walls.bx[w]!, g.walls.by[w]!), `${along} ${head} ${lanes}: segment ${k}`).toBe(false);
            }
          }
        }
      }
    }
  });

  it('adds the lead after the exit, ending at the head', () => {
    const s = serpentine(spec({ lead: [[18, 1], [20, 3]] }));
    expect(s.path.slice(0, 3)).toEqual([[20, 3], [18, 1], [15.5, 1]]);
  });

  it('can leave the enclosure out, keeping only the lane dividers', () => {
    expect(serpentine(spec({ enclose: false })).barriers).toHaveLength(4);
    expect(serpentine(spec()).barriers).toHaveLength(4 + 4);
  });
});

function crosses(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  return o(ax, ay, bx, by, cx, cy) * o(ax, ay, bx, by, dx, dy) <= 0 && o(cx, cy, dx, dy, ax, ay) * o(cx, cy, dx, dy, bx, by) <= 0 &&
    Math.max(Math.min(ax, bx), Math.min(cx, dx)) <= Math.min(Math.max(ax, bx), Math.max(cx, dx)) &&
    Math.max(Math.min(ay, by), Math.min(cy, dy)) <= Math.min(Math.max(ay, by), Math.max(cy, dy));
}
