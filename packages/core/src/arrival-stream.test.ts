import { describe, expect, it } from 'vitest';
import { ArrivalStream } from './arrival-stream.js';
import { createRandom } from './random.js';

const drain = (s: ArrivalStream): number[] => {
  const out: number[] = [];
  for (let t = s.next(); t !== Infinity; t = s.next()) out.push(t);
  return out;
};

describe('ArrivalStream', () => {
  it('generates an hourly Poisson profile with the right count per hour', () => {
    // 3 hours at 600, 0 and 1200 per hour, over 20 seeds: Poisson counts have sd sqrt(n), so
    // the mean over 20 runs has sd sqrt(n / 20); allow 4 of those.
    const perHour = [0, 0, 0];
    const runs = 20;
    for (let seed = 0; seed < runs; seed++) {
      const times = drain(new ArrivalStream({ kind: 'profile', start: '08:00', ratesPerHour: [600, 0, 1200] }, createRandom(seed)));
      for (const t of times) perHour[Math.floor((t - 8 * 3600) / 3600)]!++;
      expect(times.every((t, k) => k === 0 || t >= times[k - 1]!)).toBe(true);
    }
    expect(Math.abs(perHour[0]! / runs - 600)).toBeLessThan(4 * Math.sqrt(600 / runs));
    expect(perHour[1]).toBe(0);
    expect(Math.abs(perHour[2]! / runs - 1200)).toBeLessThan(4 * Math.sqrt(1200 / runs));
  });

  it('has exponential gaps at a constant rate (mean and coefficient of variation 1)', () => {
    const times = drain(new ArrivalStream({ kind: 'constant', from: 0, to: 200_000, ratePerHour: 360 }, createRandom(1)));
    const gaps = times.slice(1).map((t, k) => t - times[k]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    // ~20,000 gaps of mean 10 s: standard error of the mean 0.07 s; of the CV about 0.007.
    expect(Math.abs(mean - 10)).toBeLessThan(0.3);
    expect(Math.abs(sd / mean - 1)).toBeLessThan(0.03);
  });

  it('unloads timetabled trains over their spread, and headway vehicles until the end time', () => {
    const trains = drain(new ArrivalStream({ kind: 'timetable', times: ['10:00', '10:04'], load: 100, spread: 60 }, createRandom(2)));
    expect(trains).toHaveLength(200);
    expect(trains.slice(0, 100).every((t) => t >= 36_000 && t <= 36_060)).toBe(true);
    expect(trains.slice(100).every((t) => t >= 36_240 && t <= 36_300)).toBe(true);
    const coaches = drain(new ArrivalStream({ kind: 'headway', from: '09:00', to: '10:00', headway: 600, load: 45, spread: 0 }, createRandom(3)));
    expect(coaches).toHaveLength(6 * 45);
    expect(new Set(coaches).size).toBe(6);
    expect(ArrivalStream.expectedCount({ kind: 'headway', from: '09:00', to: '10:00', headway: 600, load: 45, spread: 0 })).toBe(270);
  });

  it('releases a fixed count at once', () => {
    expect(drain(new ArrivalStream({ kind: 'count', at: '12:00', count: 5 }, createRandom(4)))).toEqual([43_200, 43_200, 43_200, 43_200, 43_200]);
  });
});
