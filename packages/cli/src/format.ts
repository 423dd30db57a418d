// Plain-text tables and number formats for the terminal (and CSV for files).

export type Cell = string | number | undefined;

/** Fixed-point with `digits`, '-' for missing or non-finite values. */
export function num(v: number | undefined, digits = 1): string {
  return v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

export function percent(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '-' : `${(100 * v).toFixed(1)} %`;
}

/** Seconds as "m:ss" (or "h:mm:ss"), for waits and journey times read by people. */
export function duration(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '-';
  const t = Math.round(s);
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** "HH:MM" of seconds since midnight (hours past 24 kept). */
export function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A table with a title, left-aligned first column and right-aligned others. */
export function table(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (c === undefined ? '-' : String(c))));
  const widths = header.map((_, k) => Math.max(...cells.map((r) => (r[k] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** RFC 4180 CSV: fields with commas, quotes or newlines are quoted. */
export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const field = (c: Cell) => {
    const s = c === undefined ? '' : String(c);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** A progress bar line for a TTY: `[#####.....]  42 %  07:30`. */
export function progressBar(fraction: number, label: string, width = 30): string {
  const f = Math.min(1, Math.max(0, fraction));
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${String(Math.round(100 * f)).padStart(3)} %  ${label}`;
}
