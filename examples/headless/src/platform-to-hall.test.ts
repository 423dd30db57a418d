import { describe, expect, it } from 'vitest';
import { buildPlatformScenario, runPlatformToHall } from './platform-to-hall.js';

describe('the built-in platform-to-hall scenario', () => {
  it('brings every passenger to the hall, no faster than the walk allows', () => {
    const r = runPlatformToHall({ passengers: 150, seed: 3 });
    expect(r.passengers).toBe(150);
    // The nearest door is 10 m from the platform end, so the walk to the hall line is at least
    // (200 - 190) + 39.5 m; at the fastest allowed speed (2.2 m/s) that takes > 22 s.
    expect(r.meanWalkTime).toBeGreaterThan(22);
    expect(r.p95WalkTime).toBeGreaterThanOrEqual(r.meanWalkTime);
    expect(r.clearanceTime).toBeLessThan(3600);
  });

  it('builds a valid geometry with the pillars as holes', () => {
    const { sim } = buildPlatformScenario(1);
    expect(sim.geometry.spec.holes).toHaveLength(8);
    expect(sim.geometry.contains(208, 5)).toBe(false); // inside the first pillar
    expect(sim.geometry.contains(100, 5)).toBe(true);
  });
});
