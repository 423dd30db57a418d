// Quickest paths round a crowd (navigation.congestion): a room whose only way out is a corridor
// leaving from one corner. With static distance fields every traveller makes for the inside of
// that corner and the stream enters the corridor along one wall; with fields recomputed from
// the crowd (Hartmann 2010; Kretz 2011) the stream spreads over the corridor's width and more
// get through. Found at Lo Wu, where the SZ entry hall's southern gates feed a corridor that
// leaves the hall in its middle: 858 travellers stood behind the corner at 09:00.
import { describe, expect, it } from 'vitest';
import { createScenarioSimulation, parseScenario } from './index.js';

const START = 7 * 3600;

/** Travellers who left between 150 s and 270 s after the start, with or without congestion updates. */
function outflow(congestion: boolean): { exited: number; spawned: number; censusOff: number } {
  const r = parseScenario({
    version: 1,
    name: 'Corner (test)',
    run: { start: '07:00', end: '07:05', seed: 2, walking: true, ...(congestion ? { navigation: { congestion: { interval: 10 } } } : {}) },
    // A 20 m x 40 m room; a 6 m corridor leaves its east wall at the north end.
    levels: [{ id: 'hall', areas: [{ kind: 'rect', from: [0, 0], to: [20, 40] }, { kind: 'rect', from: [20, 34], to: [60, 40] }] }],
    classes: [{ id: 'p', speed: { kind: 'normal', mean: 1.34, sd: 0.26, min: 0.5, max: 2 } }],
    // 4 a second from the south wall, more than the stream along one wall carries.
    demand: [{ id: 'door', pattern: { kind: 'constant', from: '07:00', to: '07:05', ratePerHour: 14400 }, journey: 'out', spawn: { kind: 'line', from: [1, 1], to: [19, 1] } }],
    stages: [{ id: 'exit', kind: 'exit', target: { kind: 'line', from: [59.5, 34.5], to: [59.5, 39.5] } }],
    journeys: [{ id: 'out', start: 'exit', transitions: {} }],
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const sim = createScenarioSimulation(r.scenario);
  let censusOff = 0, before = 0;
  while (sim.time < START + 270 - 1e-9) {
    sim.step();
    const c = sim.census();
    if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) censusOff++;
    if (Math.abs(sim.time - (START + 150)) < 1e-6) before = sim.exited;
  }
  return { exited: sim.exited - before, spawned: sim.spawned, censusOff };
}

describe('quickest paths (navigation.congestion)', () => {
  it('spread a stream round a crowded corner, and more get through', () => {
    const fixed = outflow(false), quickest = outflow(true);
    console.info(`corner: ${fixed.exited} left in 2 min with static fields, ${quickest.exited} with congestion updates every 10 s`);
    expect(fixed.censusOff + quickest.censusOff).toBe(0);
    // Measured 233 against 395 (1.9 against 3.3 P/s). Demand (4 P/s) exceeds both, so the
    // difference is what the corner lets through; asking a quarter more stays well clear of
    // seed-to-seed noise (a few per cent) and well short of the measured 70 %.
    expect(quickest.exited).toBeGreaterThan(1.25 * fixed.exited);
  });
});
