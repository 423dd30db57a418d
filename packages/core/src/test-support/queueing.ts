// Queueing oracles and measurements for the process layer (validation.md section 5): exact
// formulas (Erlang C, Pollaczek-Khinchine), a one-bank model in queueing-only mode, statistics
// over a window after a warm-up taken from two metrics snapshots, and the t-interval of
// replication means (5.1 rule 3). Test-only.
import type { Distribution, PortMetrics, PortModelSpec, PortSimulation, StageMetrics, Vec2 } from '../index.js';
import { createPortSimulation } from '../index.js';

/**
 * Erlang C: the probability that an arrival waits, c servers, offered load a = lambda / mu < c
 * (validation.md 5, "Erlang C"). Terms a^k / k! are built by recurrence, which stays finite
 * for the c and a of a port.
 */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC: offered load ${a} needs fewer than ${c} Erlang`);
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const last = (term * c) / (c - a);
  return last / (sum + last);
}

/** Exact M/M/c results (validation.md 5): utilisation, P(wait), Wq, Lq, L. Rates per s. */
export function mmc(c: number, lambda: number, meanService: number) {
  const a = lambda * meanService;
  const delay = erlangC(c, a);
  const wq = delay / (c / meanService - lambda);
  return { utilisation: a / c, delay, wq, lq: lambda * wq, l: lambda * (wq + meanService) };
}

/** Pollaczek-Khinchine mean wait of M/G/1 from the first two moments of service, s. */
export function pollaczekKhinchine(lambda: number, meanService: number, secondMoment: number): number {
  const rho = lambda * meanService;
  if (!(rho < 1)) throw new RangeError(`pollaczekKhinchine: load ${rho} needs to be below 1`);
  return (lambda * secondMoment) / (2 * (1 - rho));
}

/**
 * One service bank of c servers fed by Poisson arrivals from t = 0 to `until`, then an exit;
 * queueing-only (no walking), so server positions are placeholders.
 */
export function bankModel(c: number, ratePerHour: number, service: Distribution, until: number): PortModelSpec {
  return {
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'arrivals', pattern: { kind: 'constant', from: 0, to: until, ratePerHour }, journey: 'through' }],
    stages: [
      { id: 'bank', kind: 'service', servers: Array.from({ length: c }, (_, k): Vec2 => [k, 0]), serviceTime: service },
      { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    ],
    journeys: [{ id: 'through', start: 'bank', transitions: { bank: { kind: 'fixed', to: 'out' } } }],
  };
}

/** Cumulative totals of one service stage, recovered from its metrics (means times counts). */
interface Totals {
  readonly time: number;
  readonly entered: number;
  readonly waits: number;
  readonly waitSum: number;
  readonly delayed: number;
  readonly over15min: number;
  readonly busyTime: number;
  readonly openTime: number;
  readonly queueTime: number;
  readonly systemTime: number;
  readonly completed: number;
  readonly sojournSum: number;
}

function totals(m: PortMetrics, stage: number): Totals {
  const s = m.stages[stage] as Required<StageMetrics>;
  const span = m.time - m.start;
  const openTime = s.openServersMean * span;
  return {
    time: m.time,
    entered: s.entered,
    waits: s.waits.count,
    waitSum: s.waits.mean * s.waits.count,
    delayed: s.waits.delayed * s.waits.count,
    over15min: (1 - s.waits.within15min) * s.waits.count,
    busyTime: s.utilisation * openTime,
    openTime,
    queueTime: s.queue.mean * span,
    systemTime: m.meanInSystem * span,
    completed: m.journeys[0]!.completed,
    sojournSum: m.journeys[0]!.timeInSystem.mean * m.journeys[0]!.completed,
  };
}

/** A bank's statistics over a window [from, to] of a run: metrics differenced at both ends. */
export interface WindowStats {
  /** Travellers who left the queue in the window. */
  readonly customers: number;
  /** Arrivals per s. */
  readonly arrivalRate: number;
  readonly meanWait: number;
  /** Share who waited at all. */
  readonly delayed: number;
  /** Share who waited more than 15 min. */
  readonly over15min: number;
  readonly utilisation: number;
  /** Time-average queue length and travellers in the system. */
  readonly queueMean: number;
  readonly inSystemMean: number;
  /** Mean time in the system of those who left in the window (first journey), s. */
  readonly meanTimeInSystem: number;
}

/**
 * Runs `sim` to `from` (a warm-up whose customers are discarded: a run that starts empty is
 * biased, validation.md 5.1) and on to `to`, and returns the statistics of `stage` over the
 * window between.
 */
export function measureWindow(sim: PortSimulation, stage: number, from: number, to: number): WindowStats {
  sim.runUntil(from);
  const a = totals(sim.metrics(), stage);
  sim.runUntil(to);
  const b = totals(sim.metrics(), stage);
  const customers = b.waits - a.waits;
  const span = b.time - a.time;
  return {
    customers,
    arrivalRate: (b.entered - a.entered) / span,
    meanWait: (b.waitSum - a.waitSum) / customers,
    delayed: (b.delayed - a.delayed) / customers,
    over15min: (b.over15min - a.over15min) / customers,
    utilisation: (b.busyTime - a.busyTime) / (b.openTime - a.openTime),
    queueMean: (b.queueTime - a.queueTime) / span,
    inSystemMean: (b.systemTime - a.systemTime) / span,
    meanTimeInSystem: (b.sojournSum - a.sojournSum) / (b.completed - a.completed),
  };
}

/** Options of replicateBank: customers per replication after a warm-up, and replications. */
export interface ReplicationOptions {
  readonly customers: number;
  readonly warmup: number;
  readonly replications: number;
  readonly seed: string;
}

/** Independent replications (seeds `${seed}/0`, `${seed}/1`, ...) of a one-bank model. */
export function replicateBank(c: number, ratePerHour: number, service: Distribution, o: ReplicationOptions): WindowStats[] {
  const from = (o.warmup / ratePerHour) * 3600;
  const to = from + (o.customers / ratePerHour) * 3600;
  const out: WindowStats[] = [];
  for (let r = 0; r < o.replications; r++) {
    const sim = createPortSimulation(bankModel(c, ratePerHour, service, to), { seed: `${o.seed}/${r}`, walking: false });
    out.push(measureWindow(sim, 0, from, to));
  }
  return out;
}

/** Two-sided 99 % quantiles of Student's t, t(0.995, df), from any statistical table. */
const T995: Readonly<Record<number, number>> = { 4: 4.6041, 9: 3.2498, 14: 2.9768, 19: 2.8609, 29: 2.7564 };

/** The 99 % t-interval of the mean of independent replications (validation.md 5.1, rule 3). */
export function tInterval99(values: readonly number[]): { mean: number; low: number; high: number; halfWidth: number } {
  const n = values.length;
  const t = T995[n - 1];
  if (t === undefined) throw new RangeError(`tInterval99: no t quantile for ${n} replications`);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const halfWidth = (t * sd) / Math.sqrt(n);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth };
}
