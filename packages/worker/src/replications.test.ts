import { describe, expect, it } from 'vitest';
import { compareRuns, difference, pairedDifference, quantileSorted, summarise, tQuantile975 } from './replications.js';

describe('replication statistics', () => {
  it('gives the Student t interval of a mean', () => {
    // Five values with mean 3 and sd sqrt(2.5): half-width t(0.975, 4) * sd / sqrt(5) = 2.776 * 0.7071.
    const s = summarise([1, 2, 3, 4, 5]);
    expect(s).toMatchObject({ n: 5, mean: 3, min: 1, max: 5, p50: 3 });
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95).toBeCloseTo(2.776 * Math.sqrt(2.5 / 5), 9);
    expect(summarise([7]).ci95).toBe(Infinity);
  });

  it('reads t quantiles from the table and falls back to the normal beyond 30 degrees of freedom', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(200)).toBe(1.96);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([10, 20, 30, 40], 0.95)).toBeCloseTo(38.5, 12);
  });

  it('pairs runs that share seeds, which removes the variation common to both', () => {
    const a = [10, 20, 30, 40], b = [12, 22, 31, 43];
    const paired = pairedDifference(a, b);
    const welch = difference(a, b);
    expect(paired.delta).toBe(2);
    expect(welch.delta).toBe(2);
    expect(paired.ci95).toBeLessThan(welch.ci95 / 5);
    expect(paired.significant).toBe(true);
    expect(welch.significant).toBe(false);
  });

  it('compares every metric present in both sets of runs', () => {
    const d = compareRuns([{ w: 1, only: 3 }, { w: 2 }], [{ w: 3 }, { w: 5 }], { paired: true });
    expect(Object.keys(d)).toEqual(['w']);
    expect(d.w!.delta).toBe(2.5);
  });
});
