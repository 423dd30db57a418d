// `pnpm bench` (second part): the process-heavy workload P1 (see process-workloads.ts), three
// simulated hours, timed after the navigation fields are built. Adds a "P1" record to
// bench/results/engine.json and prints the port figures.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EngineRecord } from './engine.js';
import { heapInUse, printTable, writeRecords } from './engine.js';
import type { P1Run } from './process-workloads.js';
import { timeP1 } from './process-workloads.js';

const HOURS = Number(process.env.P1_HOURS ?? 3);

export interface ProcessRecord extends EngineRecord, P1Run {}

/** P1 in this Node process: its heap read every 10 simulated minutes, progress on stderr. */
export function runP1(hours = HOURS): ProcessRecord {
  const r = timeP1(hours, {
    heap: heapInUse,
    progress: (line) => process.stderr.write(`  ${line}\n`),
  });
  return { ...r, node: process.version, cpu: cpus()[0]?.model ?? 'unknown' };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const r = runP1();
  console.log(`\nP1 — 60 m x 40 m hall, 12,000 travellers/h, serpentine, 40 e-gates (lognormal 10 s, CV 0.35), ${HOURS} h simulated\n`);
  printTable([r]);
  console.log(`\n  simulated ${r.simulatedSeconds} s in ${r.wallSeconds.toFixed(1)} s wall after ${r.setupSeconds.toFixed(1)} s set-up: ${r.simSecondsPerWallSecond.toFixed(0)}x real time`);
  console.log(`  peak travellers in the port ${r.peakAgentsInSystem}; peak heap ${(r.peakHeapBytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  cleared per hour ${r.clearedPerHour.join(', ')}; e-gate wait mean ${r.meanWait.toFixed(1)} s, p95 ${r.p95Wait.toFixed(1)} s; utilisation ${r.utilisation.toFixed(3)}`);
  writeRecords([r]);
}
