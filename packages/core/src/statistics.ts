// Streaming statistics that are cheap to update while a run goes on: a histogram-backed sample
// summary (exact count, mean and max; percentiles to the bin width), a time-weighted average
// (for queue lengths and Little's law) and per-hour counters.

/** Percentile resolution of SampleSummary, s (or whatever unit the samples have). */
export const SUMMARY_BIN_WIDTH = 1;
const SUMMARY_BINS = 4 * 3600;

export interface SummaryRecord {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export class SampleSummary {
  count = 0;
  sum = 0;
  max = 0;
  private bins = new Float64Array(SUMMARY_BINS);
  /** Samples past the last bin, kept exactly. */
  private overflow: number[] = [];
  /**
   * Samples lying exactly on a bin's lower edge (a multiple of the bin width), by bin. A bin
   * alone cannot tell "< limit" from "<= limit"; these keep shareAtMost exact at such limits,
   * where deterministic runs put their ties (a wait of exactly 900 s, a zero wait).
   */
  private edges = new Map<number, number>();

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    const b = Math.floor(value / SUMMARY_BIN_WIDTH);
    if (b < SUMMARY_BINS) {
      this.bins[b < 0 ? 0 : b]!++;
      if (value === b * SUMMARY_BIN_WIDTH) this.edges.set(b, (this.edges.get(b) ?? 0) + 1);
    } else this.overflow.push(value);
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** Share of samples <= limit (exact when limit is a multiple of the bin width). */
  shareAtMost(limit: number): number {
    if (this.count === 0) return 0;
    const last = Math.min(SUMMARY_BINS, Math.floor(limit / SUMMARY_BIN_WIDTH));
    let n = 0;
    for (let b = 0; b < last; b++) n += this.bins[b]!;
    // Samples equal to the limit open bin `last`: they count too (<=).
    if (last < SUMMARY_BINS && limit === last * SUMMARY_BIN_WIDTH) n += this.edges.get(last) ?? 0;
    for (const v of this.overflow) if (v <= limit) n++;
    return n / this.count;
  }

  /** Share of samples > limit (exact at multiples of the bin width); 0 when there are none. */
  shareAbove(limit: number): number {
    return this.count > 0 ? 1 - this.shareAtMost(limit) : 0;
  }

  /** The q-quantile (0..1), linearly interpolated within its bin. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = q * this.count;
    let seen = 0;
    for (let b = 0; b < SUMMARY_BINS; b++) {
      const n = this.bins[b]!;
      if (n > 0 && seen + n >= rank) return Math.min(this.max, (b + (rank - seen) / n) * SUMMARY_BIN_WIDTH);
      seen += n;
    }
    const rest = [...this.overflow].sort((a, b) => a - b);
    return rest[Math.min(rest.length - 1, Math.max(0, Math.ceil(rank - seen) - 1))] ?? this.max;
  }

  toRecord(): SummaryRecord {
    return { count: this.count, mean: this.mean, p50: this.quantile(0.5), p95: this.quantile(0.95), max: this.max };
  }
}

/** Time integral of a piecewise-constant quantity (a queue length, people in the system). */
export class TimeWeighted {
  private value = 0;
  private since: number;
  private readonly start: number;
  integral = 0;
  peak = 0;

  constructor(start: number) {
    this.start = start;
    this.since = start;
  }

  /** The quantity changes to `value` at time t (t never decreases). */
  set(t: number, value: number): void {
    this.integral += this.value * (t - this.since);
    this.since = t;
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  get current(): number {
    return this.value;
  }

  /** Time average over [start, t]. */
  average(t: number): number {
    const span = t - this.start;
    return span > 0 ? (this.integral + this.value * (t - this.since)) / span : this.value;
  }
}

/** Counts per clock hour of the day (hour index = floor(t / 3600)). */
export class HourlyCounter {
  private counts = new Float64Array(48);

  add(t: number, n = 1): void {
    const h = Math.max(0, Math.floor(t / 3600));
    if (h >= this.counts.length) {
      const next = new Float64Array(h + 24);
      next.set(this.counts);
      this.counts = next;
    }
    this.counts[h]! += n;
  }

  /** [hour, count] for every hour with a count. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    this.counts.forEach((c, h) => {
      if (c > 0) out.push([h, c]);
    });
    return out;
  }

  peak(): number {
    let m = 0;
    for (const c of this.counts) m = Math.max(m, c);
    return m;
  }
}
