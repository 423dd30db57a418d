// Univariate distributions for traveller attributes (desired speed, service times, ...), as
// plain data so scenario files can carry them, and one sampler over a seeded Random.
import type { Random } from './random.js';
import { exp, log } from './portable-math.js';

/** A distribution of a non-negative quantity, in SI units. Discriminated on `kind`. */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  /** Normal, truncated to [min, max] by rejection (defaults: +-4 sd, never below 0). */
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number; readonly min?: number; readonly max?: number }
  /** Lognormal given by its own mean and coefficient of variation (sd / mean). */
  | { readonly kind: 'lognormal'; readonly mean: number; readonly cv: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  /** Empirical: one of `values`, equally likely (a bootstrap from observations). */
  | { readonly kind: 'empirical'; readonly values: readonly number[] };

/** Draws one value. Rejection for the truncated normal is bounded: after 64 misses it clamps. */
export function sample(random: Random, d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * random.uniform();
    case 'normal': {
      const lo = d.min ?? Math.max(0, d.mean - 4 * d.sd);
      const hi = d.max ?? d.mean + 4 * d.sd;
      for (let k = 0; k < 64; k++) {
        const v = d.mean + d.sd * random.standardNormal();
        if (v >= lo && v <= hi) return v;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
    case 'lognormal': {
      // If X = exp(mu + sigma Z) then E[X] = exp(mu + sigma^2/2) and CV^2 = exp(sigma^2) - 1.
      const sigma2 = log(1 + d.cv * d.cv);
      const mu = log(d.mean) - sigma2 / 2;
      return exp(mu + Math.sqrt(sigma2) * random.standardNormal());
    }
    case 'exponential':
      return -d.mean * log(1 - random.uniform());
    case 'empirical':
      return d.values[random.integer(d.values.length)] ?? 0;
  }
}

/** Mean of a distribution (exact, before truncation for `normal`). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
    case 'lognormal':
    case 'exponential':
      return d.mean;
    case 'empirical':
      return d.values.length === 0 ? 0 : d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}
