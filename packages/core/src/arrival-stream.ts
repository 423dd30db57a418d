// When travellers appear: arrival patterns as plain data and a lazy generator of arrival
// instants over a seeded Random. Poisson profiles are non-homogeneous Poisson processes with
// piecewise-constant rates, generated exactly (exponential gaps; at a rate change the clock
// restarts, which the memoryless property makes exact). Batches (a train unloading, a coach)
// release their load uniformly over a spread of seconds.
import type { Distribution } from './distribution.js';
import { meanOf, sample } from './distribution.js';
import type { Random } from './random.js';
import { toSeconds } from './time-of-day.js';
import { log } from './portable-math.js';

/** A time of day: "HH:MM" or seconds since midnight. */
export type TimeOfDay = string | number;

export type ArrivalPattern =
  /** Poisson arrivals with hourly rates: ratesPerHour[k] applies in [start + k h, start + (k + 1) h). */
  | { readonly kind: 'profile'; readonly start: TimeOfDay; readonly ratesPerHour: readonly number[] }
  /** Poisson arrivals at a constant rate between two times. */
  | { readonly kind: 'constant'; readonly from: TimeOfDay; readonly to: TimeOfDay; readonly ratePerHour: number }
  /** A fixed number of travellers released uniformly over `spread` s from `at` (0: all at once). */
  | { readonly kind: 'count'; readonly at: TimeOfDay; readonly count: number; readonly spread?: number }
  /** Vehicles at given times, each unloading `load` travellers over `spread` s. */
  | { readonly kind: 'timetable'; readonly times: readonly TimeOfDay[]; readonly load: number | Distribution; readonly spread: number }
  /** Vehicles every `headway` s from `from` until before `to`, each unloading `load` over `spread` s. */
  | {
      readonly kind: 'headway';
      readonly from: TimeOfDay;
      readonly to: TimeOfDay;
      readonly headway: number;
      readonly load: number | Distribution;
      readonly spread: number;
    };

/** Yields arrival instants in non-decreasing order; Infinity once the pattern is exhausted. */
export class ArrivalStream {
  private readonly random: Random;
  private readonly pattern: ArrivalPattern;
  private clock: number;
  private batch: number[] = [];
  private batchIndex = 0;
  private vehicle = 0;
  private released = 0;

  constructor(pattern: ArrivalPattern, random: Random) {
    this.pattern = pattern;
    this.random = random;
    this.clock = Math.min(patternStart(pattern), Number.MAX_VALUE);
  }

  /** Expected number of travellers in the whole pattern. */
  static expectedCount(p: ArrivalPattern): number {
    switch (p.kind) {
      case 'profile':
        return p.ratesPerHour.reduce((a, b) => a + b, 0);
      case 'constant':
        return (p.ratePerHour * (toSeconds(p.to) - toSeconds(p.from))) / 3600;
      case 'count':
        return p.count;
      case 'timetable':
        return p.times.length * loadMean(p.load);
      case 'headway':
        return Math.ceil((toSeconds(p.to) - toSeconds(p.from)) / p.headway) * loadMean(p.load);
    }
  }

  next(): number {
    const p = this.pattern;
    switch (p.kind) {
      case 'profile':
      case 'constant':
        return this.poisson();
      case 'count': {
        if (this.released >= p.count) return Infinity;
        if (this.batch.length === 0) this.batch = this.spreadOut(toSeconds(p.at), p.count, p.spread ?? 0);
        return this.batch[this.released++]!;
      }
      case 'timetable':
      case 'headway':
        return this.nextOfBatches();
    }
  }

  private nextOfBatches(): number {
    const p = this.pattern as Extract<ArrivalPattern, { kind: 'timetable' | 'headway' }>;
    while (this.batchIndex >= this.batch.length) {
      let at: number;
      if (p.kind === 'timetable') {
        if (this.vehicle >= p.times.length) return Infinity;
        at = toSeconds(p.times[this.vehicle]!);
      } else {
        at = toSeconds(p.from) + this.vehicle * p.headway;
        if (at >= toSeconds(p.to)) return Infinity;
      }
      this.vehicle++;
      const load = Math.max(0, Math.round(typeof p.load === 'number' ? p.load : sample(this.random, p.load)));
      this.batch = this.spreadOut(at, load, p.spread);
      this.batchIndex = 0;
    }
    return this.batch[this.batchIndex++]!;
  }

  private spreadOut(at: number, n: number, spread: number): number[] {
    const times: number[] = [];
    for (let k = 0; k < n; k++) times.push(at + (spread > 0 ? this.random.uniform() * spread : 0));
    return times.sort((a, b) => a - b);
  }

  /** Next event of a Poisson process whose rate (per s) is piecewise constant; rate < 0 ends it. */
  private poisson(): number {
    for (;;) {
      const rate = this.rateAt(this.clock);
      if (rate < 0) return Infinity;
      const end = this.pieceEnd(this.clock);
      if (rate === 0) {
        this.clock = end;
        continue;
      }
      const t = this.clock - log(1 - this.random.uniform()) / rate;
      if (t < end) {
        this.clock = t;
        return t;
      }
      this.clock = end;
    }
  }

  /** Arrival rate per s of a Poisson pattern at time t; -1 once the pattern has ended. */
  private rateAt(t: number): number {
    const p = this.pattern;
    if (p.kind === 'profile') {
      const k = Math.floor((t - toSeconds(p.start)) / 3600);
      return k >= 0 && k < p.ratesPerHour.length ? p.ratesPerHour[k]! / 3600 : -1;
    }
    if (p.kind === 'constant') return t >= toSeconds(p.from) && t < toSeconds(p.to) ? p.ratePerHour / 3600 : -1;
    return -1;
  }

  /** End of the constant-rate piece of a Poisson pattern that holds t. */
  private pieceEnd(t: number): number {
    const p = this.pattern;
    if (p.kind === 'profile') return toSeconds(p.start) + (Math.floor((t - toSeconds(p.start)) / 3600) + 1) * 3600;
    if (p.kind === 'constant') return toSeconds(p.to);
    return Infinity;
  }
}

/** When a pattern's first traveller can appear, s since midnight (Infinity for an empty timetable). */
export function patternStart(p: ArrivalPattern): number {
  switch (p.kind) {
    case 'profile':
      return toSeconds(p.start);
    case 'constant':
    case 'headway':
      return toSeconds(p.from);
    case 'count':
      return toSeconds(p.at);
    case 'timetable':
      return p.times.length > 0 ? Math.min(...p.times.map(toSeconds)) : Infinity;
  }
}

function loadMean(load: number | Distribution): number {
  return typeof load === 'number' ? load : meanOf(load);
}
