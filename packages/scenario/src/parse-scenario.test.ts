import { describe, expect, it } from 'vitest';
import { parseScenario } from './index.js';
import type { ScenarioIssue } from './index.js';
import { queueOnly, twoLevelHall } from './test-support/fixtures.js';

/** The messages of parsing `doc` after `edit`; the scenario must fail. */
function problems(edit: (s: Record<string, any>) => void, base = twoLevelHall()): string[] {
  edit(base);
  const r = parseScenario(base);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.issues.map((i) => i.message);
}

describe('parseScenario', () => {
  it('accepts the two-level fixture without issues or warnings', () => {
    const r = parseScenario(twoLevelHall());
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('accepts JSON text as well as parsed values', () => {
    expect(parseScenario(JSON.stringify(queueOnly())).ok).toBe(true);
  });

  it('reports JSON syntax errors and non-objects as issues, not exceptions', () => {
    const r = parseScenario('{"version": 1,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.message).toMatch(/^\(document\): .*is not valid JSON/);
    for (const v of [null, 3, 'x', [], true, undefined]) expect(parseScenario(v).ok).toBe(false);
  });

  it('gives each issue its JSON path, the value found and what is allowed', () => {
    const s = twoLevelHall();
    s.stages[1].servers = [];
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    const issue = (r as { issues: readonly ScenarioIssue[] }).issues[0]!;
    expect(issue).toEqual({ path: 'stages[1].servers', value: [], allowed: 'needs at least 1 item', message: 'stages[1].servers: [], needs at least 1 item' });
  });

  it('lists every problem of every element at once', () => {
    const messages = problems((s) => {
      s.stages[1].servers = [];
      s.stages[2].serviceTme = 3;
      s.stages[3].target.kind = 'lin';
      s.classes[1].radius = 0;
      s.run.dt = 0.5;
    });
    expect(messages).toEqual([
      'run.dt: 0.5, needs <= 0.2',
      'classes[1].radius: 0, needs > 0',
      'stages[1].servers: [], needs at least 1 item',
      expect.stringMatching(/^stages\[2\]\.serviceTme: 3, is not a field here; did you mean "serviceTime"\?; fields: id, level, name, kind, servers/),
      'stages[3].target.kind: "lin", needs one of "point", "line", "area", "rect"',
    ]);
  });

  it('explains ranges, types, formats and fixed values', () => {
    const messages = problems((s) => {
      s.version = 2;
      s.run.start = '7 am';
      s.stages[1].failure.probability = 1.5;
      s.demand[0].pattern.ratePerHour = -5;
      s.levels[0].id = 'Concourse';
      s.classes[0].calibration = 'hurried';
      s.stages[1].servers[0].repeat.count = 2.5;
      s.demand[0].spawn.from = [1];
    });
    expect(messages).toEqual(expect.arrayContaining([
      'version: 2, needs 1 (the only format version)',
      'run.start: "7 am", needs a time of day "HH:MM" or "HH:MM:SS"',
      'stages[1].failure.probability: 1.5, needs <= 1',
      'demand[0].pattern.ratePerHour: -5, needs >= 0',
      'levels[0].id: "Concourse", needs a kebab-case id (lower-case letters, digits, single hyphens), e.g. "e-gates"',
      'classes[0].calibration: "hurried", needs one of "everyday", "pressing"',
      'stages[1].servers[0].repeat.count: 2.5, needs a count n, or [nx, ny] for a grid',
      'demand[0].spawn.from: [1], needs a point [x, y] in m',
    ]));
  });

  it('picks the matching branch of a union to explain it', () => {
    const messages = problems((s) => {
      s.stages[1].serviceTime = { kind: 'normal', mean: -1 };
      s.stages[2].serviceTime.byClass.visitor = { kind: 'lognormal', mean: 60 };
      s.stages[1].standby = 5;
    });
    expect(messages).toEqual([
      'stages[1].standby: 5, needs one point per server, or { "offset": [dx, dy] } from each server',
      'stages[1].serviceTime.mean: -1, needs >= 0',
      'stages[1].serviceTime.sd: missing, needs a number',
      'stages[2].serviceTime.byClass.visitor.cv: missing, needs a number',
    ]);
  });

  it('reports references to unknown classes, stages, journeys and levels', () => {
    const messages = problems((s) => {
      s.journeys[0].transitions['e-gates'].to = 'exitt';
      s.demand[0].classes = { resident: 0.7, visiter: 0.3 };
      s.stages[0].toLevel = 'hal';
      s.demand[0].journey = 'arive';
      s.stages[1].eligible = ['resident', 'crew'];
    });
    expect(messages).toEqual(expect.arrayContaining([
      'journeys[0].transitions["e-gates"].to: "exitt", needs the id of one of the stages (known: "escalator-up", "e-gates", "counters", "exit")',
      'demand[0].classes.visiter: "visiter", needs the id of one of the classes (known: "resident", "visitor")',
      'stages[0].toLevel: "hal", needs the id of one of the levels (known: "concourse", "hall")',
      'demand[0].journey: "arive", needs the id of one of the journeys (known: "arrive")',
      'stages[1].eligible[1]: "crew", needs the id of one of the classes (known: "resident", "visitor")',
    ]));
  });

  it('reports duplicate ids, naming the first holder', () => {
    const messages = problems((s) => {
      s.stages[3].id = 'counters';
      s.classes.push({ id: 'visitor' });
    });
    expect(messages).toEqual(expect.arrayContaining([
      'classes[2].id: "visitor", needs a unique id; classes[1] already has "visitor"',
      'stages[3].id: "counters", needs a unique id; stages[2] already has "counters"',
    ]));
  });

  it('reports shares and probabilities that do not sum to 1', () => {
    const messages = problems((s) => {
      s.demand[0].classes = { resident: 0.7, visitor: 0.4 };
      s.journeys[0].transitions['e-gates'] = { kind: 'probability', options: [{ to: 'exit', p: 0.5 }, { to: 'counters', p: 0.3 }] };
    });
    expect(messages).toEqual([
      'demand[0].classes: {"resident":0.7, "visitor":0.4}, shares sum to 1.1, need to sum to 1',
      'journeys[0].transitions["e-gates"].options: [0.5, 0.3], probabilities sum to 0.8, need to sum to 1',
    ]);
  });

  it('reports a class routed to a bank that does not serve it', () => {
    const messages = problems((s) => {
      s.journeys[0].transitions['escalator-up'].map.visitor = 'e-gates';
    });
    expect(messages).toEqual([
      'journeys[0].transitions["escalator-up"].map.visitor: "e-gates", routes class "visitor" (after "escalator-up", journey "arrive") to "e-gates", which serves only "resident"',
    ]);
  });

  it('reports a failure fallback that does not serve the failed class', () => {
    const messages = problems((s) => {
      s.stages[2].eligible = ['visitor'];
    });
    expect(messages).toEqual([
      'stages[1].failure.fallback: "counters", routes class "resident" (after "e-gates", journey "arrive") to "counters", which serves only "visitor"',
    ]);
  });

  it('reports options none of which serve a class, and banks with no service time for a class they serve', () => {
    const messages = problems((s) => {
      s.stages[2].serviceTime = { byClass: { visitor: { kind: 'constant', value: 60 } } };
      s.journeys[0].transitions['escalator-up'] = { kind: 'shortest-wait', options: ['e-gates'] };
    });
    expect(messages).toEqual([
      'stages[2].serviceTime: {"byClass":{"visitor":{"kind":"constant", "value":60}}}, has no service time for class "resident", which this bank serves: add it to byClass or give a default',
      'journeys[0].transitions["escalator-up"].options: ["e-gates"], none of the options serves class "visitor" (journey "arrive")',
    ]);
  });

  it('reports a journey that changes level without a link', () => {
    const messages = problems((s) => {
      s.journeys[0].start = 'counters';
    });
    expect(messages).toContain(
      'journeys[0].start: "counters", leads from level "concourse" (after demand "street" (demand[0])) to "counters" on level "hall": add a link stage (escalator, stair, lift) between them',
    );
  });

  it('reports spawns, servers and queue lines outside the walkable area', () => {
    const messages = problems((s) => {
      s.demand[0].spawn = { kind: 'point', x: 50, y: 5 };
      s.stages[2].servers[0] = [45, 16];
      s.stages[2].queue.path = [[27, 18], [20, 18], [20, 30]];
    });
    expect(messages).toEqual([
      'demand[0].spawn: {"kind":"point", "x":50, "y":5}, needs to lie in the walkable area of level "concourse"',
      'stages[2].servers[0]: [45, 16], server 0 at [45, 16] lies outside the walkable area of level "hall"',
      'stages[2].queue: {"kind":"single", "path":[[27, 18], [20, 18], [20, 30]]}, point 2 [20, 30] lies outside the walkable area of level "hall"',
    ]);
  });

  it('reports a desk or standby spot on a barrier (a lane divider drawn through it)', () => {
    // The e-gates' dividers run from x 29 to 31 at y 2.5, 3.5, ...: gate 1 moved onto one, and
    // a standby spot 0.1 m off another. A Lo Wu overlay with stale dividers through two X-ray
    // desks ran 10 minutes and then stopped: the engine could not route to them.
    const messages = problems((s) => {
      s.stages[1].servers = [[30, 3], [30, 4.5], [30.5, 6]];
      s.stages[1].standby = [[29.5, 3], [29.5, 5.4], [29.5, 6]];
    });
    expect(messages).toEqual([
      'stages[1].servers[1]: [30, 4.5], server 1 at [30, 4.5] is 0 m from a barrier; needs >= 0.15 m (a traveller\'s radius) on both sides',
      'stages[1].standby: [[29.5, 3], [29.5, 5.4], [29.5, 6]], standby spot 1 at [29.5, 5.4] is 0.1 m from a barrier; needs >= 0.15 m (a traveller\'s radius) on both sides',
    ]);
  });

  it('reports stages that walls or barriers cut off from where travellers come from', () => {
    const messages = problems((s) => {
      s.levels[1].barriers.push([[35, 0], [35, 24]]);
    });
    expect(messages).toEqual([
      'journeys[0].transitions["e-gates"].to: "exit", leads to "exit", which cannot be reached on foot from "e-gates" on level "hall": walls or barriers separate them',
      'journeys[0].transitions.counters.to: "exit", leads to "exit", which cannot be reached on foot from "counters" on level "hall": walls or barriers separate them',
    ]);
  });

  it('reports areas that form separate pieces, and obstacles that touch', () => {
    expect(problems((s) => s.levels[1].areas.push({ kind: 'rect', from: [50, 0], to: [60, 10] }))).toEqual([
      expect.stringMatching(/^levels\[1\]\.areas: .*form 2 separate pieces \(x 0\.\.40, y 0\.\.24; x 50\.\.60, y 0\.\.10\)/),
    ]);
    expect(problems((s) => s.levels[0].obstacles.push({ kind: 'rect', from: [5, 5], to: [6, 6] }, { kind: 'rect', from: [6, 6], to: [7, 7] }))).toEqual([
      expect.stringMatching(/^levels\[0\]\.obstacles\[\d\]: .*touches or crosses another obstacle near/),
    ]);
    expect(problems((s) => s.levels[0].obstacles.push({ kind: 'polygon', points: [[2, 2], [6, 4], [6, 2], [2, 3]] }))).toEqual([
      'levels[0].obstacles[1].points: [[2, 2], [6, 4], [6, 2], [2, 3]], is self-intersecting (edge 0 meets edge 2)',
    ]);
  });

  it('reports a serpentine too narrow for the people standing abreast in it', () => {
    expect(problems((s) => Object.assign(s.stages[1].queue, { abreast: 3, lanes: 8 }))).toEqual([
      expect.stringMatching(/^stages\[1\]\.queue: .*makes lanes 1\.25 m wide, needs >= 1\.8 m \(abreast 3 x spacing 0\.6 m\)/),
    ]);
  });

  it("reports what walking needs when run.walking is true, and does not ask for it otherwise", () => {
    const edit = (s: Record<string, any>): void => {
      delete s.stages[2].queue;
      delete s.demand[0].spawn;
    };
    expect(problems(edit)).toEqual([
      'demand[0].spawn: missing, needs a place where travellers appear when walking (run.walking is true)',
      'stages[2].queue: missing, needs a queue (single, per-server or serpentine) when walking (run.walking is true)',
    ]);
    const s = twoLevelHall();
    edit(s);
    s.run.walking = false;
    expect(parseScenario(s).ok).toBe(true);
    expect(problems((q) => (q.run.walking = true), queueOnly())).toEqual([
      'levels: missing, needs at least one level when walking (run.walking is true); set run.walking to false for a queueing-only model',
      'demand[0].spawn: missing, needs a place where travellers appear when walking (run.walking is true)',
      'stages[0].queue: missing, needs a queue (single, per-server or serpentine) when walking (run.walking is true)',
    ]);
  });

  it('reports times out of order', () => {
    expect(problems((s) => {
      s.run.end = '06:00';
      s.demand[0].pattern.to = '06:30';
      s.stages[2].open = { from: '09:00', to: '08:00' };
    })).toEqual([
      'run.end: "06:00", needs a time after run.start (07:00)',
      'demand[0].pattern.to: "06:30", needs a time after pattern.from (07:00)',
      'stages[2].open.to: "08:00", needs a time after open.from (09:00)',
    ]);
  });

  it('reports staffing rules that cannot work', () => {
    expect(problems((s) => {
      s.stages[2].staffing = { openAbove: 60, closeBelow: 120, min: 4, partner: { stage: 'exit', shared: 1 } };
    })).toEqual([
      'stages[2].staffing.min: 4, needs <= 3 (the number of servers)',
      'stages[2].staffing.closeBelow: 120, needs < staffing.openAbove (60 s), or servers open and close every check',
      'stages[2].staffing.partner.stage: "exit", needs a service stage; "exit" is a exit',
    ]);
  });

  it('does not cascade: a broken element still counts as defined for references', () => {
    expect(problems((s) => (s.stages[3].target = 5))).toEqual(['stages[3].target: 5, needs an object']);
    expect(problems((s) => (s.stages = 'x'))).toEqual(['stages: "x", needs an array']);
  });

  it('asks for loadScenario() when the document extends another', () => {
    expect(problems((s) => (s.extends = '../baseline.json'))).toEqual([
      'extends: "../baseline.json", needs resolving first: load the file with loadScenario() (or loadScenarioFile() in Node), which applies extends',
    ]);
  });

  it('warns about journeys that end before an exit and stages no journey reaches', () => {
    const s = twoLevelHall();
    delete s.journeys[0].transitions.counters;
    s.stages.push({ id: 'lounge', kind: 'waypoint', level: 'hall', target: { kind: 'point', x: 5, y: 20 } });
    const r = parseScenario(s);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^journeys\[0\]\.transitions: .*has nothing after "counters" \(a service\) for class "resident": those travellers leave the model there/),
      expect.stringMatching(/has nothing after "counters" \(a service\) for class "visitor"/),
      'stages[4].id: "lounge", no journey reaches this stage',
    ]);
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [{ version: 1, stages: [{}], journeys: [[]], classes: [null], demand: {} }, { version: 1, run: { start: 3 }, levels: [{ id: 'a', areas: [{ kind: 'polygon', points: [[0, 0], [0, 0], [0, 0]] }] }] }];
    for (const v of odd) expect(() => parseScenario(v)).not.toThrow();
  });
});
