// RiMEA 3.0 Test 9, a crowd leaving a large public space (validation.md section 1, R-09): a
// 30 m x 20 m room with four 1 m doors; the time for everyone to leave with all four doors open
// (T4) and with the two doors of one wall locked (T2) must satisfy 1.6 <= T2 / T4 <= 2.4.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulation, TargetId, Vec2 } from '../index.js';
import { createSimulation } from '../index.js';
import type { EvacuationResult } from '../test-support/index.js';
import { runUntilEmpty } from '../test-support/index.js';

interface Door {
  /** Left edge of the 1 m opening, m (R-09: 4-5 and 25-26 on both long walls). */
  readonly x: number;
  readonly wall: 'south' | 'north';
}
// Doors 1 and 2 share the south wall; step 2 locks them.
const ALL_DOORS: Door[] = [{ x: 4, wall: 'south' }, { x: 25, wall: 'south' }, { x: 4, wall: 'north' }, { x: 25, wall: 'north' }];
const NORTH_DOORS = ALL_DOORS.filter((d) => d.wall === 'north');
const STUB = 1; // m: each door opens into a 1 m x 1 m passage outside the room; its far half is the exit.

/** The room with a passage behind each open door; a locked door is plain wall. */
function room(doors: readonly Door[]): Vec2[] {
  const south = doors.filter((d) => d.wall === 'south').sort((p, q) => p.x - q.x);
  const north = doors.filter((d) => d.wall === 'north').sort((p, q) => q.x - p.x);
  const ring: Vec2[] = [[0, 0]];
  for (const d of south) ring.push([d.x, 0], [d.x, -STUB], [d.x + 1, -STUB], [d.x + 1, 0]);
  ring.push([30, 0], [30, 20]);
  for (const d of north) ring.push([d.x + 1, 20], [d.x + 1, 20 + STUB], [d.x, 20 + STUB], [d.x, 20]);
  ring.push([0, 20]);
  return ring;
}

const exitArea = (sim: Simulation, d: Door): TargetId => {
  const y0 = d.wall === 'south' ? -STUB : 20 + STUB / 2, y1 = d.wall === 'south' ? -STUB / 2 : 20 + STUB;
  return sim.addTarget({ kind: 'area', points: [[d.x, y0], [d.x + 1, y0], [d.x + 1, y1], [d.x, y1]] });
};

// The full 1000 of the specification: the whole test takes about 25-40 s on one core, inside the
// budget, and a smaller crowd would not build the congestion at the doors that the test is about.
const COUNT = 1000;
// One seed: T2 / T4 is a ratio of clearance times of 1000 agents each, and the 1.6-2.4 band is wide
// against its seed-to-seed spread; the budget does not allow five seeds of 2 x 1000 agents.
const SEED = 9;

/**
 * Evenly distributed (a jittered lattice) over the room inset 2 m from every wall (26 m x 16 m);
 * desired speeds from the engine's default adult distribution (Weidmann, section 1.1). Each agent
 * heads for the open door with the shortest walking distance from its start (sim.navigation).
 */
function evacuate(doors: readonly Door[]): EvacuationResult {
  const sim = createSimulation({ geometry: { outline: room(doors) }, seed: SEED });
  const exits = doors.map((d) => exitArea(sim, d));
  const nx = Math.round(Math.sqrt((COUNT * 26) / 16)), ny = Math.ceil(COUNT / nx);
  for (let k = 0; k < COUNT; k++) {
    const i = k % nx, j = Math.floor(k / nx);
    const x = 2 + ((i + 0.5) * 26) / nx + (sim.random.uniform() - 0.5) * 0.1;
    const y = 2 + ((j + 0.5) * 16) / ny + (sim.random.uniform() - 0.5) * 0.1;
    let target = exits[0]!;
    for (const t of exits) if (sim.navigation.distance(t, x, y) < sim.navigation.distance(target, x, y)) target = t;
    sim.addAgent({ x, y, target });
  }
  // Nobody leaving for 30 s is a gridlock: with even one door flowing at ~1 P/s someone leaves
  // every second or so, and the model has no noise to resolve a stuck configuration.
  return runUntilEmpty(sim, { maxTime: 1200, stallTime: 30 });
}

describe('RiMEA test 9: 1000 persons leaving a 30 m x 20 m room', () => {
  let four: EvacuationResult, two: EvacuationResult;
  beforeAll(() => {
    four = evacuate(ALL_DOORS);
    two = evacuate(NORTH_DOORS);
    const show = (r: EvacuationResult): string =>
      r.cleared ? `${r.time.toFixed(1)} s` : `not cleared: ${r.remaining} left, ${r.stalled ? 'gridlock' : 'time limit'} at ${r.time.toFixed(1)} s`;
    console.info(`R-09: T4 ${show(four)}; T2 ${show(two)}; T2/T4 ${(two.time / four.time).toFixed(2)}`);
  }, 120_000);

  it('lets everyone out through four doors', () => {
    expect(four.remaining, `gridlock: ${four.remaining} of ${COUNT} still inside at ${four.time.toFixed(1)} s`).toBe(0);
  });

  it('lets everyone out through the two doors of one wall', () => {
    expect(two.remaining, `gridlock: ${two.remaining} of ${COUNT} still inside at ${two.time.toFixed(1)} s`).toBe(0);
  });

  it('takes 1.6-2.4 times as long with two doors as with four', () => {
    // JuPedSim's pass band for T2 ~ 2 T4: halving the door capacity about doubles the
    // clearance time, less the walking time both share. Meaningless unless both rooms cleared.
    expect(four.cleared && two.cleared, 'both evacuations complete').toBe(true);
    const ratio = two.time / four.time;
    expect(ratio).toBeGreaterThanOrEqual(1.6);
    expect(ratio).toBeLessThanOrEqual(2.4);
  });
});
