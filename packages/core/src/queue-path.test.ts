import { describe, expect, it } from 'vitest';
import { QueuePath } from './queue-path.js';

describe('QueuePath', () => {
  // A two-lane serpentine, head at (0, 0); its last lane runs from (10, 2) back west to the tail
  // at (0, 2), so walkers join there, walking east into it.
  const path: [number, number][] = [[0, 0], [10, 0], [10, 2], [0, 2]];

  it('is joined at the tail point in single file', () => {
    const [a, b] = new QueuePath(path, 0.6).entrance;
    expect(a).toEqual([0, 2]);
    expect(b).toEqual([0, 2]);
  });

  it('is joined across the lane, through the outermost places of a row, when people stand abreast', () => {
    // Four abreast 0.6 m apart: places at -0.9, -0.3, 0.3, 0.9 m across the lane.
    const q = new QueuePath(path, 0.6, 4);
    const [a, b] = q.entrance;
    for (const p of [a, b]) expect(p[0]).toBeCloseTo(0, 12);
    expect([a[1], b[1]].sort((u, v) => u - v)).toEqual([expect.closeTo(1.1, 12), expect.closeTo(2.9, 12)]);
    // The same line as the row of the last places (k = 0 .. 3 at the tail).
    const out = new Float64Array(2);
    const across = [0, 1, 2, 3].map((k) => (q.pointBeside(q.length, q.offsetOf(k), out), out[1]!));
    expect(Math.min(...across)).toBeCloseTo(1.1, 12);
    expect(Math.max(...across)).toBeCloseTo(2.9, 12);
  });
});
