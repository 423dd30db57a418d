// A port in walking mode end to end: a hall with a serpentine queue, e-gates in lanes with
// standby places, a shuttle stop behind them and an exit (the engine's invariants with the
// process layer on top). Checked every step: everyone accounted for by a census of where they
// are (not by the counters themselves), every agent and every queued traveller inside the
// walkable area, no NaN, no server with two travellers; at the end, throughput and the queue.
import { describe, expect, it } from 'vitest';
import type { PortModelSpec } from '../index.js';
import { createPortSimulation } from '../index.js';

type P = [number, number];

function hall(): PortModelSpec {
  // 30 m x 20 m hall; a 3-lane serpentine (2 m lanes, people 2 abreast) between x 4 and 14;
  // 8 e-gates in 0.9 m lanes at x 18-21; a shuttle bay at the east end; 1,800 arrivals/h.
  const lanes = 3, width = 2, x0 = 4, x1 = 14, y0 = 7;
  const laneY = (k: number) => y0 + (k + 0.5) * width;
  const walk: P[] = [[x0 + 0.6, laneY(2)], [x1 - 1, laneY(2)], [x1 - 1, laneY(1)], [x0 + 1, laneY(1)], [x0 + 1, laneY(0)], [x1 - 0.6, laneY(0)]];
  const top = y0 + lanes * width;
  const barriers: P[][] = [
    [[x0, top - width], [x0, y0], [x1, y0]],
    [[x1, y0 + width], [x1, top], [x0, top]],
    [[x0, y0 + 2 * width], [x1 - width, y0 + 2 * width]],
    [[x0 + width, y0 + width], [x1, y0 + width]],
  ];
  const gates: P[] = [], standby: P[] = [];
  for (let k = 0; k < 8; k++) {
    gates.push([20.5, 6.45 + 0.9 * k]);
    standby.push([19.7, 6.45 + 0.9 * k]);
  }
  for (let k = 0; k <= 8; k++) barriers.push([[18, 6 + 0.9 * k], [21, 6 + 0.9 * k]]);
  return {
    levels: [{ id: 'hall', geometry: { outline: [[0, 0], [30, 0], [30, 20], [0, 20]], barriers } }],
    classes: [{ id: 'resident' }, { id: 'visitor', speed: { kind: 'normal', mean: 1.1, sd: 0.2, min: 0.5, max: 2 } }],
    sources: [{ id: 'entry', pattern: { kind: 'constant', from: 0, to: 900, ratePerHour: 1800 }, journey: 'through', classes: { resident: 0.7, visitor: 0.3 }, spawn: { kind: 'line', from: [0.5, 2], to: [0.5, 18] } }],
    stages: [
      {
        id: 'e-gates', kind: 'service', servers: gates, standby, standbyDepth: 2,
        queue: { kind: 'single', path: walk.reverse(), abreast: 2 },
        serviceTime: { kind: 'lognormal', mean: 12, cv: 0.35 },
      },
      { id: 'bay', kind: 'vehicle-stop', target: { kind: 'area', points: [[26, 8], [29, 8], [29, 12], [26, 12]] }, vehicles: { headway: 120, from: 0, to: 3600 }, capacity: 30, dwell: 20 },
    ],
    journeys: [{ id: 'through', start: 'e-gates', transitions: { 'e-gates': { kind: 'fixed', to: 'bay' } } }],
  };
}

describe('a port in walking mode (hall, serpentine, e-gate lanes, shuttle bay)', () => {
  it('keeps everyone accounted for, inside the walls and one to a server, every step', () => {
    const sim = createPortSimulation(hall(), { seed: 7 });
    const geometry = sim.levels[0]!.geometry;
    const a = sim.levels[0]!.agents;
    const bank = (sim as unknown as { banks: { occupant: Int32Array; serving: Uint8Array }[] }).banks[0]!;
    let steps = 0, outside = 0, notFinite = 0, censusOff = 0, doubleBooked = 0, queuedOutside = 0;
    while (sim.time < 1200 - 1e-9) {
      sim.step();
      steps++;
      const c = sim.census();
      // Census counts travellers where they are: on the floor, in a line, on the train/bay
      // platform waiting to be placed, or on the shuttle. It must match spawned - exited.
      if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) censusOff++;
      for (let s = 0; s < a.highWater; s++) {
        if (!a.active[s]) continue;
        if (!Number.isFinite(a.x[s]!) || !Number.isFinite(a.y[s]!) || !Number.isFinite(a.vx[s]!)) notFinite++;
        else if (!geometry.contains(a.x[s]!, a.y[s]!)) outside++;
      }
      sim.forEachQueued(0, (x, y) => {
        if (!geometry.contains(x, y)) queuedOutside++;
      });
      const seen = new Set<number>();
      for (let k = 0; k < bank.occupant.length; k++) {
        const t = bank.occupant[k]!;
        if (t >= 0 && seen.has(t)) doubleBooked++;
        if (t >= 0) seen.add(t);
      }
    }
    const m = sim.metrics();
    const gates = m.stages.find((s) => s.id === 'e-gates')!;
    const bay = m.stages.find((s) => s.id === 'bay')!;
    console.info(`port walking: ${steps} steps, spawned ${m.spawned}, exited ${m.exited}, in port ${m.inSystem}; gates served ${gates.served}, wait mean ${gates.waits!.mean.toFixed(1)} s, p95 ${gates.waits!.p95.toFixed(1)} s, utilisation ${gates.utilisation!.toFixed(3)}; bay boarded ${bay.boarded}, left behind ${bay.leftBehind}; worst LOS ${JSON.stringify(m.levelOfService[0]!.worst)}`);
    expect({ censusOff, outside, notFinite, queuedOutside, doubleBooked }).toEqual({ censusOff: 0, outside: 0, notFinite: 0, queuedOutside: 0, doubleBooked: 0 });
    // The longest stay is 0 exactly when the port is empty, and never more than the run.
    expect(sim.longestInSystem() > 0).toBe(sim.inSystem > 0);
    expect(sim.longestInSystem()).toBeLessThanOrEqual(sim.time);
    // 450 arrive in the first 15 min (1,800/h): Poisson, sd ~21, so 4 sd either side.
    expect(m.spawned).toBeGreaterThan(450 - 85);
    expect(m.spawned).toBeLessThan(450 + 85);
    // 8 gates at 12 s serve 2,400/h, more than the 1,800/h offered: everyone who arrived by
    // 15:00 is through the gates by 20:00 (the serpentine walk and the queue take < 5 min).
    expect(gates.served).toBe(m.spawned);
    // Offered load 6 Erlang on 8 gates (0.75), plus the step up from the standby place.
    expect(gates.utilisation!).toBeGreaterThan(0.4);
    expect(gates.utilisation!).toBeLessThan(1);
    // The shuttle (30 seats every 2 min = 900/h) is the real bottleneck: some are left behind.
    expect(bay.leftBehind!).toBeGreaterThan(0);
  });
});
