import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { portflow, repoRoot } from './test-support.js';

async function inProcess(args: readonly string[]) {
  let stdout = '', stderr = '';
  const code = await main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), errIsTTY: false });
  return { code, stdout, stderr };
}

const mm3 = 'scenarios/verification/queue-mm3.json';
const corridor = 'scenarios/verification/rimea-01-corridor.json';
let dir: string;
let mm4: string;
let mm1: string;
let broken: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portflow-cli-'));
  // A variant with a fourth gate, and a variant with three mistakes (one in a nested field).
  mm4 = join(dir, 'mm4.json');
  await writeFile(mm4, JSON.stringify({ version: 1, extends: join(repoRoot, mm3), name: 'M/M/4', stages: [{ id: 'e-gates', servers: [{ at: [0, 0], repeat: { count: 4, step: [1, 0] } }] }] }));
  mm1 = join(dir, 'mm1.json');
  await writeFile(mm1, JSON.stringify({ version: 1, extends: join(repoRoot, mm3), name: 'M/M/1 overloaded', stages: [{ id: 'e-gates', servers: [{ at: [0, 0], repeat: { count: 1, step: [1, 0] } }] }] }));
  broken = join(dir, 'broken.json');
  await writeFile(broken, JSON.stringify({ version: 1, extends: join(repoRoot, mm3), run: { start: '25:99' }, stages: [{ id: 'e-gates', servers: [], serviceTime: { kind: 'exponentail', mean: 30 } }] }));
});

/** No stack trace reaches the user for their mistakes. */
function noStack(text: string) {
  expect(text).not.toMatch(/\n\s+at /);
}

describe('portflow', () => {
  it('prints help for itself and every command, and exits 2 on an unknown command', async () => {
    const main = await portflow(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^Usage: portflow <command>/);
    // The commands' help in-process (same code path as the executable, minus 5 process starts).
    for (const command of ['validate', 'run', 'compare', 'sweep', 'merge']) {
      const r = await inProcess([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toContain(`Usage: portflow ${command}`);
      expect(r.stdout).toContain('--help');
    }
    const unknown = await portflow(['simulate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'simulate'");
  });

  it('reports usage mistakes with exit 2 and no stack trace', async () => {
    const r = await portflow(['run', mm3, '--sed', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("portflow run: Unknown option '--sed'");
    noStack(r.stderr);
    const to = await portflow(['run', mm3, '--to', '7pm']);
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('--to 7pm: needs a time of day HH:MM');
  });
});

describe('portflow validate', () => {
  it('accepts every scenario in the repository', async () => {
    const files = [];
    for (const sub of ['verification', 'examples']) for (const f of await readdir(join(repoRoot, 'scenarios', sub))) if (f.endsWith('.json')) files.push(`scenarios/${sub}/${f}`);
    const r = await portflow(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of files) expect(r.stdout).toContain(`${f}: valid`);
  });

  it('prints every issue with its JSON path and exits 1', async () => {
    const r = await portflow(['validate', broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${broken}: run.start: "25:99", needs a time of day`);
    expect(r.stdout).toContain(`${broken}: stages[0].servers: [], needs at least 1 item`);
    expect(r.stdout).toContain(`${broken}: stages[0].serviceTime:`);
    expect(r.stdout).toMatch(/issue\(s\)\n$/);
  });

  it('names a missing file and exits 1', async () => {
    const r = await portflow(['validate', 'no-such.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cannot be read');
    noStack(r.stdout + r.stderr);
  });
});

describe('portflow run', () => {
  it('prints the summary and writes the results JSON and CSV files', async () => {
    const out = join(dir, 'results.json');
    const csvDir = join(dir, 'csv');
    const r = await portflow(['run', mm3, '--seed', '3', '--to', '03:00', '--out', out, '--csv', csvDir]);
    expect(r.code).toBe(0);
    for (const title of ['Stages', 'Throughput per hour', 'Journey times', 'Travellers']) expect(r.stdout).toContain(title);
    expect(r.stdout).toMatch(/e-gates\s+service\s+\d+\s+\d+/);
    expect(r.stdout).toContain('02:00-03:00');
    expect(r.stdout).toMatch(/Longest in the port at 03:00: \d+:\d\d\n/);
    expect(r.stderr).not.toContain('warning');
    const results = JSON.parse(await readFile(out, 'utf8'));
    expect(results).toMatchObject({ version: 1, scenario: { file: mm3 }, seed: 3, from: '00:00', to: '03:00', walking: false });
    const m = results.metrics;
    expect(m.spawned).toBe(m.inSystem + m.exited);
    // M/M/3 at utilisation 0.83: about 900 arrivals in 3 h, gates busy 70-95 % of the time.
    expect(m.spawned).toBeGreaterThan(800);
    expect(m.stages[0].utilisation).toBeGreaterThan(0.7);
    expect((await readdir(csvDir)).sort()).toEqual(['conservation.csv', 'hourly.csv', 'journeys.csv', 'queues.csv', 'stages.csv']);
    expect(await readFile(join(csvDir, 'hourly.csv'), 'utf8')).toMatch(/^hour,arrived,exited\n0,\d+,\d+\n1,/);
  });

  it('warns of travellers in the port over 2 hours at the end, and names them', async () => {
    // One gate instead of three at 5 arrivals a minute and 30 s each (utilisation 2.5): by
    // 05:00 about 600 are served, so the head of the line arrived near 02:00 (3 h before) and
    // everyone who came in the hour after it is still there, over 2 h later (~300).
    const r = await inProcess(['run', mm1, '--to', '05:00']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: \d+ traveller\(s\) in the port over 2 h at 05:00/m);
    expect(r.stderr).toMatch(/\n {2}[23]:\d\d:\d\d {2}e-gates: in the line\n/);
    const [, count] = /warning: (\d+) /.exec(r.stderr)!;
    expect(Number(count)).toBeGreaterThan(100);
  });

  it('runs a walking scenario with counting lines for a short window', async () => {
    const ok = await portflow(['run', corridor, '--to', '00:00:40']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Counting lines');
    expect(ok.stdout).toMatch(/conserved[\s\S]*yes/);
  });

  it('lists the issues of an invalid scenario and exits 1', async () => {
    const r = await portflow(['run', broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid scenario');
    expect(r.stderr).toContain('stages[0].servers: [], needs at least 1 item');
    noStack(r.stderr);
  });
});

describe('portflow compare', () => {
  it('runs both scenarios over the seeds in workers and reports differences with intervals', async () => {
    const r = await portflow(['compare', mm3, mm4, '--seeds', '4', '--to', '02:00', '--workers', '2', '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.seeds).toEqual([1, 2, 3, 4]);
    const wait = c.metrics['e-gates.waits.mean'];
    expect(wait.a.n).toBe(4);
    // A fourth gate cuts the mean wait (Erlang C: 42 s to about 7 s) and uses the same arrivals.
    expect(wait.delta).toBeLessThan(0);
    expect(c.metrics.spawned.delta).toBe(0);
    const table = await portflow(['compare', mm3, mm4, '--seeds', '3', '--to', '01:00', '--workers', '1']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/e-gates\.waits\.mean\s+[\d.]+ ± [\d.]+\s+[\d.]+ ± [\d.]+\s+-[\d.]+ ± [\d.]+/);
  });
});

describe('portflow sweep and merge', () => {
  it('splits files x seeds into disjoint shards that cover every run, and merges them', async () => {
    const args = ['sweep', mm3, mm4, '--seeds', '1..4', '--to', '01:00', '--workers', '1'];
    const shards = await Promise.all([
      portflow([...args, '--shard', '0/3']),
      portflow([...args, '--shards', '3'], { JOB_COMPLETION_INDEX: '1' }),
      portflow(args, { JOB_COMPLETION_INDEX: '2', PORTFLOW_SHARDS: '3' }),
    ]);
    const runs = shards.flatMap((s) => s.stdout.trim().split('\n').map((l) => JSON.parse(l)));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    const keys = runs.map((l) => `${l.file === mm3 ? 'a' : 'b'}${l.seed}`).sort();
    expect(keys).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4']);
    expect(runs.every((l) => l.ok && l.metrics['e-gates.served'] > 0)).toBe(true);

    const files = await Promise.all(shards.map(async (s, k) => {
      const f = join(dir, `shard-${k}.jsonl`);
      await writeFile(f, s.stdout);
      return f;
    }));
    const merged = await portflow(['merge', ...files, '--json']);
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.stdout);
    expect(m.scenarios[mm3].seeds).toEqual([1, 2, 3, 4]);
    expect(m.scenarios[mm4].metrics['e-gates.waits.mean'].n).toBe(4);
    const missing = await portflow(['sweep', mm3, '--shards', '2']);
    expect(missing.code).toBe(2);
  });
});
