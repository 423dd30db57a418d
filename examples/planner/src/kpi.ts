// The KPI table a planner reads, A vs B, from two PortMetrics: pure functions, no DOM.
import type { LevelOfService, PortMetrics } from '@portflow/core';

export interface KpiRow {
  /** Stable key (used in exports). */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly a: number | string | undefined;
  readonly b: number | string | undefined;
  /** B - A for numbers; undefined otherwise. */
  readonly delta: number | undefined;
  /** Whether a larger value is better (colours the delta). */
  readonly higherIsBetter: boolean;
}

const LOS_ORDER: readonly LevelOfService[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Most travellers who left in one clock hour. */
export function peakThroughput(m: PortMetrics): number {
  return m.hourly.reduce((best, h) => Math.max(best, h.exited), 0);
}

/** Worst level of service over every level ('A' best ... 'F' worst), or undefined before any sample. */
export function worstLos(m: PortMetrics): LevelOfService | undefined {
  let worst: LevelOfService | undefined;
  for (const l of m.levelOfService) {
    const los = l.worst?.los;
    if (los && (worst === undefined || LOS_ORDER.indexOf(los) > LOS_ORDER.indexOf(worst))) worst = los;
  }
  return worst;
}

const minutes = (s: number | undefined): number | undefined => (s === undefined ? undefined : s / 60);
const percent = (x: number | undefined): number | undefined => (x === undefined ? undefined : 100 * x);

function row(key: string, label: string, unit: string, a: number | undefined, b: number | undefined, higherIsBetter: boolean): KpiRow {
  return { key, label, unit, a, b, delta: a !== undefined && b !== undefined ? b - a : undefined, higherIsBetter };
}

/** Rows for both runs; a stage or value one of them lacks shows as undefined. */
export function kpiRows(a: PortMetrics | undefined, b: PortMetrics | undefined, stageNames: ReadonlyMap<string, string> = new Map()): KpiRow[] {
  // A clock hour the run has not covered whole (a short run, or the hour now running) undercounts.
  const partial = [a, b].some((m) => m && m.time - m.start < 3600);
  const rows: KpiRow[] = [
    row('throughput-peak', partial ? 'Throughput, busiest clock hour (hour not complete)' : 'Throughput, busiest clock hour', 'travellers/h', a && peakThroughput(a), b && peakThroughput(b), true),
    row('exited', 'Travellers through so far', 'travellers', a?.exited, b?.exited, true),
    row('in-system', 'Travellers still in the port', 'travellers', a?.inSystem, b?.inSystem, false),
  ];
  const ids: string[] = [];
  for (const m of [a, b]) for (const s of m?.stages ?? []) if (s.kind === 'service' && !ids.includes(s.id)) ids.push(s.id);
  for (const id of ids) {
    const sa = a?.stages.find((s) => s.id === id);
    const sb = b?.stages.find((s) => s.id === id);
    const name = stageNames.get(id) ?? id;
    rows.push(
      row(`${id}.wait-mean`, `${name}: mean wait`, 'min', minutes(sa?.waits?.mean), minutes(sb?.waits?.mean), false),
      row(`${id}.wait-p95`, `${name}: 95th percentile wait`, 'min', minutes(sa?.waits?.p95), minutes(sb?.waits?.p95), false),
      row(`${id}.within15`, `${name}: waited ≤ 15 min`, '%', percent(sa?.waits?.within15min), percent(sb?.waits?.within15min), true),
      row(`${id}.within30`, `${name}: waited ≤ 30 min`, '%', percent(sa?.waits?.within30min), percent(sb?.waits?.within30min), true),
      row(`${id}.queue-peak`, `${name}: longest queue`, 'people', sa?.queue?.peak, sb?.queue?.peak, false),
    );
  }
  const la = a && worstLos(a);
  const lb = b && worstLos(b);
  rows.push({ key: 'los-worst', label: 'Worst crowding (Fruin level of service, A best … F worst)', unit: 'LOS', a: la, b: lb, delta: undefined, higherIsBetter: false });
  return rows;
}

const cell = (v: number | string | undefined): string => (v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v);
const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The table as CSV (one header line, one line per row). */
export function kpiCsv(rows: readonly KpiRow[], labelA: string, labelB: string): string {
  const lines = [['key', 'kpi', 'unit', `A: ${labelA}`, `B: ${labelB}`, 'B - A'].map(quote).join(',')];
  for (const r of rows) lines.push([r.key, r.label, r.unit, cell(r.a), cell(r.b), cell(r.delta)].map(quote).join(','));
  return `${lines.join('\n')}\n`;
}
