// `portflow run`: one scenario, one seed, on this thread; a progress bar on stderr, the summary
// on stdout, optionally the results JSON and CSV files.
import { createScenarioSimulation } from '@portflow/scenario';
import type { PortSimulation } from '@portflow/core';
import { describeStay, toSeconds } from '@portflow/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandSpec, Parsed } from './args.js';
import { seedValue, sharedOptions, stringOption, timeOption } from './args.js';
import { UsageError } from './cli-error.js';
import type { Io } from './io.js';
import { clock, duration, progressBar } from './format.js';
import { loadRun } from './load.js';
import { summaryCsv, summaryText } from './summary.js';
import { RESULTS_VERSION } from './results.js';

export const runSpec: CommandSpec = {
  name: 'run',
  usage: 'portflow run <scenario.json> [--seed N] [--from HH:MM --to HH:MM] [--out results.json] [--csv dir]',
  summary: 'Runs a scenario once and prints per-stage waits, utilisation and queues, hourly throughput, journey times, counting-line flows and traveller counts.',
  options: {
    seed: { type: 'string', value: 'N', help: "seed of the run (default: the scenario's run.seed, else 1)" },
    from: { type: 'string', value: 'HH:MM', help: "start of the run instead of the scenario's run.start" },
    to: { type: 'string', value: 'HH:MM', help: "end of the run instead of the scenario's run.end" },
    out: { type: 'string', value: 'FILE', help: 'write the results JSON (settings, wall time, all metrics) to FILE' },
    csv: { type: 'string', value: 'DIR', help: 'write stages.csv, hourly.csv, journeys.csv, flows.csv, conservation.csv, queues.csv to DIR' },
    quiet: sharedOptions.quiet,
  },
  notes: [
    'The progress bar is drawn only when stderr is a terminal.',
    'A warning on stderr names the travellers still in the port over 2 h at the end (a line that never clears, or walkers locked together).',
    'Example: pnpm portflow run scenarios/verification/queue-mm3.json --seed 3 --to 06:00'],
};

export async function runCommand(p: Parsed, io: Io): Promise<number> {
  if (p.positionals.length !== 1) throw new UsageError(`needs one scenario file, got ${p.positionals.length}`);
  const path = p.positionals[0]!;
  const from = timeOption(p, 'from'), to = timeOption(p, 'to');
  const seedText = stringOption(p, 'seed');
  const scenario = await loadRun(path, { from, to });
  const seed = seedText !== undefined ? seedValue(seedText) : (scenario.run.seed ?? 1);

  const t0 = performance.now();
  const sim = createScenarioSimulation(scenario, { seed });
  const end = toSeconds(scenario.run.end);
  const span = end - sim.start;
  const bar = io.errIsTTY && !p.values.quiet;
  sim.runUntil(end, bar ? (t) => io.err(`\r${progressBar((t - sim.start) / span, `${clock(t)} / ${clock(end)}  ${sim.inSystem} in system`)}`) : undefined);
  if (bar) io.err(`\r${' '.repeat(80)}\r`);
  const wallSeconds = (performance.now() - t0) / 1000;
  const metrics = sim.metrics();

  io.out(`${scenario.name ?? path} — seed ${seed}, ${clock(sim.start)}-${clock(end)}, ${scenario.run.walking === false ? 'queueing only' : 'walking'}, ${wallSeconds.toFixed(2)} s wall\n\n`);
  io.out(summaryText(metrics));
  const longest = sim.longestInSystem();
  io.out(`\nLongest in the port at ${clock(end)}: ${duration(longest)}\n`);
  if (longest > LONG_STAY) warnLongStays(sim, end, io);

  const outFile = stringOption(p, 'out');
  if (outFile !== undefined) {
    const results = { version: RESULTS_VERSION, scenario: { file: path, name: scenario.name ?? null }, seed, from: clock(sim.start), to: clock(end), walking: sim.walking, dt: sim.dt, wallSeconds, metrics };
    await writeFile(outFile, JSON.stringify(results, null, 2) + '\n');
    io.err(`wrote ${outFile}\n`);
  }
  const csvDir = stringOption(p, 'csv');
  if (csvDir !== undefined) {
    await mkdir(csvDir, { recursive: true });
    for (const [name, text] of Object.entries(summaryCsv(metrics))) await writeFile(join(csvDir, name), text);
    io.err(`wrote CSV files to ${csvDir}\n`);
  }
  return metrics.spawned === metrics.inSystem + metrics.exited ? 0 : 1;
}

/** In the port this long at the end of a run is worth a warning (the soak's limit too). */
const LONG_STAY = 2 * 3600;

/**
 * Nobody should still be in the port hours after arriving: a line that never clears (demand
 * over capacity), or walkers locked together — the walking model parts two people in each
 * other's way, not a knot of many, and such a knot holds for ever. Called when the longest
 * stay is over LONG_STAY (sorting everyone in the port only then); names the longest five.
 */
function warnLongStays(sim: PortSimulation, end: number, io: Io): void {
  const over = sim.longestStays(sim.inSystem).filter((s) => s.stay > LONG_STAY);
  const lines = over.slice(0, 5).map((s) => `  ${duration(s.stay)}  ${describeStay(s)}\n`);
  io.err(`warning: ${over.length} traveller(s) in the port over ${LONG_STAY / 3600} h at ${clock(end)} (a line that never clears, or walkers locked together); the longest:\n${lines.join('')}`);
}
