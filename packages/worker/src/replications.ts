// Statistics over replications (the same scenario run with different seeds): each run's metrics
// flattened to named scalars, their mean with a 95 % confidence interval (Student t, since runs
// are few), percentiles across runs, and the difference between two scenarios (Welch).
// Invariant: every function here is pure and works on plain records.
import type { PortMetrics } from '@portflow/core';

/** One run's headline numbers by name (`e-gates.waits.mean`, `journey.clear.time.p95`, `exited`). */
export type ScalarMetrics = Record<string, number>;

/** Flattens the numbers a planner compares: per stage, per journey, and the run's totals. */
export function scalarMetrics(m: PortMetrics): ScalarMetrics {
  const out: ScalarMetrics = { spawned: m.spawned, exited: m.exited, inSystem: m.inSystem, meanInSystem: m.meanInSystem };
  for (const s of m.stages) {
    if (s.served !== undefined) out[`${s.id}.served`] = s.served;
    if (s.boarded !== undefined) out[`${s.id}.boarded`] = s.boarded;
    if (s.waits && s.waits.count > 0) {
      out[`${s.id}.waits.mean`] = s.waits.mean;
      out[`${s.id}.waits.p95`] = s.waits.p95;
      out[`${s.id}.waits.max`] = s.waits.max;
    }
    if (s.utilisation !== undefined) out[`${s.id}.utilisation`] = s.utilisation;
    if (s.queue) out[`${s.id}.queue.peak`] = s.queue.peak;
  }
  for (const j of m.journeys) {
    out[`journey.${j.id}.completed`] = j.completed;
    if (j.completed > 0) {
      out[`journey.${j.id}.time.mean`] = j.timeInSystem.mean;
      out[`journey.${j.id}.time.p95`] = j.timeInSystem.p95;
    }
  }
  return out;
}

export interface ReplicationSummary {
  /** Runs with this metric. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (0 for one run). */
  readonly sd: number;
  /** Half-width of the 95 % confidence interval of the mean (Infinity for one run). */
  readonly ci95: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** Two-sided 95 % Student t quantiles t(0.975, df) for df = 1..30; beyond, the normal 1.96 is within 2 %. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** t(0.975, df), df >= 1 (table above; 1.96 for df > 30 rounds the 2.04 .. 1.96 tail down by at most 2 %). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Infinity;
  return T975[Math.floor(df) - 1] ?? 1.96;
}

/** Linear-interpolated quantile of sorted values (type 7, as R and NumPy default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function summarise(values: readonly number[]): ReplicationSummary {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = n > 0 ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const ci95 = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : Infinity;
  return { n, mean, sd, ci95, min: sorted[0] ?? NaN, p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), max: sorted[n - 1] ?? NaN };
}

/** Every metric's summary over the runs (a metric missing from some runs is summarised over the others). */
export function aggregate(runs: readonly ScalarMetrics[]): Record<string, ReplicationSummary> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const out: Record<string, ReplicationSummary> = {};
  for (const name of names) out[name] = summarise(runs.map((r) => r[name]).filter((v): v is number => v !== undefined && Number.isFinite(v)));
  return out;
}

export interface Difference {
  readonly a: ReplicationSummary;
  readonly b: ReplicationSummary;
  /** mean(b) - mean(a). */
  readonly delta: number;
  /** Half-width of the 95 % CI of delta (Welch-Satterthwaite degrees of freedom). */
  readonly ci95: number;
  /** Whether the interval excludes 0. */
  readonly significant: boolean;
}

/** B against A for one metric: Welch's two-sample interval (no equal-variance assumption). */
export function difference(a: readonly number[], b: readonly number[]): Difference {
  const sa = summarise(a), sb = summarise(b);
  const va = sa.n > 1 ? sa.sd ** 2 / sa.n : NaN, vb = sb.n > 1 ? sb.sd ** 2 / sb.n : NaN;
  const se = Math.sqrt(va + vb);
  const delta = sb.mean - sa.mean;
  let ci95: number;
  if (!Number.isFinite(se)) ci95 = Infinity;
  else if (se === 0) ci95 = 0;
  else {
    const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
    ci95 = tQuantile975(df) * se;
  }
  return { a: sa, b: sb, delta, ci95, significant: Number.isFinite(ci95) && Math.abs(delta) > ci95 };
}

/**
 * B against A when run k of each used the same seed (common random numbers): the interval of the
 * mean of the per-seed differences b[k] - a[k] (paired t), usually much narrower than Welch's
 * because both scenarios see the same arrivals.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): Difference {
  if (a.length !== b.length) throw new RangeError(`paired runs need equal counts, got ${a.length} and ${b.length}`);
  const d = summarise(b.map((v, k) => v - a[k]!));
  const ci95 = d.ci95;
  return { a: summarise(a), b: summarise(b), delta: d.mean, ci95, significant: Number.isFinite(ci95) && Math.abs(d.mean) > ci95 };
}

/**
 * Every metric present in both sets of runs, B against A. With `paired` (run k of A and of B
 * share a seed), metrics present in every run use pairedDifference(), others Welch's difference().
 */
export function compareRuns(a: readonly ScalarMetrics[], b: readonly ScalarMetrics[], options: { readonly paired?: boolean } = {}): Record<string, Difference> {
  const names = [...new Set([...a.flatMap((r) => Object.keys(r)), ...b.flatMap((r) => Object.keys(r))])];
  const pick = (runs: readonly ScalarMetrics[], name: string) => runs.map((r) => r[name]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const out: Record<string, Difference> = {};
  for (const name of names) {
    const va = pick(a, name), vb = pick(b, name);
    if (va.length === 0 || vb.length === 0) continue;
    const complete = va.length === a.length && vb.length === b.length && a.length === b.length;
    out[name] = options.paired && complete ? pairedDifference(va, vb) : difference(va, vb);
  }
  return out;
}
