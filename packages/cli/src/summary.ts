// The run summary a planner reads: stages, hourly throughput, journeys, flows and conservation,
// as terminal tables and as CSV files, from one PortMetrics record.
import type { PortMetrics } from '@portflow/core';
import type { Cell } from './format.js';
import { clock, csv, duration, num, percent, table } from './format.js';

interface Section {
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Raw numbers for CSV (seconds, shares), same columns as rows. */
  readonly csvHeader: readonly string[];
  readonly csvRows: readonly (readonly Cell[])[];
}

function sections(m: PortMetrics): Section[] {
  const queued = m.stages.filter((s) => s.waits !== undefined || s.served !== undefined);
  const hourly = m.hourly;
  const out: Section[] = [
    {
      name: 'stages',
      title: 'Stages (waits from joining the queue to service or boarding)',
      header: ['stage', 'kind', 'entered', 'served', 'wait mean', 'p50', 'p95', 'max', 'utilisation', 'peak queue'],
      rows: queued.map((s) => [s.id, s.kind, s.entered, s.served ?? s.boarded, duration(s.waits?.mean), duration(s.waits?.p50), duration(s.waits?.p95), duration(s.waits?.max), percent(s.utilisation), s.queue?.peak]),
      csvHeader: ['stage', 'kind', 'entered', 'served', 'boarded', 'left_behind', 'wait_mean_s', 'wait_p50_s', 'wait_p95_s', 'wait_max_s', 'within_15min', 'utilisation', 'queue_peak', 'queue_mean'],
      csvRows: m.stages.map((s) => [s.id, s.kind, s.entered, s.served, s.boarded, s.leftBehind, s.waits?.mean, s.waits?.p50, s.waits?.p95, s.waits?.max, s.waits?.within15min, s.utilisation, s.queue?.peak, s.queue?.mean]),
    },
    {
      name: 'hourly',
      title: 'Throughput per hour',
      header: ['hour', 'arrived', 'exited'],
      rows: hourly.map((h) => [`${clock(h.hour * 3600)}-${clock((h.hour + 1) * 3600)}`, h.arrived, h.exited]),
      csvHeader: ['hour', 'arrived', 'exited'],
      csvRows: hourly.map((h) => [h.hour, h.arrived, h.exited]),
    },
    {
      name: 'journeys',
      title: 'Journey times (spawn to exit)',
      header: ['journey', 'completed', 'mean', 'p50', 'p95', 'max', '<= 15 min'],
      rows: m.journeys.map((j) => [j.id, j.completed, duration(j.timeInSystem.mean), duration(j.timeInSystem.p50), duration(j.timeInSystem.p95), duration(j.timeInSystem.max), j.completed > 0 ? percent(j.within15min) : '-']),
      csvHeader: ['journey', 'completed', 'mean_s', 'p50_s', 'p95_s', 'max_s', 'within_15min', 'within_30min'],
      csvRows: m.journeys.map((j) => [j.id, j.completed, j.timeInSystem.mean, j.timeInSystem.p50, j.timeInSystem.p95, j.timeInSystem.max, j.within15min, j.within30min]),
    },
  ];
  if (m.flows.length > 0) {
    out.push({
      name: 'flows',
      title: 'Counting lines',
      header: ['line', 'forward', 'backward'],
      rows: m.flows.map((f) => [f.id, f.forward, f.backward]),
      csvHeader: ['line', 'forward', 'backward'],
      csvRows: m.flows.map((f) => [f.id, f.forward, f.backward]),
    });
  }
  out.push({
    name: 'conservation',
    title: 'Travellers',
    header: ['spawned', 'in system', 'exited', 'conserved', 'mean in system'],
    rows: [[m.spawned, m.inSystem, m.exited, m.spawned === m.inSystem + m.exited ? 'yes' : 'NO', num(m.meanInSystem)]],
    csvHeader: ['spawned', 'in_system', 'exited', 'mean_in_system'],
    csvRows: [[m.spawned, m.inSystem, m.exited, m.meanInSystem]],
  });
  return out;
}

export function summaryText(m: PortMetrics): string {
  return sections(m)
    .map((s) => table(s.title, s.header, s.rows))
    .join('\n');
}

/** CSV files by name: stages, hourly, journeys, flows (when there are lines), conservation, queues. */
export function summaryCsv(m: PortMetrics): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of sections(m)) files[`${s.name}.csv`] = csv(s.csvHeader, s.csvRows);
  const queueRows = m.stages.flatMap((s) => (s.queue?.series ?? []).map(([t, n]) => [s.id, t, n] as const));
  files['queues.csv'] = csv(['stage', 'time_s', 'length'], queueRows);
  return files;
}
