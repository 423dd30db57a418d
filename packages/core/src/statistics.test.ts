import { describe, expect, it } from 'vitest';
import { HourlyCounter, SampleSummary, TimeWeighted } from './statistics.js';

describe('SampleSummary', () => {
  it('keeps exact count, mean and max, and percentiles to the 1 s bin', () => {
    const s = new SampleSummary();
    for (let v = 0; v < 1000; v++) s.add(v * 0.1); // 0 .. 99.9 s, uniform
    expect(s.count).toBe(1000);
    expect(s.mean).toBeCloseTo(49.95, 10);
    expect(s.max).toBeCloseTo(99.9, 10);
    expect(Math.abs(s.quantile(0.5) - 50)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.quantile(0.95) - 95)).toBeLessThanOrEqual(1);
    expect(s.shareAtMost(30)).toBeCloseTo(0.301, 10); // 0, 0.1, ..., 30 (300 x 0.1 is exactly 30)
  });

  it('handles samples beyond four hours exactly', () => {
    const s = new SampleSummary();
    s.add(10);
    s.add(20_000);
    expect(s.quantile(1)).toBe(20_000);
    expect(s.shareAtMost(15_000)).toBe(0.5);
  });

  it('counts samples equal to the limit, at multiples of the bin width, and gives the share above', () => {
    // Deterministic runs put waits exactly on bin edges: 0 s, 900 s.
    const s = new SampleSummary();
    for (const v of [0, 0, 0.5, 900, 900, 1200]) s.add(v);
    expect(s.shareAtMost(0)).toBeCloseTo(2 / 6, 12);
    expect(s.shareAtMost(900)).toBeCloseTo(5 / 6, 12);
    expect(s.shareAtMost(899)).toBeCloseTo(3 / 6, 12);
    expect(s.shareAbove(0)).toBeCloseTo(4 / 6, 12);
    expect(new SampleSummary().shareAbove(0)).toBe(0);
  });
});

describe('TimeWeighted', () => {
  it('averages a piecewise-constant quantity over time', () => {
    const q = new TimeWeighted(0);
    q.set(10, 4); // 0 for 10 s, then 4
    q.set(20, 1); // 4 for 10 s, then 1 for 20 s
    // Zero for the first 10 s, then 4 for 10 s and 1 for 20 s.
    expect(q.average(40)).toBeCloseTo((4 * 10 + 1 * 20) / 40, 12);
    expect(q.peak).toBe(4);
  });
});

describe('HourlyCounter', () => {
  it('counts per clock hour', () => {
    const h = new HourlyCounter();
    h.add(3600 * 7 + 5);
    h.add(3600 * 7 + 3599);
    h.add(3600 * 30, 2);
    expect(h.entries()).toEqual([[7, 2], [30, 2]]);
    expect(h.peak()).toBe(2);
  });
});
