// `pnpm bench`: times the engine workloads W1 and W2 (see workloads.ts), prints a table and
// writes bench/results/engine.json. Benchmarks only: never part of `pnpm test`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepTiming, Workload } from './workloads.js';
import { bidirectionalCorridor, circleSwap, timeSteps } from './workloads.js';

export interface EngineRecord extends StepTiming {
  heapBytesPerAgent: number;
  node: string;
  cpu: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const resultsFile = join(here, 'results', 'engine.json');

/** A full collection, when node runs with --expose-gc (as `pnpm bench` and `pnpm soak` run it). */
export const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Heap and array buffers in use now. */
export function heapInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Heap and array buffers in use, after a full collection when collectGarbage is there. */
export function heapUsed(): number {
  collectGarbage?.();
  return heapInUse();
}

export function measure(make: () => Workload): EngineRecord {
  const before = heapUsed();
  const w = make();
  const heapBytesPerAgent = Math.max(0, heapUsed() - before) / w.agents;
  return { ...timeSteps(w), heapBytesPerAgent, node: process.version, cpu: cpus()[0]?.model ?? 'unknown' };
}

export function writeRecords(records: EngineRecord[]): void {
  mkdirSync(dirname(resultsFile), { recursive: true });
  let kept: EngineRecord[] = [];
  try {
    // Keep records of other workloads (P1 is written by the process benchmark). A workload is W1
    // or W2 at a given size, or P1 (whose `agents` is the peak it reached, not a setting).
    const key = (r: EngineRecord): string => (r.workload === 'P1' ? r.workload : `${r.workload}/${r.agents}`);
    const names = new Set(records.map(key));
    kept = (JSON.parse(readFileSync(resultsFile, 'utf8')) as EngineRecord[]).filter((r) => !names.has(key(r)));
  } catch {
    kept = [];
  }
  writeFileSync(resultsFile, JSON.stringify([...kept, ...records], null, 2) + '\n');
}

export function printTable(records: EngineRecord[]): void {
  const rows = records.map((r) => [
    r.workload, String(r.agents), String(r.steps), r.dt.toFixed(3),
    (r.agentStepsPerSecond / 1e6).toFixed(2), r.msPerStep.median.toFixed(2), r.msPerStep.p95.toFixed(2),
    r.simSecondsPerWallSecond.toFixed(1), Math.round(r.heapBytesPerAgent).toString(),
  ]);
  const head = ['workload', 'agents', 'steps', 'dt s', 'M agent-steps/s', 'ms/step p50', 'ms/step p95', 'sim s/wall s', 'heap B/agent'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padStart(widths[i]!)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const only = process.argv[2];
  const plan: (() => Workload)[] = [
    () => circleSwap(1_000),
    () => circleSwap(10_000),
    () => circleSwap(50_000),
    () => bidirectionalCorridor(2_000),
    () => bidirectionalCorridor(20_000),
  ];
  const records: EngineRecord[] = [];
  for (const make of plan) {
    const r = measure(make);
    if (only && r.workload !== only) continue;
    records.push(r);
    process.stderr.write(`${r.workload} ${r.agents}: ${(r.agentStepsPerSecond / 1e6).toFixed(2)} M agent-steps/s\n`);
  }
  console.log(`portflow engine benchmark — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread\n`);
  printTable(records);
  writeRecords(records);
  console.log(`\nwritten ${resultsFile}`);
}
