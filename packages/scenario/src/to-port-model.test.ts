import { describe, expect, it } from 'vitest';
import { createScenarioSimulation, parseScenario, runScenario, ScenarioError, toPortModel } from './index.js';
import type { Scenario } from './index.js';
import { queueOnly, twoLevelHall } from './test-support/fixtures.js';

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

describe('toPortModel', () => {
  const model = toPortModel(parsed(twoLevelHall()));

  it('expands server rows, standby offsets and the serpentine into plain coordinates', () => {
    const gates = model.spec.stages.find((s) => s.id === 'e-gates');
    if (gates?.kind !== 'service') throw new Error('e-gates is a service stage');
    expect(gates.servers).toHaveLength(8);
    expect(gates.servers[7]).toEqual([30, 10]);
    expect(gates.standby![7]).toEqual([28.5, 10]);
    expect(gates.queue).toMatchObject({ kind: 'single', spacing: 0.6, abreast: 1 });
    const path = gates.queue!.kind === 'single' ? gates.queue!.path : [];
    expect(path[0]).toEqual([23.5, 3]);
    // The serpentine's barriers join the hall's own nine gate dividers.
    const hall = model.spec.levels!.find((l) => l.id === 'hall')!;
    expect(hall.geometry.barriers!.length).toBe(9 + 4 + 4);
  });

  it('maps the format onto the engine: links per minute, rect targets as areas, classes with their calibration', () => {
    const link = model.spec.stages.find((s) => s.id === 'escalator-up');
    expect(link).toMatchObject({ kind: 'link', capacity: 100, travelTime: 20, toLevel: 'hall', alight: { kind: 'area', points: [[1, 8], [3, 8], [3, 12], [1, 12]] } });
    expect(model.spec.classes).toEqual([
      { id: 'resident', calibration: 'everyday', name: 'Hong Kong residents' },
      { id: 'visitor', speed: { kind: 'normal', mean: 1.2, sd: 0.2 }, radius: 0.25 },
    ]);
    expect(model.options).toEqual({ seed: 1, walking: true, start: '07:00' });
    expect(model.end).toBe(7 * 3600 + 300);
    // The concourse is a 30 m x 20 m rectangle less four 1 m^2 pillars.
    expect(model.spec.levels![0]!.geometry.holes).toHaveLength(4);
  });

  it('passes standbyDepth on to the engine, and refuses it on a bank without standby spots', () => {
    const doc = twoLevelHall() as { stages: Record<string, unknown>[] };
    const gates = doc.stages.find((s) => s['id'] === 'e-gates')!;
    gates['standbyDepth'] = 2;
    const spec = toPortModel(parsed(doc)).spec.stages.find((s) => s.id === 'e-gates');
    expect(spec).toMatchObject({ kind: 'service', standbyDepth: 2 });
    delete gates['standby'];
    const r = parseScenario(doc);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([expect.stringContaining('standbyDepth: 2, is 2 on a bank without standby spots')]);
  });

  it('throws a ScenarioError with issues for a scenario whose geometry does not build', () => {
    const s = parsed(twoLevelHall());
    const broken = { ...s, levels: [{ id: 'concourse', areas: [{ kind: 'rect' as const, from: [0, 0] as [number, number], to: [1, 1] as [number, number] }, { kind: 'rect' as const, from: [5, 5] as [number, number], to: [6, 6] as [number, number] }] }, s.levels![1]!] };
    expect(() => toPortModel(broken)).toThrow(ScenarioError);
  });
});

describe('a small valid scenario', () => {
  it('runs five simulated minutes walking: travellers ride up, queue, are served and leave', () => {
    const m = runScenario(parsed(twoLevelHall()));
    // The engine runs whole steps (0.1 s by default); summing them may take one step more.
    expect(m.time - m.start).toBeGreaterThanOrEqual(300 - 1e-6);
    expect(m.time - m.start).toBeLessThanOrEqual(300.2);
    // 600 per hour for 5 minutes: 50 expected (Poisson, sd 7).
    expect(m.spawned).toBeGreaterThan(30);
    expect(m.spawned).toBeLessThan(70);
    expect(m.exited).toBeGreaterThan(0);
    expect(m.spawned).toBe(m.inSystem + m.exited);
    const byId = new Map(m.stages.map((s) => [s.id, s]));
    expect(byId.get('e-gates')!.served).toBeGreaterThan(0);
    expect(byId.get('counters')!.entered).toBeGreaterThan(0);
    expect(m.flows[0]!.forward).toBe(m.exited);
  });

  it('runs the same scenario queueing-only, where nobody spends time walking', () => {
    const scenario = parsed(twoLevelHall());
    const walking = runScenario(scenario);
    const queueing = runScenario(scenario, { walking: false });
    expect(queueing.spawned).toBe(walking.spawned);
    expect(queueing.exited).toBeGreaterThan(walking.exited);
    // Time in system is the escalator ride plus service (and a failed e-gate's penalty), no walking.
    const arrive = queueing.journeys[0]!;
    expect(arrive.timeInSystem.mean).toBeLessThan(walking.journeys[0]!.timeInSystem.mean);
    expect(arrive.timeInSystem.p50).toBeGreaterThanOrEqual(20);
  });

  it('gives the same run for the same seed and a different one for another seed', () => {
    const scenario = parsed(queueOnly());
    const a = runScenario(scenario, { seed: 3 }), b = runScenario(scenario, { seed: 3 }), c = runScenario(scenario, { seed: 4 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(createScenarioSimulation(scenario).walking).toBe(false);
  });
});
