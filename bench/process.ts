// `pnpm bench` (second part): the process-heavy workload P1 (see process-workloads.ts), three
// simulated hours, timed after the navigation fields are built. Adds a "P1" record to
// bench/results/engine.json and prints the port figures.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPortSimulation } from '@portflow/core';
import type { EngineRecord } from './engine.js';
import { printTable, writeRecords } from './engine.js';
import { p1Navigation, p1Spec } from './process-workloads.js';

const HOURS = Number(process.env.P1_HOURS ?? 3);

export interface ProcessRecord extends EngineRecord {
  simulatedSeconds: number;
  setupSeconds: number;
  wallSeconds: number;
  peakAgentsInSystem: number;
  peakHeapBytes: number;
  clearedPerHour: number[];
  meanWait: number;
  p95Wait: number;
  utilisation: number;
}

export function runP1(hours = HOURS): ProcessRecord {
  const t0 = performance.now();
  const sim = createPortSimulation(p1Spec(hours), { seed: 1, navigation: p1Navigation });
  const fields = sim.prepareNavigation();
  const setupSeconds = (performance.now() - t0) / 1000;
  const end = hours * 3600;
  const times: number[] = [];
  let peakAgents = 0;
  let peakHeap = 0;
  let agentSteps = 0;
  const wall0 = performance.now();
  let nextReport = 600;
  while (sim.time + sim.dt <= end + 1e-6) {
    const s0 = performance.now();
    sim.step();
    times.push(performance.now() - s0);
    const walking = sim.levels.reduce((a, l) => a + l.agents.count, 0);
    agentSteps += walking;
    if (sim.inSystem > peakAgents) peakAgents = sim.inSystem;
    if (sim.time >= nextReport) {
      nextReport += 600;
      const heap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      if (heap > peakHeap) peakHeap = heap;
      process.stderr.write(`  P1 ${(sim.time / 60).toFixed(0)} min: ${sim.inSystem} in the port, ${walking} walking, ${sim.exited} cleared\n`);
    }
  }
  const wallSeconds = (performance.now() - wall0) / 1000;
  const m = sim.metrics();
  const gates = m.stages.find((s) => s.id === 'e-gates')!;
  const sorted = [...times].sort((a, b) => a - b);
  process.stderr.write(`  (${fields} navigation fields built in ${setupSeconds.toFixed(1)} s)\n`);
  return {
    workload: 'P1',
    agents: peakAgents,
    steps: times.length,
    dt: sim.dt,
    agentStepsPerSecond: agentSteps / wallSeconds,
    msPerStep: { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]! },
    heapBytesPerAgent: peakHeap / Math.max(1, peakAgents),
    simSecondsPerWallSecond: end / wallSeconds,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    simulatedSeconds: end,
    setupSeconds,
    wallSeconds,
    peakAgentsInSystem: peakAgents,
    peakHeapBytes: peakHeap,
    clearedPerHour: m.hourly.map((h) => h.exited),
    meanWait: gates.waits!.mean,
    p95Wait: gates.waits!.p95,
    utilisation: gates.utilisation!,
  };
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
