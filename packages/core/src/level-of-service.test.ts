import { describe, expect, it } from 'vitest';
import { queueingLevel, walkwayLevel, walkwayLevelOfDensity, walkwayLevelOfFlow, worseLevel } from './level-of-service.js';

describe('Fruin level of service (validation.md section 4)', () => {
  it('classifies walkway space per person exactly at and beside every boundary (LOS-W)', () => {
    const cases: [number, string][] = [
      [3.3, 'A'], [3.25, 'A'], [3.24, 'B'], [2.32, 'B'], [2.31, 'C'], [1.39, 'C'], [1.38, 'D'],
      [0.93, 'D'], [0.92, 'E'], [0.46, 'E'], [0.45, 'F'], [Infinity, 'A'],
    ];
    for (const [space, level] of cases) expect(walkwayLevel(space), `${space} m^2/P`).toBe(level);
  });

  it('classifies queueing space per person by the HCM table (LOS-Q)', () => {
    const cases: [number, string][] = [
      [1.25, 'A'], [1.2, 'B'], [1.0, 'B'], [0.9, 'C'], [0.7, 'C'], [0.6, 'D'], [0.4, 'D'], [0.3, 'E'], [0.25, 'E'], [0.2, 'F'], [0.15, 'F'],
    ];
    for (const [space, level] of cases) expect(queueingLevel(space), `${space} m^2/P`).toBe(level);
  });

  it('classifies a 20 m concourse carrying 600 P/min (30 P/(min m)) as B (LOS-flow)', () => {
    expect(walkwayLevelOfFlow(600 / 20)).toBe('B');
    expect(walkwayLevelOfFlow(23)).toBe('A');
    expect(walkwayLevelOfFlow(82.01)).toBe('F');
  });

  it('converts densities: 2.15 P/m^2 is E, above is F; empty is A', () => {
    expect(walkwayLevelOfDensity(1 / 0.46)).toBe('E');
    expect(walkwayLevelOfDensity(2.2)).toBe('F');
    expect(walkwayLevelOfDensity(0)).toBe('A');
    expect(worseLevel('B', 'E')).toBe('E');
  });
});
