// Initial positions for test crowds: random sequential placement (each new body rejected while it
// would come closer than `gap` to one already placed), drawn from the simulation's own seeded
// random source so a test's crowd is part of its seed. Test-only.
import type { Random } from '../index.js';

export interface Region {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * `count` points uniformly at random in `region`, no two closer than `gap` m (centre to centre),
 * and each accepted by `accept` (e.g. inside the walkable area). With `periodX` the x distance
 * wraps around (a periodic corridor of that length). Throws if the region is too full.
 */
export function scatter(
  random: Random,
  count: number,
  region: Region,
  gap: number,
  options: { readonly periodX?: number; readonly accept?: (x: number, y: number) => boolean } = {},
): Float64Array {
  const xy = new Float64Array(2 * count);
  const gap2 = gap * gap;
  const period = options.periodX;
  let n = 0;
  for (let tries = 0; n < count; tries++) {
    if (tries > 2000 * count) throw new Error(`scatter: placed ${n} of ${count} bodies; region too full for gap ${gap} m`);
    const x = region.x0 + random.uniform() * (region.x1 - region.x0);
    const y = region.y0 + random.uniform() * (region.y1 - region.y0);
    if (options.accept && !options.accept(x, y)) continue;
    let free = true;
    for (let k = 0; k < n && free; k++) {
      let dx = Math.abs(xy[2 * k]! - x);
      if (period !== undefined) dx = Math.min(dx, period - dx);
      const dy = xy[2 * k + 1]! - y;
      free = dx * dx + dy * dy >= gap2;
    }
    if (!free) continue;
    xy[2 * n] = x;
    xy[2 * n + 1] = y;
    n++;
  }
  return xy;
}

/** A desired speed from N(mean, sd) truncated to mean +- 3 sd (RiMEA/JuPedSim style populations). */
export function normalSpeed(random: Random, mean: number, sd: number): number {
  for (;;) {
    const v = mean + sd * random.standardNormal();
    if (Math.abs(v - mean) <= 3 * sd) return v;
  }
}
