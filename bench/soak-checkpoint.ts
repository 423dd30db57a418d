// What the soak (soak.ts) and the checkpoint inspector (soak-inspect.ts) share: building a
// baseline's whole-day simulation from its scenario file, and reading and writing checkpoints.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import v8 from 'node:v8';
import type { PortSimulation, PortSimulationSnapshot, TravellerStay } from '@portflow/core';
import { createPortSimulation, describeStay, formatTimeOfDay } from '@portflow/core';
import { toPortModel } from '@portflow/scenario';
import { loadScenarioFile } from '@portflow/scenario/node';

export const root = new URL('../', import.meta.url).pathname;

/** The soak's own tallies, kept in a checkpoint beside the simulation's snapshot. */
export interface Tallies {
  checks: number; nan: number; outside: number; queuedOutside: number; censusOff: number;
  peak: number; stuck: number; longest: number;
  /** Hourly (after a full collection when node runs with --expose-gc): heap and array buffers in use, and of that the navigation fields held. */
  heap: number[];
  fieldHeap: number[];
  /** Wall-clock seconds of the earlier sittings. */
  wall: number;
  /** Simulated times the run was carried on from a checkpoint. */
  resumedAt: number[];
}

export interface Checkpoint {
  /** engineOf(file) when it was written. */
  readonly engine: string;
  /** The scenario, relative to the repository root. */
  readonly file: string;
  readonly tallies: Tallies;
  readonly snapshot: PortSimulationSnapshot;
}

/** What createPortSimulation is given for the scenario's whole day: from the first arrivals (the engine's default start). */
export async function dayModel(file: string): Promise<Parameters<typeof createPortSimulation>> {
  const loaded = await loadScenarioFile(root + file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  const model = toPortModel(loaded.scenario);
  const { start: _scenarioStart, ...options } = model.options;
  return [model.spec, options];
}

/** The scenario's simulation from the first arrivals of the day, as the soak runs it. */
export async function daySimulation(file: string): Promise<PortSimulation> {
  return createPortSimulation(...(await dayModel(file)));
}

/** SHA-256 of the files that decide a run: the engine's and the scenario package's sources (not their tests) and the scenario. */
export function engineOf(scenario: string): string {
  const hash = createHash('sha256');
  const sources = ['packages/core/src', 'packages/scenario/src'].flatMap((dir) =>
    (fs.readdirSync(root + dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort().map((f) => `${dir}/${f}`),
  );
  for (const f of [...sources, scenario]) hash.update(f).update(fs.readFileSync(root + f));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Reads a checkpoint; throws when the engine sources or the scenario file have changed since it
 * was written, unless `anyEngine` (bench:ab restores one into two engines to time them).
 */
export function readCheckpoint(file: string, anyEngine = false): Checkpoint {
  const checkpoint = v8.deserialize(fs.readFileSync(file)) as Checkpoint;
  if (anyEngine) return checkpoint;
  const engine = engineOf(checkpoint.file);
  if (checkpoint.engine !== engine) {
    throw new Error(`${file} was written by other engine sources or another ${checkpoint.file} (${checkpoint.engine}, now ${engine}): delete it to start the day afresh`);
  }
  return checkpoint;
}

/** Writes the checkpoint next to its file, then renames it over: a sitting stopped mid-write leaves the last one whole. */
export function writeCheckpoint(file: string, checkpoint: Checkpoint): void {
  const t0 = performance.now();
  const bytes = v8.serialize(checkpoint);
  fs.writeFileSync(file + '.part', bytes);
  fs.renameSync(file + '.part', file);
  process.stderr.write(`    checkpoint ${file}: ${mib(bytes.length)}, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

export const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

/** One line per traveller: how long in the port, where bound and doing what, and where. */
export function formatStays(stays: readonly TravellerStay[]): string {
  return stays
    .map((s) => `    ${formatTimeOfDay(s.stay)}  ${describeStay(s)}`)
    .join('\n');
}
