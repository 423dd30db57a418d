import type { PortMetrics, StageMetrics } from '@portflow/core';
import { describe, expect, it } from 'vitest';
import { kpiCsv, kpiRows, peakThroughput, worstLos } from './kpi.js';

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
