// Two groups walking in opposite directions through a corridor between two rooms, the NIST TN 1822
// Verif. 2.8 / ISO 20414 test 6 layout (validation.md section 2, N-2.8): 10 m x 10 m rooms joined
// by a 10 m long corridor. Checks that opposing groups get through (no gridlock) and that they
// sort themselves into lanes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Random, Simulation } from '../index.js';
import { createRandom, createSimulation } from '../index.js';
import { mean, normalSpeed, runUntilEmpty, scatter, twoRoomsAndCorridor } from '../test-support/index.js';

// Moderate load: 12.5 agents per direction per metre of corridor width (25 vs 25 in N-2.8's 2 m,
// 50 vs 50 in 4 m), a quarter of N-2.8's heaviest case (100 vs 100 in 2 m).
const CASES = [{ width: 2, perGroup: 25 }, { width: 4, perGroup: 50 }];
const SEEDS = [1, 2, 3, 4, 5];
/**
 * Everyone must have arrived by 120 s. The farthest walk is 25 m (19 s at 1.34 m/s); even if each
 * direction used a single file, the model's single-lane capacity v0 / (v0 T + l) = 0.76 P/s
 * (T = 1 s, l = 0.42 m) would pass 50 agents in 66 s: 85 s in all. A gridlock never clears.
 */
const TIME_BOUND = 120;
/** The middle 6 m of the 10 m corridor, away from where the corridor meets the rooms. */
const SECTION = { x0: 12, x1: 18 };

/**
 * Lane order after Rex & Löwen (2007, Phys. Rev. E, lane formation in driven colloids): for each
 * agent i in the section, the agents j with |y_j - y_i| < 0.4 m (one body width: walking straight,
 * i and j would collide) are its lane mates, and phi_i = ((same - opposite) / (same + opposite))^2.
 * The mean of phi_i is 1 when every lane carries one direction, however many lanes there are; it
 * is not 0 for a random mix of few agents, hence the permutation baseline below.
 */
function laneOrder(y: readonly number[], dir: readonly number[]): number {
  let sum = 0, n = 0;
  for (let i = 0; i < y.length; i++) {
    let same = 0, opposite = 0;
    for (let j = 0; j < y.length; j++) {
      if (j === i || Math.abs(y[j]! - y[i]!) >= 0.4) continue;
      if (dir[j] === dir[i]) same++;
      else opposite++;
    }
    if (same + opposite === 0) continue;
    const f = (same - opposite) / (same + opposite);
    sum += f * f;
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

function shuffled(xs: readonly number[], random: Random): number[] {
  const out = xs.slice();
  for (let k = out.length - 1; k > 0; k--) {
    const j = random.integer(k + 1);
    const t = out[k]!;
    out[k] = out[j]!;
    out[j] = t;
  }
  return out;
}

interface CounterFlowRun {
  readonly cleared: boolean;
  readonly time: number;
  readonly remaining: number;
  /** Mean lane order over snapshots with >= 3 agents of each direction in the section. */
  readonly order: number;
  /** The same with the direction labels shuffled among the agents of each snapshot. */
  readonly chance: number;
  /** Mean density in the corridor section over those snapshots, P/m^2. */
  readonly density: number;
}

function run(width: number, perGroup: number, seed: number): CounterFlowRun {
  const sim = createSimulation({ geometry: twoRoomsAndCorridor(10, 10, 10, width), seed: `cf-${width}-${seed}` });
  // Targets: the far 2 m of the opposite room.
  const east = sim.addTarget({ kind: 'area', points: [[28, 0], [30, 0], [30, 10], [28, 10]] });
  const west = sim.addTarget({ kind: 'area', points: [[0, 0], [2, 0], [2, 10], [0, 10]] });
  const place = (x0: number, x1: number, target: number): void => {
    const xy = scatter(sim.random, perGroup, { x0, y0: 0.5, x1, y1: 9.5 }, 0.5);
    for (let k = 0; k < perGroup; k++) {
      sim.addAgent({ x: xy[2 * k]!, y: xy[2 * k + 1]!, target, desiredSpeed: normalSpeed(sim.random, 1.34, 0.05) });
    }
  };
  place(3, 9.5, east);
  place(20.5, 27, west);
  const a = sim.agents;
  const random = createRandom(`cf-null-${width}-${seed}`);
  let order = 0, chance = 0, density = 0, snapshots = 0;
  const sample = (s: Simulation): void => {
    if (s.stepCount % 10 !== 0) return; // every 0.5 s
    const y: number[] = [], dir: number[] = [];
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i] || a.x[i]! < SECTION.x0 || a.x[i]! > SECTION.x1) continue;
      y.push(a.y[i]!);
      dir.push(a.target[i] === east ? 1 : -1);
    }
    const eastbound = dir.filter((d) => d > 0).length;
    if (eastbound < 3 || dir.length - eastbound < 3) return;
    order += laneOrder(y, dir);
    chance += laneOrder(y, shuffled(dir, random));
    density += y.length / ((SECTION.x1 - SECTION.x0) * width);
    snapshots++;
  };
  const r = runUntilEmpty(sim, { maxTime: TIME_BOUND, stallTime: 30, afterStep: sample });
  return { cleared: r.cleared, time: r.time, remaining: r.remaining, order: order / snapshots, chance: chance / snapshots, density: density / snapshots };
}

describe('counter-flow between two rooms (N-2.8 layout)', () => {
  const runs = new Map<number, CounterFlowRun[]>();
  beforeAll(() => {
    for (const c of CASES) {
      const r = SEEDS.map((s) => run(c.width, c.perGroup, s));
      runs.set(c.width, r);
      console.info(`counter-flow ${c.width} m, ${c.perGroup} vs ${c.perGroup}: ` +
        r.map((x) => (x.cleared ? `${x.time.toFixed(1)} s` : `${x.remaining} stuck at ${x.time.toFixed(1)} s`)).join(', ') +
        `; lane order ${r.map((x) => x.order.toFixed(2)).join(' ')} (chance ${r.map((x) => x.chance.toFixed(2)).join(' ')}); ` +
        `section density ${mean(r.map((x) => x.density)).toFixed(2)} P/m^2`);
    }
  }, 120_000);

  it.each(CASES)('brings $perGroup + $perGroup opposing agents through a $width m corridor within 120 s', ({ width }) => {
    // No gridlock: every agent of both groups arrives in every seed (bound justified at TIME_BOUND).
    for (const r of runs.get(width)!) {
      expect(r.remaining, `${r.remaining} agents stuck at ${r.time.toFixed(1)} s`).toBe(0);
    }
  });

  it('sorts the two directions into lanes in the 4 m corridor', () => {
    // Normalised lane order (phi - chance) / (1 - chance): 0 for a random mix, 1 for pure lanes.
    // Experiments show lanes that break up and re-form, so 1 is not expected; requiring a third
    // of the way from chance to pure lanes is far beyond what chance gives (the mean over five
    // seeds of ~90 snapshots each; the shuffled baseline itself scatters by a few hundredths).
    const r = runs.get(4)!;
    const phi = mean(r.map((x) => x.order)), chance = mean(r.map((x) => x.chance));
    const normalised = (phi - chance) / (1 - chance);
    console.info(`counter-flow 4 m: lane order ${phi.toFixed(3)}, chance ${chance.toFixed(3)}, normalised ${normalised.toFixed(3)}`);
    expect(normalised).toBeGreaterThanOrEqual(1 / 3);
  });
});
