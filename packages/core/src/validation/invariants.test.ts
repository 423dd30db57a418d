// Invariants of a dense run, checked after every step (STYLE.md, "Invariants every step"): a room
// with pillars emptying through a narrow exit while more people keep arriving. Plus determinism:
// the same seed gives bit-identical positions, another seed does not.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulation, Vec2 } from '../index.js';
import { createSimulation } from '../index.js';
import { maxOverlap, rectangle, scatter } from '../test-support/index.js';

/** 20 m x 15 m room, exit passage 1 m wide and 3 m long in the east wall, five pillars. */
const OUTLINE: Vec2[] = [[0, 0], [20, 0], [20, 7], [23, 7], [23, 8], [20, 8], [20, 15], [0, 15]];
const PILLARS: Vec2[][] = [rectangle(5, 4, 6, 5), rectangle(5, 10, 6, 11), rectangle(11, 4, 12, 5), rectangle(11, 10, 12, 11), rectangle(16, 7.2, 16.6, 7.8)];
// A few hundred agents: 300 at the start (2 P/m^2 over the west 10 m) and 2 more per second for
// the first 30 s. The 1 m exit passes under 1 P/s, so the crowd packs against it and around the
// pillars for the whole minute: every contact situation of the model (agents, wall, corner,
// pillar, slide) occurs thousands of times, which is what an invariant check needs.
const INITIAL = 300;
const ARRIVALS_PER_S = 2;
const ARRIVALS_UNTIL = 30;
const DURATION = 60;
/**
 * Largest accepted interpenetration of two bodies, m. The model is collision-free only along each
 * agent's heading (the CFSM speed rule stops an agent before the agent ahead in its lane); all
 * agents move from the same snapshot, and the wall slide changes a heading after its speed was
 * chosen, so two bodies can press into each other by up to a step of each before the speed rule
 * stops them. 0.1 m, a quarter of a body diameter, is the most we accept as bodies pressed
 * together in a crowd; more would mean agents walking through each other.
 */
const OVERLAP_TOLERANCE = 0.1;

interface PillarRoom {
  readonly sim: Simulation;
  /** Steps once, adding the scheduled newcomers first. */
  step(): void;
}

function pillarRoom(seed: string | number): PillarRoom {
  const sim = createSimulation({ geometry: { outline: OUTLINE, holes: PILLARS }, seed });
  const exit = sim.addTarget({ kind: 'area', points: [[22.5, 7], [23, 7], [23, 8], [22.5, 8]] });
  const clear = (x: number, y: number): boolean => sim.geometry.contains(x, y) && sim.geometry.distanceToWall(x, y) > 0.3;
  const xy = scatter(sim.random, INITIAL, { x0: 0.3, y0: 0.3, x1: 10, y1: 14.7 }, 0.45, { accept: clear });
  // Desired speeds from the engine's default adult distribution (0.5-2.2 m/s): fast agents stuck
  // behind slow ones exercise more of the model than equal speeds would.
  for (let k = 0; k < INITIAL; k++) sim.addAgent({ x: xy[2 * k]!, y: xy[2 * k + 1]!, target: exit });
  const every = Math.round(1 / ARRIVALS_PER_S / sim.dt);
  const a = sim.agents;
  const newcomer = (): void => {
    // A free spot near the west wall; skipped (and counted nowhere) if none is found.
    for (let tries = 0; tries < 50; tries++) {
      const x = 0.3 + sim.random.uniform() * 3, y = 0.3 + sim.random.uniform() * 14.4;
      let free = clear(x, y);
      for (let i = 0; i < a.highWater && free; i++) if (a.active[i]) free = (a.x[i]! - x) ** 2 + (a.y[i]! - y) ** 2 >= 0.45 * 0.45;
      if (free) {
        sim.addAgent({ x, y, target: exit });
        return;
      }
    }
  };
  return {
    sim,
    step() {
      if (sim.time < ARRIVALS_UNTIL && sim.stepCount % every === 0) newcomer();
      sim.step();
    },
  };
}

describe('invariants of a dense crowd around pillars and through a narrow exit', () => {
  let steps = 0, outside = 0, notFinite = 0, unbalanced = 0, worstOverlap = 0, checks = 0;
  let firstProblem = '';
  let room: PillarRoom;
  beforeAll(() => {
    room = pillarRoom('invariants');
    const { sim } = room;
    const a = sim.agents;
    while (sim.time < DURATION) {
      room.step();
      steps++;
      for (let i = 0; i < a.highWater; i++) {
        if (!a.active[i]) continue;
        checks++;
        const x = a.x[i]!, y = a.y[i]!;
        if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(a.vx[i]!) && Number.isFinite(a.vy[i]!))) {
          notFinite++;
          firstProblem ||= `agent ${a.id[i]} not finite at t=${sim.time}`;
        } else if (!sim.geometry.contains(x, y)) {
          outside++;
          firstProblem ||= `agent ${a.id[i]} outside at (${x}, ${y}), t=${sim.time}`;
        }
      }
      if (sim.spawned !== a.count + sim.exited) unbalanced++;
      worstOverlap = Math.max(worstOverlap, maxOverlap(sim));
    }
    console.info(`invariants: ${steps} steps, ${checks} agent-steps checked, spawned ${sim.spawned}, exited ${sim.exited}, ` +
      `inside ${a.count}; max overlap ${worstOverlap.toFixed(4)} m; outside ${outside}; not finite ${notFinite}; unbalanced ${unbalanced}` +
      (firstProblem ? `; first problem: ${firstProblem}` : ''));
  }, 120_000);

  it('is a dense run that really exercises the model', () => {
    // Guards the test itself: newcomers kept arriving, the exit worked, and a crowd remained.
    expect(room.sim.spawned).toBeGreaterThan(INITIAL + 40);
    expect(room.sim.exited).toBeGreaterThan(20);
    expect(room.sim.agents.count).toBeGreaterThan(200);
  });

  it('keeps x, y, vx and vy finite', () => {
    expect(notFinite).toBe(0);
  });

  it('keeps every active agent inside the walkable area', () => {
    // Exact: the engine's hard wall constraint never ends a step across a wall.
    expect(outside).toBe(0);
  });

  it('conserves travellers: spawned = in the simulation + exited', () => {
    expect(unbalanced).toBe(0);
  });

  it(`never lets two bodies overlap by more than ${OVERLAP_TOLERANCE} m`, () => {
    expect(worstOverlap).toBeLessThanOrEqual(OVERLAP_TOLERANCE);
  });
});

describe('determinism', () => {
  /** Positions of all slots ever used after 20 s (400 steps, including newcomers). */
  const positions = (seed: string): Float64Array => {
    // A fresh simulation every call: nothing is shared between the two runs compared.
    const room = pillarRoom(seed);
    while (room.sim.time < 20) room.step();
    const a = room.sim.agents;
    const out = new Float64Array(2 * a.highWater);
    out.set(a.x.subarray(0, a.highWater));
    out.set(a.y.subarray(0, a.highWater), a.highWater);
    return out;
  };
  /** Bit for bit: compares the 64-bit patterns, so even -0 vs 0 or two NaN payloads differ. */
  const same = (p: Float64Array, q: Float64Array): boolean => {
    if (p.length !== q.length) return false;
    const u = new BigUint64Array(p.buffer, p.byteOffset, p.length), v = new BigUint64Array(q.buffer, q.byteOffset, q.length);
    return u.every((bits, k) => bits === v[k]);
  };

  let first: Float64Array = new Float64Array(0);
  beforeAll(() => {
    first = positions('determinism');
  });

  it('gives bit-identical positions for the same seed', () => {
    expect(same(first, positions('determinism'))).toBe(true);
  });

  it('gives different positions for a different seed', () => {
    expect(same(first, positions('determinism-2'))).toBe(false);
  });
});
