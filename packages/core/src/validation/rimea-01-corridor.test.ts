// RiMEA 3.0 Test 1, walking speed in a corridor (validation.md section 1, R-01).
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../index.js';
import { corridor, CrossingCounter } from '../test-support/index.js';

const V0 = 1.33; // m/s: RiMEA requires a setting in 1.25-1.42 m/s (4.5-5.1 km/h).

/**
 * One agent in a 2 m wide corridor; the measured 40 m from x = 0 to x = 40 have a run-up of 0.8 m
 * before them (the JuPedSim variant of R-01) and 1.4 m after them before the target line, so
 * neither the start nor the arrival is timed. Crossing times are interpolated within the step.
 * One run suffices: a lone agent with a given desired speed draws no random numbers.
 */
function crossingTimes(): { start: number[]; finish: number[] } {
  const sim = createSimulation({ geometry: corridor(43, 2, -1), seed: 1 });
  const exit = sim.addTarget({ kind: 'line', from: [41.7, 0], to: [41.7, 2] });
  sim.addAgent({ x: -0.8, y: 1, target: exit, desiredSpeed: V0 });
  const start = new CrossingCounter(0), finish = new CrossingCounter(40);
  while (sim.agents.count > 0 && sim.time < 100) {
    sim.step();
    start.observe(sim);
    finish.observe(sim);
  }
  return { start: start.times, finish: finish.times };
}

describe('RiMEA test 1: walking speed in a 2 m x 40 m corridor', () => {
  let t = NaN;
  beforeAll(() => {
    const { start, finish } = crossingTimes();
    if (start.length === 1 && finish.length === 1) t = finish[0]! - start[0]!;
    console.info(`R-01: travel time over 40 m ${t.toFixed(3)} s (40 / v0 = ${(40 / V0).toFixed(3)} s)`);
  });

  it('covers the 40 m in 26-34 s', () => {
    // RiMEA's own window: derived from a 0.4 m body, 1 s premovement and 5 % speed
    // imprecision around 40 / 1.33 = 30.1 s.
    expect(t).toBeGreaterThanOrEqual(26);
    expect(t).toBeLessThanOrEqual(34);
  });

  it('walks at its desired speed to within 2 %', () => {
    // R-01 "tighter internal check": with a run-up and nobody else the only errors left are the
    // time discretisation and any wall influence; 2 % of 30.1 s is 0.6 s, six steps of the default 0.1 s.
    const nominal = 40 / V0;
    expect(Math.abs(t - nominal) / nominal).toBeLessThanOrEqual(0.02);
  });
});
