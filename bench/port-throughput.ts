// `pnpm bench` (ports part): runs every scenario under scenarios/ once and reports travellers
// cleared per hour at the peak, waits, wall time and simulated seconds per wall second; then
// measures how replications scale from 1 to 2 worker threads. Writes bench/results/ports.json.
// Benchmarks only: never part of `pnpm test`.
//   pnpm --filter @portflow/bench bench:ports [--max-minutes 60] [--only luohu] [--seeds 12]
//                                             [--part table|scaling]
// Walking runs are cut to --max-minutes from run.start (default 60: every scenario file's window
// is its peak hour); with under an hour simulated, the peak rate is the run's exits scaled to an
// hour. --part runs only the table or only the scaling measurement (run that on a quiet machine).
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { formatTimeOfDay, toSeconds } from '@portflow/core';
import type { PortMetrics } from '@portflow/core';
import { createScenarioSimulation } from '@portflow/scenario';
import { loadScenarioFile } from '@portflow/scenario/node';
import { createNodePool, jobsFor } from '@portflow/worker/node';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const resultsFile = join(here, 'results', 'ports.json');
const { values } = parseArgs({ options: { 'max-minutes': { type: 'string' }, seeds: { type: 'string' }, only: { type: 'string' }, part: { type: 'string' } } });
/** Walking runs are cut to this many simulated minutes from run.start (queueing-only runs go to run.end). */
const maxMinutes = Number(values['max-minutes'] ?? 60);
const part = values.part ?? 'all';
if (!['all', 'table', 'scaling'].includes(part)) throw new Error(`--part must be table or scaling, got ${part}`);
// 12 replications: with fewer, the workers' start-up (a few hundred ms each) weighs on the ratio.
const scalingSeeds = Number(values.seeds ?? 12);

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? scenarioFiles(p) : f.endsWith('.json') ? [p] : [];
  }).sort();
}

interface PortRecord {
  scenario: string;
  walking: boolean;
  window: string;
  spawned: number;
  exited: number;
  /** Most travellers leaving in one clock hour (whole hours run), else the run's rate scaled to an hour. */
  clearedPerHourPeak: number;
  /** Queueing stage with the longest mean wait. */
  worstStage: string | null;
  waitMean: number | null;
  waitP95: number | null;
  journeyTimeMean: number | null;
  wallSeconds: number;
  simSecondsPerWallSecond: number;
}

function peakPerHour(m: PortMetrics): number {
  const span = m.time - m.start;
  const whole = m.hourly.filter((h) => h.hour * 3600 >= m.start && (h.hour + 1) * 3600 <= m.time);
  return whole.length > 0 ? Math.max(...whole.map((h) => h.exited)) : span > 0 ? (m.exited * 3600) / span : 0;
}

const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism() };

/** Every scenario file once: the throughput table. */
async function runTable(): Promise<PortRecord[]> {
  const records: PortRecord[] = [];
  console.log(`portflow port throughput — node ${machine.node}, ${machine.cpu}, ${machine.cores} cores; walking runs cut to ${maxMinutes} simulated min\n`);
  for (const file of scenarioFiles(join(root, 'scenarios')).filter((f) => values.only === undefined || f.includes(values.only))) {
    const name = relative(root, file);
    const loaded = await loadScenarioFile(file);
    if (!loaded.ok) {
      console.log(`${name}: skipped (${loaded.issues.length} issue(s); see portflow validate)`);
      continue;
    }
    const s = loaded.scenario;
    const walking = s.run.walking !== false;
    const start = toSeconds(s.run.start);
    const end = walking ? Math.min(toSeconds(s.run.end), start + 60 * maxMinutes) : toSeconds(s.run.end);
    process.stderr.write(`${name} ${formatTimeOfDay(start)}-${formatTimeOfDay(end)} ...`);
    const t0 = performance.now();
    const sim = createScenarioSimulation(s);
    sim.runUntil(end);
    const wallSeconds = (performance.now() - t0) / 1000;
    const m = sim.metrics();
    process.stderr.write(` ${wallSeconds.toFixed(1)} s\n`);
    const worst = m.stages.filter((st) => st.waits && st.waits.count > 0).sort((a, b) => b.waits!.mean - a.waits!.mean)[0];
    const journeys = m.journeys.filter((j) => j.completed > 0);
    const completed = journeys.reduce((a, j) => a + j.completed, 0);
    records.push({
      scenario: name,
      walking,
      window: `${formatTimeOfDay(start)}-${formatTimeOfDay(end)}`,
      spawned: m.spawned,
      exited: m.exited,
      clearedPerHourPeak: Math.round(peakPerHour(m)),
      worstStage: worst?.id ?? null,
      waitMean: worst?.waits?.mean ?? null,
      waitP95: worst?.waits?.p95 ?? null,
      journeyTimeMean: completed > 0 ? journeys.reduce((a, j) => a + j.completed * j.timeInSystem.mean, 0) / completed : null,
      wallSeconds,
      simSecondsPerWallSecond: (end - start) / wallSeconds,
    });
  }

  const f = (v: number | null, d = 1) => (v === null ? '-' : v.toFixed(d));
  const rows = records.map((r) => [r.scenario, r.walking ? 'walk' : 'queue', r.window, String(r.spawned), String(r.clearedPerHourPeak), r.worstStage ?? '-', f(r.waitMean), f(r.waitP95), f(r.journeyTimeMean), f(r.wallSeconds, 2), f(r.simSecondsPerWallSecond, 0)]);
  const header = ['scenario', 'mode', 'window', 'spawned', 'cleared/h peak', 'worst stage', 'wait mean s', 'wait p95 s', 'journey s', 'wall s', 'sim s/wall s'];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(' | ') + ' |';
  console.log([line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n'));

  return records;
}

/** Replications on 1 and on 2 worker threads, beside what the machine allows. */
async function runScaling(): Promise<Record<string, unknown>> {
  // Scaling: the same replications on 1 and on 2 worker threads (walking hall, first 5 minutes).
  const scalingFile = join(root, 'scenarios/examples/hall-with-e-gates.json');
  const jobs = await jobsFor([scalingFile], Array.from({ length: scalingSeeds }, (_, k) => k + 1), { to: '07:05' });
  const wall: Record<number, number> = {};
  for (const size of [1, 2]) {
    const pool = await createNodePool({ size });
    const t0 = performance.now();
    const outcomes = await pool.run(jobs);
    wall[size] = (performance.now() - t0) / 1000;
    await pool.close();
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) throw new Error(failed.map((o) => (o.ok ? '' : o.error)).join('\n'));
  }
  // What the machine allows: the same pure-CPU loop on 1 and on 2 threads at once (a machine
  // whose two CPUs share one core's quota shows about 1x here, and so will the pool).
  const spin = async (threads: number) => {
    const code = 'let x = 0; for (let i = 0; i < 2e8; i++) x += Math.sqrt(i); require("node:worker_threads").parentPort.postMessage(x);';
    const t0 = performance.now();
    await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true });
      w.once('message', () => void w.terminate().then(resolve));
      w.once('error', reject);
    })));
    return (performance.now() - t0) / 1000;
  };
  const spin1 = await spin(1), spin2 = await spin(2);
  const cpuSpeedup = (2 * spin1) / spin2;
  const scaling = { scenario: relative(root, scalingFile), window: '07:00-07:05', replications: scalingSeeds, wallSeconds1: wall[1]!, wallSeconds2: wall[2]!, speedup: wall[1]! / wall[2]!, cpuLoopSpeedup: cpuSpeedup };
  console.log(`\nreplications (${scalingSeeds} x ${scaling.scenario} ${scaling.window}): 1 worker ${scaling.wallSeconds1.toFixed(2)} s, 2 workers ${scaling.wallSeconds2.toFixed(2)} s, speed-up ${scaling.speedup.toFixed(2)}x (worker start-up included)`);
  console.log(`machine: a pure CPU loop on 2 threads does ${cpuSpeedup.toFixed(2)}x the work of 1 thread in the same time (the ceiling for the pool)`);

  return scaling;
}

// A part run alone keeps the other part of the last results.
let previous: { ports?: PortRecord[]; scaling?: Record<string, unknown> } = {};
try {
  previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as typeof previous;
} catch {
  previous = {};
}
const records = part === 'scaling' ? (previous.ports ?? []) : await runTable();
const scaling = part === 'table' ? (previous.scaling ?? null) : await runScaling();

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify({ date: new Date().toISOString(), machine, maxMinutes, ports: records, scaling }, null, 2) + '\n');
console.log(`\nwritten ${resultsFile}`);
