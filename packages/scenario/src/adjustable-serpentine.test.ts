// An adjustable serpentine (retractable belts opened ahead of the line) against a fixed one:
// a newcomer to a short line walks straight from the entrance to the lane of its place instead
// of along every empty lane. Checked against the walking distances of the generated geometry.
import { describe, expect, it } from 'vitest';
import { createScenarioSimulation, parseScenario, serpentine } from './index.js';
import type { Scenario } from './index.js';

const SPEED = 1.2;

/**
 * A 60 m x 30 m hall; a serpentine of 10 lanes, 2 m wide and 40 m long (about 400 m of path),
 * its head at the south-east corner; two desks just beyond it; one walking speed for everyone.
 */
function hall(ratePerHour: number, adjustable?: boolean): Record<string, any> {
  return {
    version: 1,
    name: 'Long serpentine (test)',
    run: { start: '07:00', end: '07:40', seed: 3, walking: true },
    levels: [{ id: 'hall', areas: [{ kind: 'rect', from: [0, 0], to: [60, 30] }] }],
    classes: [{ id: 'traveller', speed: { kind: 'constant', value: SPEED } }],
    demand: [{ id: 'door', pattern: { kind: 'constant', from: '07:00', to: '07:30', ratePerHour }, journey: 'clear', spawn: { kind: 'line', from: [1, 26], to: [1, 29] } }],
    stages: [
      {
        id: 'desks',
        kind: 'service',
        servers: [[50, 5], [50, 7]],
        queue: { kind: 'serpentine', from: [5, 5], to: [45, 25], lanes: 10, along: 'x', head: 'south-east', ...(adjustable === undefined ? {} : { adjustable }) },
        serviceTime: { kind: 'constant', value: 20 },
      },
      { id: 'out', kind: 'exit', target: { kind: 'line', from: [59.5, 1], to: [59.5, 29] } },
    ],
    journeys: [{ id: 'clear', start: 'desks', transitions: { desks: { kind: 'fixed', to: 'out' } } }],
  };
}

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

const distance = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

describe('an adjustable serpentine', () => {
  const geometry = serpentine({ kind: 'serpentine', from: [5, 5], to: [45, 25], lanes: 10, along: 'x', head: 'south-east' });
  const arcs = [0];
  for (let k = 1; k < geometry.path.length; k++) arcs.push(arcs[k - 1]! + distance(geometry.path[k - 1]!, geometry.path[k]!));
  const pathLength = arcs.at(-1)!;
  // The head lane begins at the last opening from the head; a newcomer to an empty line
  // crosses to it from the entrance and walks it to the head.
  const headLane = Math.min(...geometry.openings);
  const crossing = distance(geometry.path.at(-1)!, geometry.path[headLane]!);
  const shortWalk = crossing + arcs[headLane]!;

  it('opens a lane at every U-turn: the lane beginnings, on the lane centres', () => {
    expect(geometry.openings).toHaveLength(9);
    for (const k of geometry.openings) {
      const [, y] = geometry.path[k]!;
      // Lane centres at y = 6, 8, ..., 24 (2 m lanes from y = 5).
      expect((y - 6) % 2).toBeCloseTo(0, 9);
    }
    expect(pathLength).toBeGreaterThan(380);
    expect(shortWalk).toBeLessThan(100);
  });

  it('lets a newcomer to an empty line cross to the head lane; a fixed one walks every lane', () => {
    // 30 an hour for 20 s desks: the line is empty when nearly everyone joins (offered load
    // 0.17 Erlang on 2 desks), so the wait is the walk from the entrance to the head.
    const waits = (adjustable?: boolean): number => {
      const sim = createScenarioSimulation(parsed(hall(30, adjustable)));
      sim.runUntil(7 * 3600 + 40 * 60);
      const desks = sim.metrics().stages.find((s) => s.id === 'desks')!;
      expect(desks.served).toBe(sim.metrics().spawned);
      return desks.waits!.mean;
    };
    const adjustable = waits(), fixed = waits(false);
    console.info(`empty serpentine (~${pathLength.toFixed(0)} m): mean wait ${adjustable.toFixed(1)} s adjustable (walk ${shortWalk.toFixed(1)} m), ${fixed.toFixed(1)} s fixed`);
    // The wait runs from joining at the entrance to leaving the head of the line: the walk at
    // 1.2 m/s (less the last 0.05 m and up to a step of 0.1 s) plus the rare wait for a desk
    // (load 0.17): between the walk less 0.2 m and the walk plus 15 s.
    expect(adjustable).toBeGreaterThan((shortWalk - 0.2) / SPEED);
    expect(adjustable).toBeLessThan(shortWalk / SPEED + 15);
    expect(fixed).toBeGreaterThan((pathLength - 0.2) / SPEED);
    expect(fixed).toBeLessThan(pathLength / SPEED + 15);
  });

  it('keeps a long line in order and inside the hall, with nobody lost', () => {
    // 600 an hour on two 20 s desks (360 an hour): the line grows through the lanes.
    const sim = createScenarioSimulation(parsed(hall(600)));
    const hallGeometry = sim.levels[0]!.geometry;
    let outside = 0, censusOff = 0, maxQueued = 0, stacked = 0;
    const xs: number[] = [], ys: number[] = [];
    while (sim.time < 7 * 3600 + 40 * 60 - 1e-9) {
      sim.step();
      const c = sim.census();
      if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) censusOff++;
      maxQueued = Math.max(maxQueued, c.queued);
      xs.length = ys.length = 0;
      sim.forEachQueued(0, (x, y) => {
        if (!hallGeometry.contains(x, y)) outside++;
        xs.push(x);
        ys.push(y);
      });
      // Nobody stands on another: a line held at an opening extends along the way in.
      for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!) < 0.05) stacked++;
    }
    const m = sim.metrics();
    const desks = m.stages.find((s) => s.id === 'desks')!;
    expect({ outside, censusOff, stacked }).toEqual({ outside: 0, censusOff: 0, stacked: 0 });
    // About 300 arrive in 30 min and 240 are served in 40: the line reaches 100 or more,
    // 60 m of single file, into the lanes beyond the head lane.
    expect(maxQueued).toBeGreaterThan(80);
    // The desks never starve while the line is long: each 20 s service follows a walk of about
    // 5.5 m from the head (4.6 s) and the step back into the hall, so 2 desks clear one every
    // 14 s or so, about 165 in the 38.5 min after the first arrives. A traveller stuck on its
    // way in from an opening would stop the line behind it and most of these.
    expect(desks.served).toBeGreaterThan(150);
    console.info(`long line: spawned ${m.spawned}, served ${desks.served}, peak queued ${maxQueued}, utilisation ${desks.utilisation!.toFixed(3)}, wait max ${desks.waits!.max.toFixed(0)} s`);
  });
});
