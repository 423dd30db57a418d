// `portflow sweep`: files x seeds as JSON lines (one record per run), optionally one shard of
// them; `portflow merge`: JSON lines from any number of shards into per-file summaries.
import { availableParallelism } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import type { ReplicationSummary, ScalarMetrics } from '@portflow/worker';
import { aggregate, scalarMetrics } from '@portflow/worker';
import type { CommandSpec, Parsed } from './args.js';
import { intOption, sharedOptions, seedList, stringOption, timeOption } from './args.js';
import { InputError, UsageError } from './cli-error.js';
import { table } from './format.js';
import type { Io } from './io.js';
import { readDocument } from './load.js';
import { replicate } from './replicate.js';
import { parseShard, shardJobs } from './shard.js';

export const sweepSpec: CommandSpec = {
  name: 'sweep',
  usage: 'portflow sweep <scenario.json>... --seeds 1..30 [--shard i/n | --shards n] [--out runs.jsonl]',
  summary: 'Runs every scenario with every seed and writes one JSON line per run: { file, seed, ok, wallMs, metrics | error }.',
  options: {
    seeds: { type: 'string', value: 'SEEDS', help: 'seeds: a range 1..30, a list 1,2,7 or a count 30 (default 1..10)' },
    shard: { type: 'string', value: 'i/n', help: 'run only shard i of n (job k belongs to shard k mod n)' },
    shards: { type: 'string', value: 'n', help: 'number of shards when the index comes from JOB_COMPLETION_INDEX (or set PORTFLOW_SHARDS)' },
    ...sharedOptions.window,
    workers: { type: 'string', value: 'N', help: 'worker threads (default: the number of cores)' },
    out: { type: 'string', value: 'FILE', help: 'write the JSON lines to FILE instead of stdout' },
    quiet: sharedOptions.quiet,
  },
  notes: [
    'In a Kubernetes Indexed Job each pod runs shard JOB_COMPLETION_INDEX of --shards (see examples/sweep-job).',
    'Exit status 1 when any run failed (its line has ok: false and the error).',
  ],
};

export const mergeSpec: CommandSpec = {
  name: 'merge',
  usage: 'portflow merge <runs.jsonl>... [--json]',
  summary: 'Reads the JSON lines of sweep shards and prints per scenario each metric over the seeds: mean ± 95 % CI, p50, p95.',
  options: { json: { type: 'boolean', help: 'print the summaries as JSON' } },
  notes: ['Duplicate (file, seed) runs are counted once; failed runs are listed.'],
};

export interface SweepLine {
  readonly file: string;
  readonly seed: number;
  readonly ok: boolean;
  readonly wallMs?: number;
  readonly metrics?: ScalarMetrics;
  readonly error?: string;
}

export async function sweepCommand(p: Parsed, io: Io, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  if (p.positionals.length === 0) throw new UsageError('needs at least one scenario file');
  const seeds = seedList(stringOption(p, 'seeds') ?? '1..10');
  const shard = parseShard(stringOption(p, 'shard'), stringOption(p, 'shards'), env);
  const from = timeOption(p, 'from'), to = timeOption(p, 'to');
  const window = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const all = p.positionals.flatMap((file) => seeds.map((seed) => ({ file, seed })));
  const mine = shardJobs(all.length, shard).map((k) => all[k]!);
  const docs = new Map<string, Record<string, unknown>>();
  for (const { file } of mine) if (!docs.has(file)) docs.set(file, await readDocument(file));
  const jobs = mine.map(({ file, seed }) => ({ scenario: docs.get(file)!, path: file, seed, ...window }));
  const outcomes = await replicate(jobs, { workers: intOption(p, 'workers', availableParallelism()), progress: io.errIsTTY && !p.values.quiet }, io);
  const lines = outcomes.map((o, k): SweepLine => {
    const { file, seed } = mine[k]!;
    return o.ok ? { file, seed, ok: true, wallMs: Math.round(o.wallMs), metrics: scalarMetrics(o.metrics) } : { file, seed, ok: false, error: o.error };
  });
  const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
  const outFile = stringOption(p, 'out');
  if (outFile !== undefined) await writeFile(outFile, text);
  else io.out(text);
  io.err(`shard ${shard.index}/${shard.count}: ${lines.length} of ${all.length} runs, ${lines.filter((l) => !l.ok).length} failed\n`);
  return lines.every((l) => l.ok) ? 0 : 1;
}

export async function mergeCommand(p: Parsed, io: Io): Promise<number> {
  if (p.positionals.length === 0) throw new UsageError('needs at least one JSON lines file from portflow sweep');
  const runs = new Map<string, Map<number, SweepLine>>();
  const failed: SweepLine[] = [];
  for (const path of p.positionals) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new InputError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    for (const [k, raw] of text.split('\n').entries()) {
      if (raw.trim() === '') continue;
      let line: SweepLine;
      try {
        line = JSON.parse(raw) as SweepLine;
      } catch {
        throw new InputError(`${path}:${k + 1}: is not a JSON line`);
      }
      if (typeof line.file !== 'string' || typeof line.seed !== 'number' || typeof line.ok !== 'boolean') throw new InputError(`${path}:${k + 1}: needs { file, seed, ok } (a line of portflow sweep)`);
      if (!line.ok) {
        failed.push(line);
        continue;
      }
      const byFile = runs.get(line.file) ?? new Map<number, SweepLine>();
      byFile.set(line.seed, line);
      runs.set(line.file, byFile);
    }
  }
  const summaries: Record<string, { seeds: number[]; metrics: Record<string, ReplicationSummary> }> = {};
  for (const [file, bySeed] of runs) {
    summaries[file] = { seeds: [...bySeed.keys()].sort((a, b) => a - b), metrics: aggregate([...bySeed.values()].map((l) => l.metrics ?? {})) };
  }
  if (p.values.json) io.out(JSON.stringify({ scenarios: summaries, failed }, null, 2) + '\n');
  else {
    const f = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : '-');
    for (const [file, s] of Object.entries(summaries)) {
      const rows = Object.entries(s.metrics).map(([name, m]) => [name, m.n, `${f(m.mean)} ± ${f(m.ci95)}`, f(m.p50), f(m.p95)]);
      io.out(table(`${file} (${s.seeds.length} seeds)`, ['metric', 'n', 'mean ± 95 % CI', 'p50', 'p95'], rows) + '\n');
    }
    for (const l of failed) io.out(`failed: ${l.file} seed ${l.seed}: ${l.error ?? ''}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
