// The process layer against exact queueing results (validation.md section 5): M/M/c against
// Erlang C (Q1-Q4), M/G/1 against Pollaczek-Khinchine (Q5-Q7), the bulk arrival Q8, the shuttle
// stop (inspection paradox), and Little's law on the run's own averages. Everything runs in
// queueing-only mode (5.1 rule 1), where 10^5 customers take about 0.15 s.
//
// How the tolerances are chosen (validation.md 5.1): utilisation and P(wait) converge fast, so
// each run must be within +-5 % (rule 2); mean waits are strongly autocorrelated, so they are
// judged either by a 99 % t-interval over 10 independent replications (rule 3), together with
// an upper bound on the interval's width so that the check keeps its power, or by one run at
// least four times longer than the N of the 5.1 table, which makes +-5 % four standard errors
// or more. Every run discards a 2 000-customer warm-up (5.1: runs starting empty are biased).
import { describe, expect, it } from 'vitest';
import type { Distribution, PortModelSpec, StageMetrics } from '../index.js';
import { createPortSimulation } from '../index.js';
import { bankModel, erlangC, measureWindow, mmc, pollaczekKhinchine, replicateBank, tInterval99 } from '../test-support/index.js';
import type { WindowStats } from '../test-support/index.js';

const exponential = (mean: number): Distribution => ({ kind: 'exponential', mean });
const perSecond = (perHour: number): number => perHour / 3600;
/** Relative deviation of a measured value from the exact one. */
const off = (measured: number, exact: number): number => Math.abs(measured / exact - 1);
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/** 5.1 rule 2: utilisation and P(wait) within +-5 % of exact, in every run. */
const RATE_TOLERANCE = 0.05;
/**
 * Power of the replication test: the 99 % interval must also be narrower than +-10 % of the
 * exact value, or a wrong engine could hide behind a wide interval. With 10 replications of
 * 10^5 customers the expected half-width is 3-5 % (run-to-run sd of the mean wait measured
 * here over 200 seeds: 3.5 % for M/M/1 rho 0.8, 4.8 % for M/M/3 rho 0.83, matching an
 * independent Kiefer-Wolfowitz simulation); it exceeds 10 % only if the sample sd comes out
 * twice too large, which a chi-square with 9 df makes a 2e-5 event.
 */
const MAX_HALF_WIDTH = 0.1;
const REPLICATIONS = { customers: 100_000, warmup: 2_000, replications: 10 } as const;

function expectInInterval(name: string, values: readonly number[], exact: number): void {
  const ci = tInterval99(values);
  console.info(`${name}: mean ${ci.mean.toFixed(4)} (99 % CI ${ci.low.toFixed(4)}-${ci.high.toFixed(4)}, +-${pct(ci.halfWidth / exact)}), exact ${exact.toFixed(4)}`);
  expect(exact).toBeGreaterThanOrEqual(ci.low);
  expect(exact).toBeLessThanOrEqual(ci.high);
  expect(ci.halfWidth / exact).toBeLessThan(MAX_HALF_WIDTH);
}

function expectEveryRunWithin(name: string, values: readonly number[], exact: number, tolerance: number): void {
  const worst = Math.max(...values.map((v) => off(v, exact)));
  console.info(`${name}: ${values.map((v) => v.toFixed(4)).join(' ')}; exact ${exact.toFixed(4)}, worst ${pct(worst)}`);
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('the oracle formulas reproduce the worked examples of validation.md 5', () => {
  it('gives the tabulated Erlang C values and mean waits', () => {
    // Table precision: six decimals for C, three for Wq in s.
    expect(erlangC(5, 4.5)).toBeCloseTo(0.762493, 6); // Q2
    expect(erlangC(3, 2.5)).toBeCloseTo(0.702247, 6); // Q3
    expect(erlangC(10, 9)).toBeCloseTo(0.668732, 6); // Q4
    expect(erlangC(2, 0.5 / 0.7)).toBeCloseTo(0.18797, 6); // Q9
    expect([3, 4, 5, 6].map((c) => Number(erlangC(c, 2.5).toFixed(4)))).toEqual([0.7022, 0.3199, 0.1304, 0.0474]); // Q10
    expect(mmc(1, 0.8 / 60, 60).wq).toBeCloseTo(240, 9); // Q1
    expect(mmc(5, 3 / 60, 90).wq).toBeCloseTo(137.249, 3);
    expect(mmc(3, 5 / 60, 30).wq).toBeCloseTo(42.135, 3);
    expect(mmc(10, 9 / 60, 60).wq).toBeCloseTo(40.124, 3);
    expect(pollaczekKhinchine(4 / 60, 12, 144)).toBeCloseTo(24, 9); // Q5
    expect(pollaczekKhinchine(1.6 / 60, 30, 900 + 400 / 12)).toBeCloseTo(62.222, 3); // Q6
    expect(pollaczekKhinchine(0.8 / 60, 60, 3600 + 900)).toBeCloseTo(150, 9); // Q7
  });
});

describe('M/M/c banks against Erlang C (validation.md 5, Q1-Q4)', () => {
  it('Q1 M/M/1 (rho 0.8): utilisation, P(wait), Wq = 240 s, L = 4 and the FIFO tail P(Wq > 15 min)', () => {
    const exact = mmc(1, perSecond(48), 60);
    const runs = replicateBank(1, 48, exponential(60), { ...REPLICATIONS, seed: 'Q1' });
    expectEveryRunWithin('Q1 utilisation', runs.map((r) => r.utilisation), exact.utilisation, RATE_TOLERANCE);
    expectEveryRunWithin('Q1 P(wait)', runs.map((r) => r.delayed), exact.delay, RATE_TOLERANCE);
    expectInInterval('Q1 Wq', runs.map((r) => r.meanWait), exact.wq);
    expectInInterval('Q1 L', runs.map((r) => r.inSystemMean), exact.l);
    // The tail of the waiting-time distribution, not just its mean: P(Wq > t) = rho e^{-(mu -
    // lambda) t} holds for first-come first-served only (random order has the same mean and a
    // heavier tail), so this checks the discipline. A rarer event, hence a noisier estimate
    // (run-to-run sd 17 %); the interval's width is bounded at 30 % instead of 10 %.
    const tail = 0.8 * Math.exp(-(1 / 60 - 0.8 / 60) * 900);
    const ci = tInterval99(runs.map((r) => r.over15min));
    console.info(`Q1 P(Wq > 900 s): mean ${ci.mean.toFixed(5)} (99 % CI ${ci.low.toFixed(5)}-${ci.high.toFixed(5)}), exact ${tail.toFixed(5)}`);
    expect(tail).toBeGreaterThanOrEqual(ci.low);
    expect(tail).toBeLessThanOrEqual(ci.high);
    expect(ci.halfWidth / tail).toBeLessThan(0.3);
  });

  it('Q3 M/M/3 e-gates (rho 0.83): utilisation, P(wait) = C = 0.702 and Wq = 42.1 s', () => {
    const exact = mmc(3, perSecond(300), 30);
    const runs = replicateBank(3, 300, exponential(30), { ...REPLICATIONS, seed: 'Q3' });
    expectEveryRunWithin('Q3 utilisation', runs.map((r) => r.utilisation), exact.utilisation, RATE_TOLERANCE);
    expectEveryRunWithin('Q3 P(wait)', runs.map((r) => r.delayed), exact.delay, RATE_TOLERANCE);
    expectInInterval('Q3 Wq', runs.map((r) => r.meanWait), exact.wq);
    expectInInterval('Q3 Lq', runs.map((r) => r.queueMean), exact.lq);
  });

  it('M/M/4 (rho 0.7, the 5.1 table case): Wq = 21.4 s', () => {
    // 5.1 rule 2 prefers rho <= 0.7 for mean-wait assertions. 168 arrivals/h, 60 s service.
    const exact = mmc(4, perSecond(168), 60);
    const runs = replicateBank(4, 168, exponential(60), { ...REPLICATIONS, seed: 'MM4' });
    expectEveryRunWithin('M/M/4 P(wait)', runs.map((r) => r.delayed), exact.delay, RATE_TOLERANCE);
    expectInInterval('M/M/4 Wq', runs.map((r) => r.meanWait), exact.wq);
  });

  // At rho = 0.9 the mean wait needs ~10^6 customers for +-5 % (5.1 table: 780 000 for Q2,
  // 1 060 000 for Q4), too many for the suite; rule 2 asks only utilisation and P(wait) there.
  // One run of 300 000 customers each: the run-to-run sd of P(wait) measured here at 10^5
  // customers is 1.2 % (Q2) and 1.9 % (Q4), so at 3 x 10^5 the +-5 % band is > 4.5 sd.
  for (const [id, c, perHour, mean, delay] of [['Q2 M/M/5 counters', 5, 180, 90, 0.762493], ['Q4 M/M/10 hall', 10, 540, 60, 0.668732]] as const) {
    it(`${id} (rho 0.9): utilisation 0.9 and P(wait) = C = ${delay}`, () => {
      const exact = mmc(c, perSecond(perHour), mean);
      const from = (2_000 / perHour) * 3600, to = from + (300_000 / perHour) * 3600;
      const sim = createPortSimulation(bankModel(c, perHour, exponential(mean), to), { seed: id, walking: false });
      const w = measureWindow(sim, 0, from, to);
      expectEveryRunWithin(`${id} utilisation`, [w.utilisation], exact.utilisation, RATE_TOLERANCE);
      expectEveryRunWithin(`${id} P(wait)`, [w.delayed], exact.delay, RATE_TOLERANCE);
      expect(w.customers).toBeGreaterThan(290_000);
    });
  }
});

describe('M/G/1 against Pollaczek-Khinchine (validation.md 5, Q5-Q7)', () => {
  // One run of 400 000 customers each (four times the 93 000 the 5.1 table asks for +-5 % in
  // 95 % of M/D/1 runs). Run-to-run sd of the mean wait measured here at 10^5 customers over
  // 30 seeds: 2.4 % (Q5), 2.5 % (Q6), 2.7 % (Q7); at 4 x 10^5 that halves, so +-5 % is >= 3.7 sd.
  const cases: readonly { id: string; perHour: number; service: Distribution; mean: number; secondMoment: number }[] = [
    { id: 'Q5 M/D/1 e-gate', perHour: 240, service: { kind: 'constant', value: 12 }, mean: 12, secondMoment: 144 },
    { id: 'Q6 M/G/1 uniform 20-40 s', perHour: 96, service: { kind: 'uniform', min: 20, max: 40 }, mean: 30, secondMoment: 900 + 400 / 12 },
    // Q7 holds for any shape with mean 60 s and sd 30 s. The lognormal has exactly those
    // moments; the engine's 'normal' would not, being truncated at 0 (2 sd below the mean).
    { id: 'Q7 M/G/1 lognormal mean 60 s cv 0.5', perHour: 48, service: { kind: 'lognormal', mean: 60, cv: 0.5 }, mean: 60, secondMoment: 3600 * 1.25 },
  ];
  for (const q of cases) {
    it(`${q.id}: utilisation 0.8 and Wq within 5 % of P-K`, () => {
      const wq = pollaczekKhinchine(perSecond(q.perHour), q.mean, q.secondMoment);
      const from = (2_000 / q.perHour) * 3600, to = from + (400_000 / q.perHour) * 3600;
      const sim = createPortSimulation(bankModel(1, q.perHour, q.service, to), { seed: q.id, walking: false });
      const w = measureWindow(sim, 0, from, to);
      expectEveryRunWithin(`${q.id} utilisation`, [w.utilisation], 0.8, RATE_TOLERANCE);
      expectEveryRunWithin(`${q.id} Wq`, [w.meanWait], wq, 0.05);
    });
  }
});

describe('bulk arrival with deterministic service (validation.md 5, Q8): exact', () => {
  const spec: PortModelSpec = {
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'coach', pattern: { kind: 'count', at: 0, count: 100 }, journey: 'through' }],
    stages: [
      { id: 'bank', kind: 'service', servers: [[0, 0], [1, 0], [2, 0], [3, 0]], serviceTime: { kind: 'constant', value: 60 } },
      { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    ],
    journeys: [{ id: 'through', start: 'bank', transitions: { bank: { kind: 'fixed', to: 'out' } } }],
  };

  it('clears 100 travellers at 4 counters of 60 s in exactly 1500 s', () => {
    const sim = createPortSimulation(spec, { seed: 'Q8', walking: false });
    sim.runUntil(1500 - 1e-6);
    expect(sim.metrics().exited).toBe(96); // the last four are still at the counters
    sim.runUntil(1500);
    const m = sim.metrics();
    expect(m.exited).toBe(100);
    expect(m.journeys[0]!.timeInSystem.max).toBe(1500);
  });

  it('makes traveller i wait floor(i / 4) x 60 s: mean 720 s, max 1440 s, 96 % wait, 64 % within 15 min', () => {
    const sim = createPortSimulation(spec, { seed: 'Q8', walking: false });
    sim.runUntil(1500);
    const m = sim.metrics();
    const bank = m.stages[0] as Required<StageMetrics>;
    // Waits are sums of 60 s services from t = 0: whole numbers, exact in floating point.
    expect(bank.waits.count).toBe(100);
    expect(bank.waits.mean).toBe(720);
    expect(bank.waits.max).toBe(1440);
    expect(m.journeys[0]!.timeInSystem.mean).toBe(780);
    // Shares: 4 of 100 start at once; waits <= 900 s are those of i < 64 (900 s itself counts).
    expect(bank.waits.delayed).toBeCloseTo(0.96, 12);
    expect(bank.waits.within15min).toBeCloseTo(0.64, 12);
    // Percentiles are kept to the 1 s bin (statistics.ts): the exact p50 is 720 s, p95 1380 s.
    expect(Math.abs(bank.waits.p50 - 720)).toBeLessThanOrEqual(1);
    expect(Math.abs(bank.waits.p95 - 1380)).toBeLessThanOrEqual(1);
    // All four counters busy from 0 to 1500 s; Little's law on [0, 1500]: 72 000 s of waiting
    // is Lq = 48, 78 000 s in the system is L = 52.
    expect(bank.utilisation).toBeCloseTo(1, 12);
    expect(bank.queue.mean).toBeCloseTo(48, 9);
    expect(m.meanInSystem).toBeCloseTo(52, 9);
  });
});

describe('shuttle stop (validation.md 5, inspection paradox)', () => {
  function shuttle(vehicles: Extract<PortModelSpec['stages'][number], { kind: 'vehicle-stop' }>['vehicles'], capacity: number, dwell: number, from: number, to: number, perHour: number): PortModelSpec {
    return {
      classes: [{ id: 'traveller' }],
      sources: [{ id: 'arrivals', pattern: { kind: 'constant', from, to, ratePerHour: perHour }, journey: 'ride' }],
      stages: [{ id: 'stop', kind: 'vehicle-stop', target: { kind: 'point', x: 0, y: 0 }, vehicles, capacity, dwell }],
      journeys: [{ id: 'ride', start: 'stop', transitions: {} }],
    };
  }

  /**
   * Passengers arriving at random over [t_0, t_K] with vehicles at t_0 < ... < t_K (headways
   * H_k) that stand `dwell` s: a passenger arriving a time u into a headway waits H_k - u, or
   * nothing while the vehicle stands. Given their number, Poisson arrival instants are
   * independent and uniform, so waits are independent draws with
   * E[W] = sum (H_k - d)^2 / (2 sum H_k) (= E[H^2] / (2 E[H]) for d = 0), E[W^2] = sum (H_k - d)^3 / (3 sum H_k).
   */
  function exactWait(headways: readonly number[], dwell: number) {
    const total = headways.reduce((s, h) => s + h, 0);
    const m1 = headways.reduce((s, h) => s + (h - dwell) ** 2, 0) / (2 * total);
    const m2 = headways.reduce((s, h) => s + (h - dwell) ** 3, 0) / (3 * total);
    return { mean: m1, sd: Math.sqrt(m2 - m1 * m1), delayed: 1 - (headways.length * dwell) / total };
  }

  /**
   * Independent waits make the standard error exact: the sample mean must lie within 4.5
   * standard errors (a false alarm once in 150 000 runs); 1.96 would fail one seed in twenty.
   */
  function expectMeanWait(stop: Required<StageMetrics>, headways: readonly number[], dwell: number): void {
    const exact = exactWait(headways, dwell);
    const se = exact.sd / Math.sqrt(stop.waits.count);
    console.info(`shuttle (dwell ${dwell} s): mean wait ${stop.waits.mean.toFixed(3)} s over ${stop.waits.count}, exact ${exact.mean.toFixed(3)} s, SE ${se.toFixed(3)} s; waited ${stop.waits.delayed.toFixed(4)} (exact ${exact.delayed.toFixed(4)})`);
    expect(Math.abs(stop.waits.mean - exact.mean)).toBeLessThan(4.5 * se);
    const seShare = Math.sqrt((exact.delayed * (1 - exact.delayed)) / stop.waits.count);
    expect(Math.abs(stop.waits.delayed - exact.delayed)).toBeLessThanOrEqual(4.5 * seShare);
  }

  const H = 600, VEHICLES = 1000, T = H * VEHICLES; // ~100 000 passengers at 600/h

  it('makes passengers wait H / 2 for a regular shuttle of ample capacity', () => {
    const sim = createPortSimulation(shuttle({ headway: H, from: 0, to: T + 1 }, 1e9, 0, 0, T, 600), { seed: 'regular', walking: false });
    sim.runUntil(T + 1);
    const m = sim.metrics();
    const stop = m.stages[0] as Required<StageMetrics>;
    expect(stop.waits.count).toBeGreaterThan(95_000);
    expect(stop.boarded).toBe(m.spawned); // everyone arrived before the last vehicle and boarded it
    expect(stop.leftBehind).toBe(0);
    expectMeanWait(stop, Array(VEHICLES).fill(H), 0);
  });

  it('makes no one wait who arrives while the vehicle stands: (H - d)^2 / (2H)', () => {
    const sim = createPortSimulation(shuttle({ headway: H, from: 0, to: T + 1 }, 1e9, 60, 0, T, 600), { seed: 'dwell', walking: false });
    sim.runUntil(T + 1);
    expectMeanWait(sim.metrics().stages[0] as Required<StageMetrics>, Array(VEHICLES).fill(H), 60); // 243 s, 90 % wait
  });

  it('makes irregular headways cost more: 300/900 s alternating gives E[H^2]/(2E[H]) = 375 s, not 300 s', () => {
    const times: number[] = [0];
    for (let k = 1; k <= VEHICLES; k++) times.push(times[k - 1]! + (k % 2 === 1 ? 300 : 900));
    const last = times[times.length - 1]!;
    const sim = createPortSimulation(shuttle({ timetable: times }, 1e9, 0, 0, last, 600), { seed: 'irregular', walking: false });
    sim.runUntil(last + 1);
    const headways = times.slice(1).map((t, k) => t - times[k]!);
    expect(exactWait(headways, 0).mean).toBeCloseTo(375, 9);
    expectMeanWait(sim.metrics().stages[0] as Required<StageMetrics>, headways, 0);
  });

  it('leaves people behind when a vehicle is full, and loses no one', () => {
    // 100 arrivals per 10 min headway, 60 seats: the backlog grows by ~40 a headway, and the
    // first vehicle (at 600 s) already finds Poisson(100) >= 60 people (P(< 60) ~ 1e-5).
    const sim = createPortSimulation(shuttle({ headway: 600, from: 600, to: 6001 }, 60, 0, 0, 6000, 600), { seed: 'full', walking: false });
    sim.runUntil(7000);
    const m = sim.metrics();
    const stop = m.stages[0] as Required<StageMetrics>;
    expect(stop.boarded).toBe(10 * 60); // ten full vehicles
    expect(stop.waits.count).toBe(stop.boarded);
    expect(m.exited).toBe(stop.boarded);
    expect(stop.entered).toBe(m.spawned);
    expect(m.spawned).toBe(m.inSystem + m.exited);
    expect(stop.entered - stop.boarded).toBe(m.inSystem); // the rest still wait at the stop
    // Everyone still waiting arrived before the last departure (arrivals stop at 6000 s) and
    // was left behind by it; leftBehind counts each left-behind passenger once per vehicle.
    expect(m.inSystem).toBeGreaterThan(0);
    expect(stop.leftBehind).toBeGreaterThanOrEqual(m.inSystem);
  });
});

describe("Little's law on the run's own averages (validation.md 5, rule 4)", () => {
  it('holds exactly over a run that empties: queue and system time integrals equal the summed waits and stays', () => {
    // Arrivals for 50 000 customers, then the bank drains; over [0, end] the time integral of
    // the queue length is the sum of the waits, with no end effect, so only rounding remains.
    const until = (50_000 / 300) * 3600;
    const sim = createPortSimulation(bankModel(3, 300, exponential(30), until), { seed: 'little', walking: false });
    sim.runUntil(until + 3600);
    const m = sim.metrics();
    const bank = m.stages[0] as Required<StageMetrics>;
    const span = m.time - m.start;
    expect(m.inSystem).toBe(0);
    expect(bank.served).toBe(m.spawned);
    expect(bank.waits.count).toBe(m.spawned);
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    expect(rel(bank.queue.mean * span, bank.waits.mean * bank.waits.count)).toBeLessThan(1e-9);
    const journey = m.journeys[0]!;
    expect(rel(m.meanInSystem * span, journey.timeInSystem.mean * journey.completed)).toBeLessThan(1e-9);
  });

  it('holds within 1 % mid-run for the queue and the system (Lq = lambda Wq, L = lambda W)', () => {
    // A window of 10^5 customers cut out of a running M/M/3: those in the queue at either end
    // are counted partly, an end effect of order Lq / N ~ 1e-4; 5.1 rule 4 allows 1 % for
    // N >= 10 000.
    const from = (2_000 / 300) * 3600, to = from + (100_000 / 300) * 3600;
    const sim = createPortSimulation(bankModel(3, 300, exponential(30), to + 3600), { seed: 'little mid-run', walking: false });
    const w: WindowStats = measureWindow(sim, 0, from, to);
    const queueGap = off(w.queueMean, w.arrivalRate * w.meanWait);
    const systemGap = off(w.inSystemMean, w.arrivalRate * w.meanTimeInSystem);
    console.info(`Little mid-run: Lq ${w.queueMean.toFixed(4)} vs lambda Wq ${(w.arrivalRate * w.meanWait).toFixed(4)} (${pct(queueGap)}); L ${w.inSystemMean.toFixed(4)} vs lambda W ${(w.arrivalRate * w.meanTimeInSystem).toFixed(4)} (${pct(systemGap)})`);
    expect(queueGap).toBeLessThanOrEqual(0.01);
    expect(systemGap).toBeLessThanOrEqual(0.01);
  });
});
