import type { PortMetrics, StageMetrics } from '@portflow/core';
import { describe, expect, it } from 'vitest';
import { kpiCsv, kpiRows, peakThroughput, replicatedKpiRows, worstLos } from './kpi.js';

const waits = (mean: number, p95: number) => ({ count: 10, mean, p50: mean, p95, max: p95, within15min: 0.9, within30min: 1, delayed: 1 });
function metrics(hourly: [number, number][], gateMean: number, los: 'A' | 'C' | 'F'): PortMetrics {
  const gate: StageMetrics = { id: 'gates', kind: 'service', entered: 10, served: 10, waits: waits(gateMean, 2 * gateMean), queue: { peak: 12, mean: 3, series: [] } };
  return {
    start: 0, time: 3600, spawned: 10, inSystem: 0, exited: 10, meanInSystem: 1,
    stages: [{ id: 'in', kind: 'waypoint', entered: 10 }, gate],
    journeys: [], flows: [],
    hourly: hourly.map(([hour, exited]) => ({ hour, arrived: exited, exited })),
    levelOfService: [{ level: 'hall', cellSize: 2, worst: { los, density: 1, x: 0, y: 0, queueing: false } }],
  };
}

describe('kpiRows', () => {
  it('takes the busiest clock hour as peak throughput', () => {
    expect(peakThroughput(metrics([[7, 100], [8, 250], [9, 80]], 60, 'A'))).toBe(250);
  });

  it('reports the worst level of service of any level', () => {
    expect(worstLos(metrics([], 60, 'C'))).toBe('C');
  });

  it('gives waits in minutes per service stage with B - A deltas', () => {
    const rows = kpiRows(metrics([[7, 100]], 120, 'A'), metrics([[7, 130]], 60, 'F'), new Map([['gates', 'E-gates']]));
    const mean = rows.find((r) => r.key === 'gates.wait-mean')!;
    expect(mean).toMatchObject({ label: 'E-gates: mean wait', a: 2, b: 1, delta: -1 });
    expect(rows.find((r) => r.key === 'throughput-peak')!.delta).toBe(30);
    expect(rows.find((r) => r.key === 'los-worst')).toMatchObject({ a: 'A', b: 'F' });
    expect(rows.some((r) => r.key.startsWith('in.'))).toBe(false);
  });

  it('writes CSV with quoted labels', () => {
    const csv = kpiCsv(kpiRows(metrics([[7, 1]], 60, 'A'), undefined), 'base, 2 desks', 'option');
    expect(csv.split('\n')[0]).toBe('key,kpi,unit,"A: base, 2 desks",B: option,B - A');
    expect(csv).toContain('throughput-peak,"Throughput, busiest clock hour",travellers/h,1,,');
  });
});

describe('replicatedKpiRows', () => {
  // Three seeds. A's e-gate mean waits 1, 2, 3 min; B's 0.5, 1.5, 2 min: per-seed differences
  // -0.5, -0.5, -1 min. Peak throughput A 100, 110, 120; B 130, 150, 140 (differences 30, 40, 20).
  const runs = [
    { a: metrics([[7, 100]], 60, 'A'), b: metrics([[7, 130]], 30, 'F') },
    { a: metrics([[7, 110]], 120, 'C'), b: metrics([[7, 150]], 90, 'F') },
    { a: metrics([[7, 120]], 180, 'A'), b: metrics([[7, 140]], 120, 'F') },
  ];
  const rows = replicatedKpiRows(runs, new Map([['gates', 'E-gates']]));
  const get = (key: string) => rows.find((r) => r.key === key)!;

  it('gives each side the mean over seeds with a Student t 95 % interval', () => {
    const wait = get('gates.wait-mean');
    expect(wait.label).toBe('E-gates: mean wait');
    expect(wait.a).toBeCloseTo(2, 12);
    expect(wait.b).toBeCloseTo(4 / 3, 12);
    // sd 1 and sqrt(7/12) min over 3 seeds: t(0.975, 2) = 4.303 times sd / sqrt(3).
    expect(wait.ci!.a).toBeCloseTo(2.484339, 5);
    expect(wait.ci!.b).toBeCloseTo(1.897446, 5);
    expect(wait.ci!.n).toBe(3);
  });

  it('pairs B - A by seed, much narrower than comparing the two means unpaired', () => {
    const wait = get('gates.wait-mean');
    expect(wait.delta).toBeCloseTo(-2 / 3, 12);
    // Per-seed differences -0.5, -0.5, -1: sd 0.288675, half-width 4.303 x 0.288675 / sqrt(3) (unpaired, Welch: 2.31).
    expect(wait.ci!.delta).toBeCloseTo(0.717166, 5);
    expect(wait.ci!.significant).toBe(false);
    const throughput = get('throughput-peak');
    expect([throughput.a, throughput.b, throughput.delta]).toEqual([110, 140, 30]);
    expect(throughput.ci!.delta).toBeCloseTo(24.84339, 4);
    expect(throughput.ci!.significant).toBe(true);
  });

  it('shows the worst level of service as its range over seeds', () => {
    expect(get('los-worst')).toMatchObject({ a: 'A–C', b: 'F', delta: undefined });
  });

  it('writes a CSV with an interval column after each value', () => {
    const csv = kpiCsv(rows, 'base', 'option').split('\n');
    expect(csv[0]).toBe('key,kpi,unit,A: base,A ci95,B: option,B ci95,B - A,B - A ci95,seeds');
    expect(csv).toContain('gates.wait-mean,E-gates: mean wait,min,2,2.48,1.33,1.9,-0.67,0.72,3');
  });
});
