// `portflow compare a.json b.json`: both scenarios over the same N seeds (common random numbers
// per seed), each metric's mean with its 95 % confidence interval, and B - A with Welch's interval.
import { availableParallelism } from 'node:os';
import type { Difference, ScalarMetrics } from '@portflow/worker';
import { compareRuns, scalarMetrics } from '@portflow/worker';
import type { CommandSpec, Parsed } from './args.js';
import { intOption, sharedOptions, timeOption } from './args.js';
import { InputError, UsageError } from './cli-error.js';
import { table } from './format.js';
import type { Io } from './io.js';
import { readDocument } from './load.js';
import { replicate } from './replicate.js';

export const compareSpec: CommandSpec = {
  name: 'compare',
  usage: 'portflow compare <a.json> <b.json> [--seeds N] [--from HH:MM --to HH:MM] [--json]',
  summary: 'Runs two scenarios (say, a baseline and a variant) over seeds 1..N and prints each metric side by side with 95 % confidence intervals and the difference B - A.',
  options: {
    seeds: { type: 'string', value: 'N', help: 'replications per scenario, seeds 1..N (default 10)' },
    ...sharedOptions.window,
    workers: { type: 'string', value: 'N', help: 'worker threads (default: the number of cores; 1 runs on this thread)' },
    json: { type: 'boolean', help: 'print the comparison as JSON' },
    quiet: sharedOptions.quiet,
  },
  notes: [
    'Run k of A and run k of B use seed k (common random numbers), so B - A is the mean of the per-seed',
    'differences with a paired Student t interval (Welch for metrics missing from some runs).',
    '"*" marks a difference whose 95 % interval excludes 0.',
  ],
};

function fmt(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-';
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.1 ? v.toFixed(2) : v.toFixed(3);
}

export async function compareCommand(p: Parsed, io: Io): Promise<number> {
  if (p.positionals.length !== 2) throw new UsageError(`needs two scenario files (A and B), got ${p.positionals.length}`);
  const [fileA, fileB] = p.positionals as [string, string];
  const n = intOption(p, 'seeds', 10, 2);
  const workers = intOption(p, 'workers', availableParallelism());
  const from = timeOption(p, 'from'), to = timeOption(p, 'to');
  const seeds = Array.from({ length: n }, (_, k) => k + 1);
  const window = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const docA = await readDocument(fileA), docB = await readDocument(fileB);
  const jobs = [...seeds.map((seed) => ({ scenario: docA, path: fileA, seed, ...window })), ...seeds.map((seed) => ({ scenario: docB, path: fileB, seed, ...window }))];
  const outcomes = await replicate(jobs, { workers, progress: io.errIsTTY && !p.values.quiet }, io);
  const failures = outcomes.filter((o) => !o.ok);
  if (failures.length > 0) throw new InputError(failures.map((f) => (f.ok ? '' : f.error)).slice(0, 5).join('\n'));
  const runsA: ScalarMetrics[] = [], runsB: ScalarMetrics[] = [];
  for (const o of outcomes) if (o.ok) (o.index < n ? runsA : runsB).push(scalarMetrics(o.metrics));
  const diffs = compareRuns(runsA, runsB, { paired: true });

  if (p.values.json) {
    io.out(JSON.stringify({ a: fileA, b: fileB, seeds, ...window, metrics: diffs }, null, 2) + '\n');
    return 0;
  }
  const rows = Object.entries(diffs).map(([name, d]: [string, Difference]) => [
    name,
    `${fmt(d.a.mean)} ± ${fmt(d.a.ci95)}`,
    `${fmt(d.b.mean)} ± ${fmt(d.b.ci95)}`,
    `${d.delta >= 0 ? '+' : ''}${fmt(d.delta)} ± ${fmt(d.ci95)}${d.significant ? ' *' : ''}`,
  ]);
  io.out(`A: ${fileA}\nB: ${fileB}\n${n} seeds each (1..${n}); mean ± 95 % CI half-width; waits and times in s\n\n`);
  io.out(table('Comparison', ['metric', 'A', 'B', 'B - A'], rows));
  return 0;
}
