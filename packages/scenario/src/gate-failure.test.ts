// A failed e-gate sends its traveller back to a manual counter. In a 0.9 m gate lane between
// dividers, with two more travellers standing in it, the walk back out could lock four bodies
// for good (seen once in a whole Liantang day); the failed traveller now steps out to the
// lane's mouth instead. Checked: nobody on the way to the counters is ever in a gate lane, every failure
// reaches the manual counters, nobody is lost.
import { describe, expect, it } from 'vitest';
import { createScenarioSimulation, parseScenario } from './index.js';
import type { Scenario } from './index.js';

// Gates at x = 40, dividers from x = 37.0 to 40.6 every 0.9 m (as at Liantang, 7.5 widths).
const GATES = 6, PITCH = 0.9, FIRST_DIVIDER = -3, DIVIDERS_FROM = 37.0, DIVIDERS_TO = 40.6;

function hall(failure: number): Record<string, any> {
  return {
    version: 1,
    name: 'Gate failures (test)',
    run: { start: '07:00', end: '07:25', seed: 5, walking: true },
    levels: [
      {
        id: 'hall',
        areas: [{ kind: 'rect', from: [0, -10], to: [50, 20] }],
        barriers: [{ points: [[DIVIDERS_FROM, FIRST_DIVIDER], [DIVIDERS_TO, FIRST_DIVIDER]], repeat: { count: GATES + 1, step: [0, PITCH] } }],
      },
    ],
    classes: [{ id: 'traveller', speed: { kind: 'normal', mean: 1.34, sd: 0.26, min: 0.5, max: 2 } }],
    demand: [{ id: 'door', pattern: { kind: 'constant', from: '07:00', to: '07:20', ratePerHour: 1400 }, journey: 'clear', spawn: { kind: 'line', from: [1, -5], to: [1, 5] } }],
    stages: [
      {
        id: 'gates',
        kind: 'service',
        servers: [{ at: [40, FIRST_DIVIDER + PITCH / 2], repeat: { count: GATES, step: [0, PITCH] } }],
        standby: { offset: [-0.8, 0] },
        standbyDepth: 2,
        queue: { kind: 'serpentine', from: [10, -9], to: [30, -1], lanes: 3, along: 'x', head: 'south-east', abreast: 4 },
        serviceTime: { kind: 'lognormal', mean: 12, cv: 0.35 },
        // Half fail, without a penalty: the counters below stay well under capacity, so a
        // failure that does not reach them is stuck, not queued.
        failure: { probability: failure, fallback: 'counters', penalty: 0 },
      },
      {
        id: 'counters',
        kind: 'service',
        servers: [{ at: [40, 6], repeat: { count: 6, step: [0, 2] } }],
        standby: { offset: [-0.8, 0] },
        queue: { kind: 'serpentine', from: [10, 5], to: [30, 18], lanes: 3, along: 'x', head: 'south-east', abreast: 4 },
        serviceTime: { kind: 'lognormal', mean: 4, cv: 0.5 },
      },
      { id: 'out', kind: 'exit', target: { kind: 'line', from: [49.5, -9], to: [49.5, 19] } },
    ],
    journeys: [{ id: 'clear', start: 'gates', transitions: { gates: { kind: 'fixed', to: 'out' }, counters: { kind: 'fixed', to: 'out' } } }],
  };
}

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

describe('a failed e-gate', () => {
  it('sends its traveller out of the lane and on to the counters, past those waiting in it', () => {
    const sim = createScenarioSimulation(parsed(hall(0.5)));
    const agents = sim.levels[0]!.agents;
    const targets = sim.levels[0]!.navigation.targets;
    const laneBottom = FIRST_DIVIDER, laneTop = FIRST_DIVIDER + GATES * PITCH;
    let inLane = 0, censusOff = 0, longest = 0;
    while (sim.time < 7 * 3600 + 25 * 60 - 1e-9) {
      sim.step();
      const c = sim.census();
      if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) censusOff++;
      // Nobody on the way to the counters is ever inside a gate lane: a failed traveller
      // leaves its lane at once (the counters' targets are the points north of y = 4).
      for (let s = 0; s < agents.highWater; s++) {
        if (!agents.active[s]) continue;
        const x = agents.x[s]!, y = agents.y[s]!;
        if (x <= DIVIDERS_FROM || x >= DIVIDERS_TO || y <= laneBottom || y >= laneTop) continue;
        const shape = targets[agents.target[s]!]!.shape;
        if (shape.kind === 'point' && shape.y > 4) inLane++;
      }
      if (Math.round(sim.time * 10) % 600 === 0) longest = Math.max(longest, sim.longestInSystem());
    }
    const m = sim.metrics();
    const gates = m.stages.find((s) => s.id === 'gates')!;
    const counters = m.stages.find((s) => s.id === 'counters')!;
    console.info(
      `gate failures: spawned ${m.spawned}, gates served ${gates.served}, failed ${gates.failed}, counters served ${counters.served}, ` +
        `exited ${m.exited}, agent-steps in a gate lane on the way to the counters ${inLane}, longest stay ${longest.toFixed(0)} s`,
    );
    expect({ inLane, censusOff }).toEqual({ inLane: 0, censusOff: 0 });
    // About 470 arrive in 20 min on 6 gates of 12 s (1,800/h): the line stays short, and with
    // half failing (p = 0.5) some 230 go on to the counters (6 of 4 s: 5,400/h, nearly idle).
    expect(gates.failed).toBeGreaterThan(150);
    // Every failure reaches the counters, and everyone has left 5 min after the last arrival
    // (the walk from the door to the exit is about 60 m, under a minute).
    expect(counters.served).toBe(gates.failed);
    expect(m.exited).toBe(m.spawned);
    expect(longest).toBeLessThan(300);
  });
});
