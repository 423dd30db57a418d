// Rules of the process layer that have no queueing formula but an exact expectation: travellers
// are conserved after every step of a port with routing by probability and class, eligibility,
// failed e-gate passages and a shuttle; a staffing rule follows demand up and down within its
// bounds; nobody is served outside opening hours; the same seed gives the same run. All in
// queueing-only mode (validation.md 5.1 rule 1).
import { describe, expect, it } from 'vitest';
import type { PortMetrics, PortModelSpec, StageMetrics, Vec2 } from '../index.js';
import { createPortSimulation } from '../index.js';

const servers = (n: number): Vec2[] => Array.from({ length: n }, (_, k): Vec2 => [k, 0]);
const HOUR = 3600;

/**
 * A crossing for two classes: residents (60 %) take the e-gates with p = 0.7, else the
 * counters; visitors may not use the e-gates, so the same probability transition sends them
 * all to the counters. 10 % of e-gate passages fail and go to the counters with a 30 s
 * penalty. After the counters residents leave; visitors go through customs and take a shuttle
 * bus (a 10 min ride) to their own exit; its 25 seats every 5 min are fewer than the ~30
 * visitors who come meanwhile, so some are left behind. 900 travellers/h for two hours.
 */
const crossing: PortModelSpec = {
  classes: [{ id: 'resident' }, { id: 'visitor' }],
  sources: [{ id: 'arrivals', pattern: { kind: 'constant', from: 0, to: 2 * HOUR, ratePerHour: 900 }, journey: 'cross', classes: { resident: 0.6, visitor: 0.4 } }],
  stages: [
    { id: 'hall', kind: 'waypoint', target: { kind: 'point', x: 0, y: 0 } },
    {
      id: 'egates', kind: 'service', servers: servers(4), serviceTime: { kind: 'exponential', mean: 15 },
      eligible: ['resident'], failure: { probability: 0.1, fallback: 'counters', penalty: 30 },
    },
    {
      id: 'counters', kind: 'service', servers: servers(10), queue: { kind: 'per-server', paths: servers(10).map((p) => [p]) },
      serviceTime: { byClass: { resident: { kind: 'exponential', mean: 30 } }, default: { kind: 'exponential', mean: 60 } },
    },
    { id: 'customs', kind: 'service', servers: servers(2), serviceTime: { kind: 'constant', value: 10 } },
    {
      id: 'bus', kind: 'vehicle-stop', target: { kind: 'point', x: 0, y: 0 }, vehicles: { headway: 300, from: 0, to: 4 * HOUR },
      capacity: 25, dwell: 30, ride: { duration: 600, alight: { kind: 'point', x: 0, y: 0 } },
    },
    { id: 'exit-r', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    { id: 'exit-v', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
  ],
  journeys: [{
    id: 'cross', start: 'hall',
    transitions: {
      hall: { kind: 'probability', options: [{ to: 'egates', p: 0.7 }, { to: 'counters', p: 0.3 }] },
      egates: { kind: 'class', map: { resident: 'exit-r' } },
      counters: { kind: 'class', map: { resident: 'exit-r', visitor: 'customs' } },
      customs: { kind: 'fixed', to: 'bus' },
      bus: { kind: 'fixed', to: 'exit-v' },
    },
  }],
};

function stage(m: PortMetrics, id: string): Required<StageMetrics> {
  const s = m.stages.find((x) => x.id === id);
  if (!s) throw new Error(`no stage ${id}`);
  return s as Required<StageMetrics>;
}

describe('conservation of travellers, checked after every step', () => {
  it('accounts for every traveller in a queue, at a server, at the stop or on the bus, and routes by class and eligibility', () => {
    const dt = 4;
    const sim = createPortSimulation(crossing, { seed: 'conservation', walking: false, dt });
    const banks = ['egates', 'counters', 'customs'];
    const capacity: Record<string, number> = { egates: 4, counters: 10, customs: 2 };
    let steps = 0;
    while (sim.time < 4 * HOUR) {
      sim.step();
      steps++;
      // Each step advances the clock by exactly dt, whatever the events in it.
      expect(sim.time).toBeCloseTo(steps * dt, 6);
      const m = sim.metrics();
      expect(m.spawned).toBe(m.inSystem + m.exited);
      // An independent count of the same travellers, stage by stage: at a bank those who
      // entered and were not yet served (queued or at a server), at the stop those not yet
      // boarded, on the bus those who boarded and have not reached their exit. Waypoints and
      // exits hold no one: without walking they are passed in no time.
      let present = 0;
      for (const id of banks) {
        const b = stage(m, id);
        present += b.entered - b.served;
        // Left the queue = waits recorded; at most one traveller per server in service.
        expect(b.waits.count).toBeLessThanOrEqual(b.entered);
        expect(b.served).toBeLessThanOrEqual(b.waits.count);
        expect(b.waits.count - b.served).toBeLessThanOrEqual(capacity[id]!);
      }
      const bus = stage(m, 'bus'), exitR = stage(m, 'exit-r'), exitV = stage(m, 'exit-v');
      present += bus.entered - exitV.entered;
      expect(present).toBe(m.inSystem);
      // Everyone who left did so through one of the two exits (a visitor at the e-gates would
      // find no transition for their class there and vanish without an exit).
      expect(exitR.entered + exitV.entered).toBe(m.exited);
      expect(stage(m, 'hall').entered).toBe(m.spawned);
      expect(bus.boarded).toBeLessThanOrEqual(bus.entered);
    }
    const m = sim.metrics();
    const hall = stage(m, 'hall'), egates = stage(m, 'egates'), counters = stage(m, 'counters'), customs = stage(m, 'customs');
    expect(m.inSystem).toBe(0); // all cleared two hours after the last arrival
    expect(m.spawned).toBeGreaterThan(1600);
    // Failures: every failed e-gate passage re-entered at the counters, and 10 % of passages
    // failed. Routing: a share 0.6 x 0.7 = 0.42 of arrivals took the e-gates. Both binomial,
    // within 4.5 standard errors (a false alarm once in 150 000 runs).
    const within = (count: number, n: number, p: number) => Math.abs(count / n - p) <= 4.5 * Math.sqrt((p * (1 - p)) / n);
    expect(within(egates.failed, egates.served, 0.1)).toBe(true);
    expect(within(egates.entered, hall.entered, 0.42)).toBe(true);
    expect(counters.entered).toBe(hall.entered - egates.entered + egates.failed);
    // Class routing: residents leave after the counters, visitors go through customs and the bus.
    expect(customs.entered).toBe(stage(m, 'exit-v').entered);
    expect(within(customs.entered, hall.entered, 0.4)).toBe(true);
    expect(stage(m, 'bus').leftBehind).toBeGreaterThan(0);
    console.info(`conservation: ${steps} steps, ${m.spawned} travellers; e-gates ${egates.entered} (failed ${egates.failed}), counters ${counters.entered}, customs ${customs.entered}, bus boarded ${stage(m, 'bus').boarded}, left behind ${stage(m, 'bus').leftBehind}`);
  });
});

describe('staffing rule', () => {
  // Demand rises from 1 to 10 Erlang and falls back (60 s services; 60-600 arrivals/h); a bank
  // of 14 desks staffed by the rule: open one more when the expected wait passes 120 s, close
  // one below 30 s, between 2 and 12 open, checked every minute.
  const spec: PortModelSpec = {
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'arrivals', pattern: { kind: 'profile', start: 0, ratesPerHour: [60, 240, 600, 600, 240, 60] }, journey: 'through' }],
    stages: [
      { id: 'bank', kind: 'service', servers: servers(14), serviceTime: { kind: 'exponential', mean: 60 }, staffing: { openAbove: 120, closeBelow: 30, min: 2, max: 12, interval: 60 } },
      { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    ],
    journeys: [{ id: 'through', start: 'bank', transitions: { bank: { kind: 'fixed', to: 'out' } } }],
  };

  it('opens desks as demand rises and closes them as it falls, never outside min-max', () => {
    // Desks open and close only at the minute checks, so steps of one minute see one count
    // each: the open-desk time over the step, differenced from openServersMean, over 60 s.
    const sim = createPortSimulation(spec, { seed: 'staffing', walking: false, dt: 60 });
    const open: number[] = [];
    let before = 0;
    while (sim.time < 6 * HOUR) {
      sim.step();
      const m = sim.metrics();
      const total = stage(m, 'bank').openServersMean * (m.time - m.start);
      const n = (total - before) / 60;
      // A whole number of desks in every minute (to rounding in the differenced integrals).
      expect(Math.abs(n - Math.round(n))).toBeLessThan(1e-6);
      open.push(Math.round(n));
      before = total;
    }
    expect(open).toHaveLength(360);
    expect(Math.min(...open)).toBe(2);
    expect(Math.max(...open)).toBe(12);
    // The rule moves one desk per check.
    for (let k = 1; k < open.length; k++) expect(Math.abs(open[k]! - open[k - 1]!)).toBeLessThanOrEqual(1);
    const hourly = [0, 1, 2, 3, 4, 5].map((h) => open.slice(60 * h, 60 * h + 60).reduce((a, b) => a + b, 0) / 60);
    console.info(`staffing: mean desks open per hour ${hourly.map((x) => x.toFixed(2)).join(' ')}; offered load 1 4 10 10 4 1 Erlang`);
    // Direction: up with demand, then down. The rule keeps about as many desks open as are
    // busy (an idle desk is closed within minutes), so the hourly means follow the offered
    // load: in 30 seeds tried, peak hours 8.8-11.6 desks, shoulders 3.4-5.5, first and last
    // hours 2.0-2.4. The margins below hold with room to spare in all of them.
    const [h0, h1, h2, h3, h4, h5] = hourly as [number, number, number, number, number, number];
    expect(h1).toBeGreaterThan(h0);
    expect(Math.min(h2, h3)).toBeGreaterThan(h1 + 2);
    expect(Math.min(h2, h3)).toBeGreaterThan(h0 + 5);
    expect(h4).toBeLessThan(Math.max(h2, h3) - 2);
    expect(h5).toBeLessThan(h4);
    expect(h5).toBeLessThan(Math.min(h2, h3) - 5);
    // The maximum is reached at the peak; the minimum again once demand has fallen to 1 Erlang.
    expect(Math.max(...open.slice(120, 240))).toBe(12);
    expect(Math.min(...open.slice(300))).toBe(2);
    const bank = stage(sim.metrics(), 'bank');
    expect(bank.openServersMean).toBeGreaterThan(2);
    expect(bank.openServersMean).toBeLessThan(12);
  });
});

describe('opening hours', () => {
  // One desk open 08:00-09:00, 30 s each; 180 arrivals/h from 07:00 to 09:30: some 180 are
  // waiting at 08:00 and 180 more come in the hour, so the desk is never idle while open.
  const spec: PortModelSpec = {
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'arrivals', pattern: { kind: 'constant', from: '07:00', to: '09:30', ratePerHour: 180 }, journey: 'through' }],
    stages: [
      { id: 'desk', kind: 'service', servers: servers(1), serviceTime: { kind: 'constant', value: 30 }, open: { from: '08:00', to: '09:00' } },
      { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    ],
    journeys: [{ id: 'through', start: 'desk', transitions: { desk: { kind: 'fixed', to: 'out' } } }],
  };

  it('serves nobody before opening, 120 in the hour, and nobody after closing', () => {
    const sim = createPortSimulation(spec, { seed: 'hours', walking: false });
    const at = (t: number) => {
      sim.runUntil(t);
      return stage(sim.metrics(), 'desk');
    };
    let desk = at(8 * HOUR - 1e-6);
    expect(desk.entered).toBeGreaterThan(100);
    expect(desk.waits.count).toBe(0);
    expect(desk.served).toBe(0);
    desk = at(8 * HOUR); // the first traveller steps up at 08:00 sharp
    expect(desk.waits.count).toBe(1);
    expect(desk.waits.max).toBeGreaterThan(3000); // arrived soon after 07:00
    expect(at(8 * HOUR + 30 - 1e-6).served).toBe(0);
    expect(at(8 * HOUR + 30).served).toBe(1);
    // 120 services of 30 s fill the hour; the 120th ends at 09:00 as the desk closes.
    desk = at(9 * HOUR);
    expect(desk.served).toBe(120);
    expect(desk.waits.count).toBe(120);
    desk = at(10 * HOUR);
    expect(desk.served).toBe(120);
    expect(desk.waits.count).toBe(120);
    expect(sim.metrics().inSystem).toBe(desk.entered - 120); // the rest wait for a desk that stays shut
  });
});

describe('determinism', () => {
  const run = (seed: string) => {
    const sim = createPortSimulation(crossing, { seed, walking: false });
    sim.runUntil(3 * HOUR);
    return JSON.stringify(sim.metrics());
  };

  it('gives identical metrics for the same seed and different ones for another', () => {
    const a = run('same');
    expect(run('same')).toBe(a);
    expect(run('other')).not.toBe(a);
  });
});

describe('the run window', () => {
  it('leaves out the arrivals a pattern makes before the run starts', () => {
    // 1,000/h from 06:00 to 07:00 and coaches every 10 min until 07:00: nobody arrives in a
    // run from 08:00, and arrivals from 08:00 on are all kept.
    const spec: PortModelSpec = {
      classes: [{ id: 'p' }],
      sources: [
        { id: 'early', pattern: { kind: 'constant', from: '06:00', to: '07:00', ratePerHour: 1000 }, journey: 'j' },
        { id: 'coaches', pattern: { kind: 'headway', from: '06:00', to: '07:00', headway: 600, load: 100, spread: 0 }, journey: 'j' },
        { id: 'late', pattern: { kind: 'count', at: '08:05', count: 7 }, journey: 'j' },
      ],
      stages: [
        { id: 'desk', kind: 'service', servers: [[0, 0]], serviceTime: { kind: 'constant', value: 1 } },
        { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
      ],
      journeys: [{ id: 'j', start: 'desk', transitions: { desk: { kind: 'fixed', to: 'out' } } }],
    };
    const sim = createPortSimulation(spec, { seed: 1, walking: false, start: '08:00' });
    sim.runUntil('08:10');
    expect(sim.spawned).toBe(7);
    expect(sim.exited).toBe(7);
  });
});
