// `pnpm soak`: every baseline in scenarios/ walked for its whole operating day (from its first
// arrivals to midnight), checking every simulated minute that no number is NaN, every agent and
// every queued traveller is inside the walkable area, the census of travellers matches
// spawned - exited, that nobody has been in the port over 2 hours (stuck), and recording heap
// use. One line per scenario; exit code 1 on any violation.
//   pnpm soak [-- --only luohu] [--hours N]   (--hours caps the simulated time per scenario)
import { parseArgs } from 'node:util';
import { createPortSimulation, formatTimeOfDay } from '@portflow/core';
import { toPortModel } from '@portflow/scenario';
import { loadScenarioFile } from '@portflow/scenario/node';

const BASELINES = ['scenarios/wenjindu/baseline.json', 'scenarios/liantang/baseline.json', 'scenarios/luohu/baseline.json'];
const { values } = parseArgs({ options: { only: { type: 'string' }, hours: { type: 'string' } } });
const root = new URL('../', import.meta.url).pathname;
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
/**
 * Anyone in the port this long is stuck: a journey through these ports takes 10-25 minutes
 * walking and waiting (the README's runs), and ports.md 7.9's worst queues add about half an hour.
 */
const STUCK_AFTER = 2 * 3600;
let failures = 0;

for (const file of BASELINES.filter((f) => !values.only || f.includes(values.only))) {
  const loaded = await loadScenarioFile(root + file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  const model = toPortModel(loaded.scenario);
  // From the first arrivals of the day (the engine's default start) to midnight.
  const { start: _scenarioStart, ...options } = model.options;
  const sim = createPortSimulation(model.spec, options);
  const end = Math.min(24 * 3600, values.hours ? sim.start + Number(values.hours) * 3600 : Infinity);
  const wall0 = performance.now();
  let checks = 0, nan = 0, outside = 0, queuedOutside = 0, censusOff = 0, peak = 0, stuck = 0, longest = 0;
  const faults = (): number => nan + outside + queuedOutside + censusOff + stuck;
  const faultCounts = (): string => `NaN ${nan}, outside ${outside}, queued outside ${queuedOutside}, census off ${censusOff}`;
  const heap: number[] = [];
  while (sim.time + sim.dt <= end + 1e-6) {
    const minute = sim.time + 60;
    while (sim.time + sim.dt <= Math.min(minute, end) + 1e-6) sim.step();
    checks++;
    sim.levels.forEach((level, l) => {
      const a = level.agents;
      for (let s = 0; s < a.highWater; s++) {
        if (!a.active[s]) continue;
        if (!Number.isFinite(a.x[s]!) || !Number.isFinite(a.y[s]!) || !Number.isFinite(a.vx[s]!) || !Number.isFinite(a.vy[s]!)) nan++;
        else if (!level.geometry.contains(a.x[s]!, a.y[s]!)) outside++;
      }
      sim.forEachQueued(l, (x, y) => {
        if (!level.geometry.contains(x, y)) queuedOutside++;
      });
    });
    const c = sim.census();
    if (c.walking + c.queued + c.pending + c.riding !== sim.inSystem) censusOff++;
    peak = Math.max(peak, sim.inSystem);
    const stay = sim.longestInSystem();
    longest = Math.max(longest, stay);
    if (stay > STUCK_AFTER) stuck++;
    if (checks % 60 === 0) {
      heap.push(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
      // Progress on stderr, one line per simulated hour, with the checks so far: a run stopped
      // part way still tells how far it was clean.
      process.stderr.write(
        `  ${file} ${formatTimeOfDay(sim.time)}: ${sim.inSystem} in the port, ${sim.exited} cleared, heap ${mib(heap[heap.length - 1]!)}, ${((performance.now() - wall0) / 1000).toFixed(0)} s; ` +
          `checks so far ${faults() === 0 ? 'clean' : `FAILED (${faultCounts()}; minutes with someone over ${STUCK_AFTER / 3600} h ${stuck})`}\n`,
      );
    }
  }
  const bad = faults();
  failures += bad;
  const hours = (sim.time - sim.start) / 3600;
  console.log(
    `${file}: ${hours.toFixed(1)} h simulated in ${((performance.now() - wall0) / 1000).toFixed(0)} s; ${checks} minute checks; ` +
      `spawned ${sim.spawned}, exited ${sim.exited}, peak in port ${peak}; ${faultCounts()}; ` +
      `longest in port ${formatTimeOfDay(longest)}, minutes with someone in it over ${STUCK_AFTER / 3600} h ${stuck}; ` +
      `heap hourly ${heap.length > 0 ? `${mib(heap[0]!)} first, ${mib(Math.max(...heap))} max, ${mib(heap[heap.length - 1]!)} last` : 'n/a'} — ${bad === 0 ? 'ok' : 'FAILED'}`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
