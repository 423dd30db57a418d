// Argument parsing on node:util parseArgs (no dependency): every command declares its options
// once, with the help text printed by --help; mistakes become UsageErrors.
import { parseArgs } from 'node:util';
import { UsageError } from './cli-error.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Shown in help: `--seed N`. */
  readonly value?: string;
  readonly help: string;
  readonly multiple?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Lines after the options (examples, notes). */
  readonly notes?: readonly string[];
}

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** Options several commands share, declared once. */
export const sharedOptions = {
  /** --from / --to for commands that run many replications. */
  window: {
    from: { type: 'string', value: 'HH:MM', help: 'start of every run instead of run.start' },
    to: { type: 'string', value: 'HH:MM', help: 'end of every run instead of run.end' },
  },
  quiet: { type: 'boolean', short: 'q', help: 'no progress bar' },
} as const satisfies { window: Record<string, OptionSpec>; quiet: OptionSpec };

const helpOption: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: helpOption }).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    // parseArgs' messages name the option; drop its advice about '--' which does not apply here.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([k, o]) => [`${o.short ? `-${o.short}, ` : '    '}--${k}${o.value ? ` ${o.value}` : ''}`, o.help] as const);
  rows.push(['-h, --help', helpOption.help]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return [
    `Usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`),
    ...(spec.notes ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

export function stringOption(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A positive integer option, or the default. */
export function intOption(p: Parsed, name: string, fallback: number, min = 1): number {
  const v = stringOption(p, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} ${v}: needs a whole number >= ${min}`);
  return Number(v);
}

const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;

/** A time-of-day option "HH:MM" (checked here for the message; the scenario check does the rest). */
export function timeOption(p: Parsed, name: string): string | undefined {
  const v = stringOption(p, name);
  if (v !== undefined && !TIME.test(v)) throw new UsageError(`--${name} ${v}: needs a time of day HH:MM`);
  return v;
}

/** A seed: an integer stays a number (as in scenario files), anything else is a string seed. */
export function seedValue(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** Seeds "1..30", "1,2,7" or "30" (meaning 1..30). */
export function seedList(v: string, option = 'seeds'): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(v);
  if (range) {
    const a = Number(range[1]), b = Number(range[2]);
    if (b < a) throw new UsageError(`--${option} ${v}: the range is empty (write low..high)`);
    if (b - a >= 100_000) throw new UsageError(`--${option} ${v}: at most 100000 seeds`);
    return Array.from({ length: b - a + 1 }, (_, k) => a + k);
  }
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n < 1 || n > 100_000) throw new UsageError(`--${option} ${v}: needs 1 to 100000 seeds`);
    return Array.from({ length: n }, (_, k) => k + 1);
  }
  if (/^\d+(,\d+)+$/.test(v)) return v.split(',').map(Number);
  throw new UsageError(`--${option} ${v}: needs a count (30), a range (1..30) or a list (1,2,7)`);
}
