// The KPI table a planner reads, A vs B, from two PortMetrics or from several pairs of runs
// (one per seed, mean with 95 % confidence intervals): pure functions, no DOM.
import type { LevelOfService, PortMetrics } from '@portflow/core';
import type { ScalarMetrics } from '@portflow/worker';
import { aggregate, compareRuns } from '@portflow/worker';

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
  /** Over several seeds: a, b and delta are means, these their 95 % confidence interval half-widths. */
  readonly ci?: KpiInterval;
}

export interface KpiInterval {
  /** Seeds behind the row. */
  readonly n: number;
  readonly a: number | undefined;
  readonly b: number | undefined;
  /** Of the mean per-seed difference B - A (paired by seed when every seed has both values). */
  readonly delta: number | undefined;
  /** Whether the interval of B - A excludes 0. */
  readonly significant: boolean;
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

/** Best and worst level over seeds: "D", or "C–F" when the seeds disagree. */
function losRange(levels: readonly (number | string | undefined)[]): string | undefined {
  const seen = levels.filter((l): l is LevelOfService => typeof l === 'string' && LOS_ORDER.includes(l as LevelOfService)).map((l) => LOS_ORDER.indexOf(l));
  if (seen.length === 0) return undefined;
  const lo = LOS_ORDER[Math.min(...seen)]!, hi = LOS_ORDER[Math.max(...seen)]!;
  return lo === hi ? lo : `${lo}–${hi}`;
}

/**
 * The table over paired runs: runs[k] holds A's and B's metrics for the same seed. Each number is
 * the mean over seeds with its 95 % confidence interval half-width (Student t); B - A is the mean
 * of the per-seed differences with a paired interval (common random numbers), Welch's where a
 * value is missing from some seeds. The worst level of service shows its range over seeds.
 */
export function replicatedKpiRows(runs: readonly { readonly a: PortMetrics; readonly b: PortMetrics }[], stageNames: ReadonlyMap<string, string> = new Map()): KpiRow[] {
  const perSeed = runs.map((r) => kpiRows(r.a, r.b, stageNames));
  const numbers = (side: 'a' | 'b'): ScalarMetrics[] => perSeed.map((rows) => Object.fromEntries(rows.flatMap((r) => (typeof r[side] === 'number' ? [[r.key, r[side]]] : []))));
  const [runsA, runsB] = [numbers('a'), numbers('b')];
  const [sa, sb] = [aggregate(runsA), aggregate(runsB)];
  const diffs = compareRuns(runsA, runsB, { paired: true });
  // Row order and labels from the first seed, plus any row only a later seed has.
  const keys = new Map<string, KpiRow>();
  for (const rows of perSeed) for (const r of rows) if (!keys.has(r.key)) keys.set(r.key, r);
  return [...keys.values()].map((r) => {
    if (r.key === 'los-worst') {
      const pick = (side: 'a' | 'b') => losRange(perSeed.map((rows) => rows.find((x) => x.key === r.key)?.[side]));
      return { ...r, a: pick('a'), b: pick('b'), delta: undefined };
    }
    const a = sa[r.key], b = sb[r.key], d = diffs[r.key];
    return {
      ...r,
      a: a && a.n > 0 ? a.mean : undefined,
      b: b && b.n > 0 ? b.mean : undefined,
      delta: d?.delta,
      ci: { n: runs.length, a: a && a.n > 0 ? a.ci95 : undefined, b: b && b.n > 0 ? b.ci95 : undefined, delta: d?.ci95, significant: d?.significant ?? false },
    };
  });
}

const cell = (v: number | string | undefined): string => (v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v);
const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The table as CSV (one header line, one line per row; over several seeds, a 95 % CI half-width column after each value). */
export function kpiCsv(rows: readonly KpiRow[], labelA: string, labelB: string): string {
  const withCi = rows.some((r) => r.ci);
  const header = withCi
    ? ['key', 'kpi', 'unit', `A: ${labelA}`, 'A ci95', `B: ${labelB}`, 'B ci95', 'B - A', 'B - A ci95', 'seeds']
    : ['key', 'kpi', 'unit', `A: ${labelA}`, `B: ${labelB}`, 'B - A'];
  const lines = [header.map(quote).join(',')];
  for (const r of rows) {
    const values = withCi ? [cell(r.a), cell(r.ci?.a), cell(r.b), cell(r.ci?.b), cell(r.delta), cell(r.ci?.delta), cell(r.ci?.n)] : [cell(r.a), cell(r.b), cell(r.delta)];
    lines.push([r.key, r.label, r.unit, ...values].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}
