// `pnpm soak`: every baseline in scenarios/ walked for its whole operating day (from its first
// arrivals to midnight), checking every simulated minute that no number is NaN, every agent and
// every queued traveller is inside the walkable area, the census of travellers matches
// spawned - exited and that nobody has been in the port over 2 hours (stuck); and every simulated
// hour, after a full collection, the heap in use: over a whole day the part outside the
// navigation fields (which `fieldMemory` caps) must come back down (heapFlat). One line per
// scenario; exit code 1 on any violation.
//   pnpm soak [-- --only luohu] [--hours N] [--checkpoint DIR]
// --hours caps the simulated time per scenario. --checkpoint saves each run every simulated hour
// (a snapshot of the simulation and the checks so far, DIR/<port>-<scenario>.snapshot) and,
// when that file is there, carries on from it: a Lo Wu day takes longer than many sittings
// have. A checkpoint is only taken up by the same engine: the sources of @portflow/core and
// @portflow/scenario and the scenario file must be as they were when it was written.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PortSimulation } from '@portflow/core';
import { formatTimeOfDay } from '@portflow/core';
import type { Tallies } from './soak-checkpoint.js';
import { daySimulation, engineOf, formatStays, mib, readCheckpoint, writeCheckpoint } from './soak-checkpoint.js';
import { collectGarbage, heapUsed } from './engine.js';

const BASELINES = ['scenarios/wenjindu/baseline.json', 'scenarios/liantang/baseline.json', 'scenarios/luohu/baseline.json'];
const { values } = parseArgs({ options: { only: { type: 'string' }, hours: { type: 'string' }, checkpoint: { type: 'string' } } });
// Relative to where pnpm was run (INIT_CWD), not to bench/ where the script runs.
const checkpointDir = values.checkpoint && path.resolve(process.env.INIT_CWD ?? process.cwd(), values.checkpoint);
if (checkpointDir) fs.mkdirSync(checkpointDir, { recursive: true });
/**
 * Anyone in the port this long is stuck: a journey through these ports takes 10-25 minutes
 * walking and waiting (the README's runs), and ports.md 7.9's worst queues add about half an hour.
 */
const STUCK_AFTER = 2 * 3600;
/**
 * Heap use stays flat: the navigation fields are capped by `fieldMemory`, and the rest of the
 * heap must come back down after the peak. At the end of the day it may exceed its first
 * hour's by a quarter and 16 MiB: what a day legitimately leaves behind is the capacity grown
 * for the peak (agent and traveller arrays, a few MiB at Lo Wu's 16,000), not anything per
 * traveller served (Wenjindu: 25 MiB after the first hour, 26 MiB at midnight).
 */
function heapFlat(first: number, last: number): boolean {
  return last <= 1.25 * first + 16 * 2 ** 20;
}
let failures = 0;

/**
 * Puts the simulation into the checkpoint's state; returns the tallies to carry on with. A
 * function of its own so that the checkpoint (as big as the simulation: the restore copies it)
 * is garbage once it returns, not held by a variable of the soak's loop: a Wenjindu day carried
 * on from 10:00, with restored fields already copying their values, read 25 / 64 / 29 MiB
 * outside the fields (first / most / last) with the checkpoint read in the loop, 25 / 25 / 24 so.
 */
function resume(sim: PortSimulation, file: string): Tallies {
  const saved = readCheckpoint(file);
  sim.restore(saved.snapshot);
  // fieldHeap: absent from checkpoints written before the heap was judged (same engine, older soak).
  return { ...saved.tallies, fieldHeap: saved.tallies.fieldHeap ?? [], resumedAt: [...saved.tallies.resumedAt, sim.time] };
}

for (const file of BASELINES.filter((f) => !values.only || f.includes(values.only))) {
  // From the first arrivals of the day to midnight.
  const sim = await daySimulation(file);
  const end = Math.min(24 * 3600, values.hours ? sim.start + Number(values.hours) * 3600 : Infinity);
  const wall0 = performance.now();
  let t: Tallies = { checks: 0, nan: 0, outside: 0, queuedOutside: 0, censusOff: 0, peak: 0, stuck: 0, longest: 0, heap: [], fieldHeap: [], wall: 0, resumedAt: [] };
  const checkpointFile = checkpointDir && path.join(checkpointDir, file.replace(/^scenarios\//, '').replace(/\//g, '-').replace(/\.json$/, '.snapshot'));
  const engine = checkpointFile ? engineOf(file) : '';
  if (checkpointFile && fs.existsSync(checkpointFile)) {
    t = resume(sim, checkpointFile);
    process.stderr.write(`  ${file}: carried on from ${formatTimeOfDay(sim.time)} (${checkpointFile}, ${t.wall.toFixed(0)} s in earlier sittings)\n`);
  }
  const wallSoFar = (): number => t.wall + (performance.now() - wall0) / 1000;
  const faults = (): number => t.nan + t.outside + t.queuedOutside + t.censusOff + t.stuck;
  const faultCounts = (): string => `NaN ${t.nan}, outside ${t.outside}, queued outside ${t.queuedOutside}, census off ${t.censusOff}`;
  const heap = t.heap;
  while (sim.time + sim.dt <= end + 1e-6) {
    const minute = sim.time + 60;
    while (sim.time + sim.dt <= Math.min(minute, end) + 1e-6) sim.step();
    t.checks++;
    sim.levels.forEach((level, l) => {
      const a = level.agents;
      for (let s = 0; s < a.highWater; s++) {
        if (!a.active[s]) continue;
        if (!Number.isFinite(a.x[s]!) || !Number.isFinite(a.y[s]!) || !Number.isFinite(a.vx[s]!) || !Number.isFinite(a.vy[s]!)) t.nan++;
        else if (!level.geometry.contains(a.x[s]!, a.y[s]!)) t.outside++;
      }
      sim.forEachQueued(l, (x, y) => {
        if (!level.geometry.contains(x, y)) t.queuedOutside++;
      });
    });
    const c = sim.census();
    if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) t.censusOff++;
    t.peak = Math.max(t.peak, sim.inSystem);
    const stay = sim.longestInSystem();
    t.longest = Math.max(t.longest, stay);
    if (stay > STUCK_AFTER && t.stuck++ === 0) {
      process.stderr.write(`  ${file} ${formatTimeOfDay(sim.time)}: in the port over ${STUCK_AFTER / 3600} h, the longest first:\n${formatStays(sim.longestStays(10).filter((s) => s.stay > STUCK_AFTER))}\n`);
    }
    if (t.checks % 60 === 0) {
      heap.push(heapUsed());
      t.fieldHeap.push(sim.levels.reduce((sum, level) => sum + level.navigation.memory().bytes, 0));
      // Progress on stderr, one line per simulated hour, with the checks so far: a run stopped
      // part way still tells how far it was clean.
      process.stderr.write(
        `  ${file} ${formatTimeOfDay(sim.time)}: ${sim.inSystem} in the port, ${sim.exited} cleared, longest in it now ${formatTimeOfDay(stay)}, heap ${mib(heap[heap.length - 1]!)} (fields ${mib(t.fieldHeap[t.fieldHeap.length - 1]!)}), ${wallSoFar().toFixed(0)} s; ` +
          `checks so far ${faults() === 0 ? 'clean' : `FAILED (${faultCounts()}; minutes with someone over ${STUCK_AFTER / 3600} h ${t.stuck})`}\n`,
      );
      if (checkpointFile) writeCheckpoint(checkpointFile, { engine, file, tallies: { ...t, wall: wallSoFar() }, snapshot: sim.snapshot() });
    }
  }
  // Judged on whole days only (a run cut short by --hours may end at the peak), with every
  // hourly reading taken after a collection and split into fields and the rest.
  const unjudged =
    collectGarbage === undefined ? 'run with node --expose-gc'
    : end < 24 * 3600 ? 'judged on whole days only'
    : heap.length === 0 || t.fieldHeap.length !== heap.length ? 'some hours were read by an older soak'
    : undefined;
  const heapChecked = unjudged === undefined;
  const rest = heap.map((h, k) => h - t.fieldHeap[k]!);
  const heapOk = !heapChecked || heapFlat(rest[0]!, rest[rest.length - 1]!);
  const bad = faults() + (heapOk ? 0 : 1);
  failures += bad;
  const hours = (sim.time - sim.start) / 3600;
  const sittings = t.resumedAt.length > 0 ? ` (carried on from checkpoints at ${t.resumedAt.map(formatTimeOfDay).join(', ')}; heap figures are of the sitting that measured them)` : '';
  console.log(
    `${file}: ${hours.toFixed(1)} h simulated in ${wallSoFar().toFixed(0)} s${sittings}; ${t.checks} minute checks; ` +
      `spawned ${sim.spawned}, exited ${sim.exited}, peak in port ${t.peak}; ${faultCounts()}; ` +
      `longest in port ${formatTimeOfDay(t.longest)}, minutes with someone in it over ${STUCK_AFTER / 3600} h ${t.stuck}; ` +
      `heap hourly ${heap.length > 0 ? `${mib(heap[0]!)} first, ${mib(Math.max(...heap))} max, ${mib(heap[heap.length - 1]!)} last` : 'n/a'}` +
      (heapChecked
        ? `, outside the navigation fields ${mib(rest[0]!)} first, ${mib(Math.max(...rest))} max, ${mib(rest[rest.length - 1]!)} last (${heapOk ? 'flat' : 'NOT flat'})`
        : `, flatness not judged (${unjudged})`) +
      ` — ${bad === 0 ? 'ok' : 'FAILED'}`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
