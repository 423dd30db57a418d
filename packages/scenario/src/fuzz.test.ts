// Property: parseScenario never throws, whatever mutation of a valid scenario it is given; it
// either accepts the scenario (and then the engine builds it and runs it without error) or
// lists at least one issue, each with its path. Thousands of mutated scenarios in a few seconds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenarioSimulation, parseScenario } from './index.js';
import type { PathSegment } from './issues.js';
import { queueOnly, smallHall } from './test-support/fixtures.js';

type Json = unknown;

/** Every path in a JSON document (objects' keys, arrays' indices), the root excluded. */
function paths(v: Json, base: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (Array.isArray(v)) v.forEach((e, k) => { out.push([...base, k]); paths(e, [...base, k], out); });
  else if (v !== null && typeof v === 'object') for (const [k, e] of Object.entries(v)) { out.push([...base, k]); paths(e, [...base, k], out); }
  return out;
}

/** Values a planner (or a bug) might put anywhere: near misses as much as noise. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1, 0.5, 2, 1e9, -1e-9, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', '07:00', '25:61', 'desks', 'out', 'hall', 'adult', 'kiosk', null, undefined, [], {}, [0], [0, 0], [[0, 0], [1, 0]], true),
  fc.constantFrom({ kind: 'point', x: 1, y: 1 }, { kind: 'rect', from: [1, 1], to: [2, 2] }, { kind: 'constant', value: 3 }, { kind: 'fixed', to: 'out' }, { at: [1, 1], repeat: { count: 3, step: [0, 1] } }),
);

type Mutation =
  | { op: 'set'; pick: number; value: Json }
  | { op: 'delete'; pick: number }
  | { op: 'duplicate'; pick: number }
  | { op: 'nudge'; pick: number; factor: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: nasty }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('nudge' as const), pick: fc.nat(), factor: fc.constantFrom(-1, 0, 0.5, 1.5, 3, 100) }),
);

function mutate(doc: Record<string, Json>, ms: readonly Mutation[]): Record<string, Json> {
  for (const m of ms) {
    const all = paths(doc);
    if (all.length === 0) break;
    const path = all[m.pick % all.length]!;
    const parent: any = path.slice(0, -1).reduce<any>((v, k) => v[k], doc);
    const key = path[path.length - 1]!;
    switch (m.op) {
      case 'set':
        parent[key] = structuredClone(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
        else parent[`${String(key)}-copy`] = structuredClone(parent[key]);
        break;
      case 'nudge':
        if (typeof parent[key] === 'number') parent[key] *= m.factor;
        break;
    }
  }
  return doc;
}

function check(base: () => Record<string, Json>, runs: number, seed: number): void {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      const doc = mutate(base(), ms);
      const r = parseScenario(doc);
      if (!r.ok) {
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) expect(i.message.startsWith(i.path === '' ? '(document)' : i.path)).toBe(true);
        return;
      }
      // Accepted: the engine builds it and a short run raises nothing (no class at a bank that
      // refuses it, no stage on the wrong level, no unreachable target).
      const sim = createScenarioSimulation(r.scenario);
      sim.runUntil(sim.start + (sim.walking ? 20 : 600));
    }),
    { numRuns: runs, seed },
  );
}

describe('parseScenario under fuzzing', () => {
  it('never throws on 2,500 mutations of a queueing-only scenario', () => {
    check(queueOnly, 2500, 42);
  });

  it('never throws on 1,500 mutations of a walking scenario, and what it accepts runs', () => {
    check(smallHall, 1500, 7);
  });

  it('still accepts most single harmless edits (the fuzzer is not only producing garbage)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.record({ op: fc.constant('nudge' as const), pick: fc.nat(), factor: fc.constant(1) }), (m) => {
        if (parseScenario(mutate(smallHall(), [m])).ok) accepted++;
      }),
      { numRuns: 50, seed: 1 },
    );
    expect(accepted).toBe(50);
  });
});
