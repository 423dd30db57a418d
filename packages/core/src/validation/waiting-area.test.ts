// A waiting area in walking mode (a customs "taken aside" room, a bus stop): travellers who reach
// it walk on to free standing spots inside it instead of stopping at its edge. Found in the
// Liantang whole-day soak: with people stopping on their first step inside, a 4 m x 4 m side
// area sealed its own edge and 230 travellers stood still in front of it within two hours.
import { describe, expect, it } from 'vitest';
import type { PortModelSpec } from '../index.js';
import { createPortSimulation } from '../index.js';

// A 30 m x 12 m hall: everyone spends 40 s in a 4 m x 4 m room against the north wall, entered
// by a 2 m door in its west wall and left by one in its east wall (people going in and out
// through one door is a counter-flow, tested apart). 1,800 per hour gives about 20 in the room
// at a time (Little's law), within its 25 spots.
const spec: PortModelSpec = {
  levels: [{ id: 'hall', geometry: { outline: [[0, 0], [30, 0], [30, 12], [0, 12]], barriers: [[[14, 8], [18, 8]], [[14, 8], [14, 9]], [[14, 11], [14, 12]], [[18, 8], [18, 9]], [[18, 11], [18, 12]]] } }],
  classes: [{ id: 'adult' }],
  sources: [{ id: 'in', pattern: { kind: 'constant', from: 0, to: 1200, ratePerHour: 1800 }, journey: 'j', spawn: { kind: 'line', from: [1, 1], to: [1, 7] } }],
  stages: [
    { id: 'aside', kind: 'waiting', target: { kind: 'area', points: [[14, 8], [18, 8], [18, 12], [14, 12]] }, dwell: { kind: 'constant', value: 40 } },
    { id: 'out', kind: 'exit', target: { kind: 'line', from: [29.5, 0.5], to: [29.5, 7.5] } },
  ],
  journeys: [{ id: 'j', start: 'aside', transitions: { aside: { kind: 'fixed', to: 'out' } } }],
};

describe('a waiting area in walking mode', () => {
  it('lets people in to free spots, so the room passes its arrivals and nobody piles up at the door', () => {
    const sim = createPortSimulation(spec, { seed: 3 });
    let peakHolding = 0, closest = Infinity;
    while (sim.time < 1500) {
      sim.step();
      const a = sim.levels[0]!.agents;
      const held: [number, number][] = [];
      for (let s = 0; s < a.highWater; s++) if (a.active[s] && a.mode[s] === 1) held.push([a.x[s]!, a.y[s]!]);
      peakHolding = Math.max(peakHolding, held.length);
      if (Math.round(sim.time * 10) % 100 === 0) {
        for (let i = 0; i < held.length; i++) for (let j = i + 1; j < held.length; j++) closest = Math.min(closest, Math.hypot(held[i]![0] - held[j]![0], held[i]![1] - held[j]![1]));
      }
    }
    const m = sim.metrics();
    const aside = m.stages.find((s) => s.id === 'aside')!;
    // Arrivals stop at 1,200 s; 300 s later everyone has had 40 s in the room and the walk out
    // (about 45 m at 1.3 m/s): all leave. A sealed door would keep dozens in the hall.
    expect(m.spawned).toBeGreaterThan(500);
    expect(m.exited).toBe(m.spawned);
    expect(aside.entered).toBe(m.spawned);
    // Those waiting stand apart (spots are 0.7 m apart and reached within 0.25 m; bodies are
    // 0.3 m across, so two standing closer than that would overlap). About 20 wait at a time
    // (Little's law); the peak of a Poisson-like count over 20 minutes lies within +-75 % of it.
    expect(closest).toBeGreaterThan(0.3);
    expect(peakHolding).toBeGreaterThan(12);
    expect(peakHolding).toBeLessThan(35);
  });
});
