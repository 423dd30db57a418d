import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, mergeScenario, resolveRelative } from './index.js';
import type { ScenarioLoader } from './index.js';
import { loadScenarioFile } from './node.js';
import { queueOnly, twoLevelHall } from './test-support/fixtures.js';

/** A loader over a table of files (as a browser app would over fetch), counting reads. */
function memory(files: Record<string, unknown>): ScenarioLoader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(path) {
      reads.push(path);
      const f = files[path];
      if (f === undefined) throw new Error(`no such file: ${path}`);
      return Promise.resolve(typeof f === 'string' ? f : JSON.stringify(f));
    },
  };
}

describe('mergeScenario (the extends rules)', () => {
  const base = twoLevelHall();

  it('deep-merges an element with a known id in place and appends new ids', () => {
    const { document, problems } = mergeScenario(base, {
      stages: [
        { id: 'e-gates', serviceTime: { kind: 'lognormal', mean: 8, cv: 0.3 }, servers: [{ at: [30, 3], repeat: { count: 10, step: [0, 1] } }] },
        { id: 'lounge', kind: 'waypoint', level: 'hall', target: { kind: 'point', x: 5, y: 20 } },
      ],
    });
    expect(problems).toEqual([]);
    const stages = document.stages as Record<string, any>[];
    expect(stages.map((s) => s.id)).toEqual(['escalator-up', 'e-gates', 'counters', 'exit', 'lounge']);
    expect(stages[1]!.serviceTime).toEqual({ kind: 'lognormal', mean: 8, cv: 0.3 });
    expect(stages[1]!.servers[0].repeat.count).toBe(10);
    // Fields the variant does not mention are inherited.
    expect(stages[1]!.eligible).toEqual(['resident']);
    expect(stages[1]!.queue.kind).toBe('serpentine');
  });

  it('replaces a nested object whole when its kind changes, and deletes keys set to null', () => {
    const { document } = mergeScenario(base, {
      stages: [{ id: 'e-gates', serviceTime: { kind: 'constant', value: 9 }, failure: null, queue: { lanes: 4 } }],
      measurement: null,
    });
    const gates = (document.stages as Record<string, any>[])[1]!;
    expect(gates.serviceTime).toEqual({ kind: 'constant', value: 9 });
    expect('failure' in gates).toBe(false);
    expect(gates.queue).toMatchObject({ kind: 'serpentine', lanes: 4, head: 'south-east' });
    expect('measurement' in document).toBe(false);
  });

  it('merges records key by key (a transition removed with null)', () => {
    const { document } = mergeScenario(base, { journeys: [{ id: 'arrive', transitions: { counters: null, 'e-gates': { kind: 'fixed', to: 'counters' } } }] });
    const j = (document.journeys as Record<string, any>[])[0]!;
    expect(Object.keys(j.transitions)).toEqual(['escalator-up', 'e-gates']);
    expect(j.transitions['e-gates']).toEqual({ kind: 'fixed', to: 'counters' });
  });

  it('appends assumptions and sources, and replaces other arrays', () => {
    const { document } = mergeScenario(base, {
      assumptions: ['Two more e-gates.'],
      sources: ['https://www.rimea.de/', 'https://example.org/plan'],
      levels: [{ id: 'hall', areas: [{ kind: 'rect', from: [0, 0], to: [44, 24] }] }],
    });
    expect(document.assumptions).toEqual(['Schematic: every number is made up for the test.', 'Two more e-gates.']);
    expect(document.sources).toHaveLength(3);
    const hall = (document.levels as Record<string, any>[])[1]!;
    expect(hall.areas).toEqual([{ kind: 'rect', from: [0, 0], to: [44, 24] }]);
    expect(hall.barriers).toHaveLength(1);
  });

  it('removes inherited elements by id before merging, so an id can be redefined from scratch', () => {
    const { document, problems } = mergeScenario(base, {
      remove: ['counters', 'stages/exit'],
      stages: [{ id: 'exit', kind: 'exit', level: 'hall', target: { kind: 'point', x: 39, y: 12, radius: 1 } }],
    });
    expect(problems).toEqual([]);
    expect((document.stages as Record<string, any>[]).map((s) => s.id)).toEqual(['escalator-up', 'e-gates', 'exit']);
    expect((document.stages as Record<string, any>[])[2]!.target).toEqual({ kind: 'point', x: 39, y: 12, radius: 1 });
    expect('remove' in document).toBe(false);
  });

  it('reports removals of unknown or ambiguous ids, and id-less elements in id lists', () => {
    const twice = { ...base, classes: [...base.classes, { id: 'exit' }] };
    const { problems } = mergeScenario(twice, { remove: ['nothing', 'exit', 'rooms/x', 7], stages: [{ kind: 'exit' }] });
    expect(problems.map((p) => `${p.path.join('.')}: ${p.allowed}`)).toEqual([
      'remove.0: needs the id of an inherited element; none has it',
      'remove.1: is ambiguous: "classes/exit" and "stages/exit" both exist; write one of those',
      expect.stringMatching(/^remove\.2: names no collection/),
      'remove.3: needs an id string',
      expect.stringMatching(/^stages\.0: needs an "id": the inherited stages merge by id/),
    ]);
  });

  it('leaves its inputs unchanged', () => {
    const before = JSON.stringify(base);
    mergeScenario(base, { remove: ['counters'], stages: [{ id: 'e-gates', servers: [[1, 1]] }] });
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('loadScenario', () => {
  it('resolves a chain of extends relative to each file and parses the result', async () => {
    const loader = memory({
      'ports/baseline.json': twoLevelHall(),
      'ports/variants/more-gates.json': { version: 1, extends: '../baseline.json', name: 'More gates', stages: [{ id: 'e-gates', servers: [{ at: [30, 3], repeat: { count: 6, step: [0, 1] } }] }] },
      'ports/variants/more-gates-evening.json': { version: 1, extends: './more-gates.json', run: { start: '19:00', end: '19:05' }, demand: [{ id: 'street', pattern: { kind: 'constant', from: '19:00', to: '20:00', ratePerHour: 300 } }] },
    });
    const r = await loadScenario('ports/variants/more-gates-evening.json', loader);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([]);
    expect(r.files).toEqual(['ports/variants/more-gates-evening.json', 'ports/variants/more-gates.json', 'ports/baseline.json']);
    if (!r.ok) return;
    expect(r.scenario.name).toBe('More gates');
    expect(r.scenario.run).toMatchObject({ start: '19:00', end: '19:05', seed: 1, walking: true });
    const gates = r.scenario.stages.find((s) => s.id === 'e-gates');
    expect(gates?.kind === 'service' && gates.servers).toEqual([{ at: [30, 3], repeat: { count: 6, step: [0, 1] } }]);
    expect(r.scenario.demand[0]!.pattern).toEqual({ kind: 'constant', from: '19:00', to: '20:00', ratePerHour: 300 });
  });

  it('reports a cycle with the files that make it', async () => {
    const loader = memory({
      'a.json': { version: 1, extends: 'b.json' },
      'b.json': { version: 1, extends: './c.json' },
      'c.json': { version: 1, extends: 'a.json' },
    });
    const r = await loadScenario('a.json', loader);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([
      { path: 'extends', value: 'a.json', allowed: 'makes a cycle: a.json -> b.json -> c.json -> a.json', message: 'extends: "a.json", makes a cycle: a.json -> b.json -> c.json -> a.json', file: 'c.json' },
    ]);
    expect(loader.reads).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('reports a file that extends itself', async () => {
    const r = await loadScenario('x/self.json', memory({ 'x/self.json': { version: 1, extends: 'self.json' } }));
    expect(!r.ok && r.issues[0]!.message).toBe('extends: "self.json", makes a cycle: x/self.json -> x/self.json');
  });

  it('reports missing files, bad JSON and bad extends values with the file they are in', async () => {
    const loader = memory({
      'v1.json': { version: 1, extends: 'missing.json' },
      'v2.json': { version: 1, extends: 'broken.json' },
      'broken.json': '{ "version": 1, ',
      'v3.json': { version: 2, extends: 5 },
    });
    const one = await loadScenario('v1.json', loader);
    expect(!one.ok && one.issues.map((i) => [i.file, i.message])).toEqual([['missing.json', '(document): "missing.json", cannot be read (no such file: missing.json)']]);
    const two = await loadScenario('v2.json', loader);
    expect(!two.ok && two.issues[0]!.file).toBe('broken.json');
    expect(!two.ok && two.issues[0]!.message).toMatch(/is not valid JSON/);
    const three = await loadScenario('v3.json', loader);
    expect(!three.ok && three.issues.map((i) => i.message)).toEqual([
      'version: 2, needs 1 (every file of an extends chain states its version)',
      'extends: 5, needs the path of the scenario this one varies, relative to this file',
    ]);
  });

  it('validates the merged scenario, so a variant that breaks a reference is refused', async () => {
    const loader = memory({ 'base.json': queueOnly(), 'v.json': { version: 1, extends: 'base.json', remove: ['out'] } });
    const r = await loadScenario('v.json', loader);
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(['journeys[0].transitions.desks.to: "out", needs the id of one of the stages (known: "desks")']);
  });

  it('reads files from disk in Node', async () => {
    const r = await loadScenarioFile(fileURLToPath(new URL('../../../scenarios/verification/rimea-09-two-doors.json', import.meta.url)));
    expect(r.ok).toBe(true);
    expect(r.files).toHaveLength(2);
    expect(r.ok && r.scenario.stages.map((s) => s.id)).toEqual(['door-north-west', 'door-north-east']);
    expect(r.ok && r.scenario.journeys.map((j) => j.start)).toEqual(['door-north-west', 'door-north-east', 'door-north-west', 'door-north-east']);
  });
});

describe('resolveRelative', () => {
  it('resolves POSIX-style paths against the folder of the extending file', () => {
    expect(resolveRelative('scenarios/luohu/variants/a.json', '../baseline.json')).toBe('scenarios/luohu/baseline.json');
    expect(resolveRelative('a.json', './b.json')).toBe('b.json');
    expect(resolveRelative('/x/y/a.json', '../../b.json')).toBe('/b.json');
    expect(resolveRelative('a/b.json', '/abs/c.json')).toBe('/abs/c.json');
    expect(resolveRelative('https://host/s/a.json', '../b.json')).toBe('https://host/b.json');
  });
});
