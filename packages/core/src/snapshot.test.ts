// Snapshots: a run saved part way (and carried through structured clone, as postMessage or
// v8.serialize would) and restored onto a fresh simulation goes on exactly as the run itself,
// in walking mode with everything a port day holds (two levels and a link between them, gates
// with standby places and failures, counters whose staffing follows the queue, a waiting area,
// a bus, quickest paths round crowds) and in queueing-only mode.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { PortModelSpec, PortSimulationOptions, PortSimulationSnapshot, Vec2 } from './index.js';
import { createPortSimulation } from './index.js';

type P = Vec2;
const area = (x0: number, y0: number, x1: number, y1: number) => ({ kind: 'area' as const, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] as P[] });

/**
 * Upper level: travellers enter along the west wall at 1,800/h and take a link (15 s, 60 a
 * minute) down. Lower level: six e-gates in 0.9 m lanes with two standby places each, fed by
 * one line two abreast; a tenth of passages fail and go to four counters with a line each,
 * opened and closed by a staffing rule; then half sit in a lounge for 20 s and half take a
 * bus (every 2 min, 15 seats, a 1 min ride back to the west side), and all leave by the east.
 */
function twoLevelPort(): PortModelSpec {
  const gates: P[] = [], standby: P[] = [], dividers: P[][] = [];
  for (let k = 0; k < 6; k++) {
    gates.push([20.5, 6.45 + 0.9 * k]);
    standby.push([19.7, 6.45 + 0.9 * k]);
  }
  for (let k = 0; k <= 6; k++) dividers.push([[17, 6 + 0.9 * k], [21, 6 + 0.9 * k]]);
  const desks: P[] = [10, 12, 14, 16].map((x): P => [x, 16.5]);
  return {
    levels: [
      { id: 'upper', geometry: { outline: [[0, 0], [30, 0], [30, 12], [0, 12]] } },
      { id: 'lower', geometry: { outline: [[0, 0], [30, 0], [30, 20], [0, 20]], barriers: dividers } },
    ],
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'in', pattern: { kind: 'constant', from: 0, to: 3600, ratePerHour: 1800 }, journey: 'cross', level: 'upper', spawn: { kind: 'line', from: [0.5, 1], to: [0.5, 11] } }],
    stages: [
      { id: 'down', kind: 'link', level: 'upper', target: area(27, 4, 29, 8), capacity: 60, travelTime: 15, alight: area(1, 8, 3, 12), toLevel: 'lower' },
      {
        id: 'gates', kind: 'service', level: 'lower', servers: gates, standby, standbyDepth: 2,
        queue: { kind: 'single', path: [[14, 8.7], [6, 8.7]], abreast: 2 },
        serviceTime: { kind: 'lognormal', mean: 8, cv: 0.35 }, failure: { probability: 0.1, fallback: 'desks', penalty: 5 },
      },
      {
        id: 'desks', kind: 'service', level: 'lower', servers: desks,
        queue: { kind: 'per-server', paths: desks.map(([x]): P[] => [[x, 15.8], [x, 13.5]]) },
        serviceTime: { kind: 'exponential', mean: 30 }, staffing: { openAbove: 20, closeBelow: 5, min: 1, max: 4, interval: 30 },
      },
      { id: 'lounge', kind: 'waiting', level: 'lower', target: area(24, 14, 28, 18), dwell: { kind: 'constant', value: 20 } },
      {
        id: 'bus', kind: 'vehicle-stop', level: 'lower', target: area(24, 1, 28, 4), vehicles: { headway: 120, from: 0, to: 7200 },
        capacity: 15, dwell: 20, ride: { duration: 60, alight: area(1, 15, 3, 18) },
      },
      { id: 'out', kind: 'exit', level: 'lower', target: { kind: 'line', from: [29.5, 6], to: [29.5, 14] } },
    ],
    journeys: [{
      id: 'cross', start: 'down',
      transitions: {
        down: { kind: 'fixed', to: 'gates' },
        gates: { kind: 'probability', options: [{ to: 'lounge', p: 0.5 }, { to: 'bus', p: 0.5 }] },
        desks: { kind: 'probability', options: [{ to: 'lounge', p: 0.5 }, { to: 'bus', p: 0.5 }] },
        lounge: { kind: 'fixed', to: 'out' },
        bus: { kind: 'fixed', to: 'out' },
      },
    }],
  };
}

/**
 * Runs to `at`, snapshots, restores the snapshot (through structured clone) onto a fresh
 * simulation, then runs both to `to`; returns both and the snapshot.
 */
function saveAndResume(spec: PortModelSpec, options: PortSimulationOptions, at: number, to: number) {
  const run = createPortSimulation(spec, options);
  run.runUntil(at);
  const snapshot = structuredClone(run.snapshot());
  const resumed = createPortSimulation(spec, options);
  resumed.restore(snapshot);
  run.runUntil(to);
  resumed.runUntil(to);
  return { run, resumed, snapshot };
}

describe('snapshot and restore', () => {
  it('goes on from a walking port saved part way exactly as the run itself', () => {
    const options = { seed: 'snap', navigation: { congestion: { interval: 10, walkers: 5 } } };
    // Saved between two congestion updates (every 10 s), so the crowd-computed fields held then
    // are walked by before they are next recomputed.
    const { run, resumed } = saveAndResume(twoLevelPort(), options, 905, 1800);
    const m = run.metrics();
    // The scene did what it is for: each part of the state was in use when the snapshot was taken.
    const gates = m.stages.find((s) => s.id === 'gates')!, desks = m.stages.find((s) => s.id === 'desks')!;
    const bus = m.stages.find((s) => s.id === 'bus')!, lounge = m.stages.find((s) => s.id === 'lounge')!;
    console.info(`snapshot (walking): by 30 min spawned ${run.spawned}, exited ${run.exited}; gates served ${gates.served}, failed ${gates.failed}; desks served ${desks.served}, mean open ${desks.openServersMean?.toFixed(2)}; lounge ${lounge.entered}; bus boarded ${bus.boarded}`);
    expect(run.exited).toBeGreaterThan(100);
    expect(gates.failed).toBeGreaterThan(0);
    expect(desks.served).toBeGreaterThan(0);
    expect(bus.boarded).toBeGreaterThan(0);
    expect(lounge.entered).toBeGreaterThan(0);
    // Everything: positions, velocities, queues, clocks, random sequences, fields, statistics.
    expect(resumed.time).toBe(run.time);
    expect(resumed.snapshot()).toEqual(run.snapshot());
    expect(JSON.stringify(resumed.metrics())).toBe(JSON.stringify(m));
  });

  it('keeps nothing of the snapshot it was restored from (a checkpoint read with v8.deserialize)', () => {
    // Node's v8.deserialize makes its typed arrays views into the one buffer it read: a restored
    // run that kept any of them (a navigation field's values did) kept the whole checkpoint.
    const options = { seed: 'snap', navigation: { congestion: { interval: 10, walkers: 5 } } };
    const run = createPortSimulation(twoLevelPort(), options);
    run.runUntil(905);
    const read = v8.deserialize(v8.serialize(run.snapshot())) as PortSimulationSnapshot;
    const views = (root: unknown): ArrayBufferView[] => {
      const out: ArrayBufferView[] = [];
      const walk = (v: unknown): void => {
        if (ArrayBuffer.isView(v)) out.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(root);
      return out;
    };
    const saved = views(read);
    const checkpoint = new Set(saved.map((v) => v.buffer));
    // The premise: the checkpoint's arrays share buffers.
    expect(checkpoint.size).toBeLessThan(saved.length);
    const resumed = createPortSimulation(twoLevelPort(), options);
    resumed.restore(read);
    const held = views(resumed.snapshot());
    expect(held.length).toBeGreaterThan(10);
    expect(held.filter((v) => checkpoint.has(v.buffer))).toHaveLength(0);
  });

  it('goes on from a queueing-only port saved part way exactly as the run itself', () => {
    const spec: PortModelSpec = {
      classes: [{ id: 'p' }],
      sources: [{ id: 'in', pattern: { kind: 'profile', start: 0, ratesPerHour: [60, 240, 600, 240] }, journey: 'j' }],
      stages: [
        { id: 'bank', kind: 'service', servers: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((k): P => [k, 0]), serviceTime: { kind: 'exponential', mean: 60 }, staffing: { openAbove: 120, closeBelow: 30, min: 2, max: 12 } },
        { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
      ],
      journeys: [{ id: 'j', start: 'bank', transitions: { bank: { kind: 'fixed', to: 'out' } } }],
    };
    const { run, resumed } = saveAndResume(spec, { seed: 'snap', walking: false }, 5400, 4 * 3600);
    expect(run.exited).toBeGreaterThan(1000);
    expect(resumed.snapshot()).toEqual(run.snapshot());
    expect(JSON.stringify(resumed.metrics())).toBe(JSON.stringify(run.metrics()));
  });

  it('refuses a snapshot of another spec, other options or another format, and says which', () => {
    const spec = twoLevelPort();
    const taken = createPortSimulation(spec, { seed: 1 });
    taken.runUntil(60);
    const snapshot = taken.snapshot();
    expect(() => createPortSimulation(spec, { seed: 2 }).restore(snapshot)).toThrow(/another spec or other options/);
    const fewer = { ...spec, sources: [{ ...spec.sources[0]!, pattern: { kind: 'constant' as const, from: 0, to: 3600, ratePerHour: 900 } }] };
    expect(() => createPortSimulation(fewer, { seed: 1 }).restore(snapshot)).toThrow(/another spec or other options/);
    expect(() => createPortSimulation(spec, { seed: 1 }).restore({ ...snapshot, format: 'portflow-port-snapshot/0' })).toThrow(/snapshot format "portflow-port-snapshot\/0"/);
  });
});
