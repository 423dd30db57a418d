// Shared by the scenario-library tests: the files under scenarios/, each parsed once per test
// file, and the short walking run every port file gets.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortMetrics } from '@portflow/core';
import { expect, it } from 'vitest';
import { createScenarioSimulation } from '../index.js';
import type { Scenario } from '../index.js';
import { loadScenarioFile } from '../node.js';

export const ROOT = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? listJson(p) : f.endsWith('.json') ? [relative(ROOT, p)] : [];
  }).sort();
}
export const FILES = listJson(ROOT);
export const PORT_FILES = FILES.filter((f) => /^(luohu|liantang|wenjindu|upgrades)\//.test(f));

const loaded = new Map<string, ReturnType<typeof loadScenarioFile>>();
/** Each file is parsed once per run (a port file takes a few seconds: geometry and reach checks). */
export function loadOnce(file: string): ReturnType<typeof loadScenarioFile> {
  let r = loaded.get(file);
  if (!r) loaded.set(file, (r = loadScenarioFile(join(ROOT, file))));
  return r;
}

export async function load(file: string): Promise<Scenario> {
  const r = await loadOnce(file);
  if (!r.ok) throw new Error(`${file}: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.scenario;
}

/**
 * Walks `seconds` of the scenario from its run.start (a busy hour) and checks, every 30
 * simulated seconds and at the end, that travellers are conserved: spawned = in system + exited.
 */
export function smokeWalk(scenario: Scenario, seconds: number): { metrics: PortMetrics; conserved: boolean } {
  // The engine drops the arrivals a pattern would have made before run.start.
  const sim = createScenarioSimulation(scenario, { walking: true });
  const end = sim.time + seconds;
  let conserved = true;
  while (sim.time < end) {
    sim.step();
    if (Math.round(sim.time * 10) % 300 === 0 && sim.spawned !== sim.inSystem + sim.exited) conserved = false;
  }
  const metrics = sim.metrics();
  return { metrics, conserved: conserved && metrics.spawned === metrics.inSystem + metrics.exited };
}

/**
 * Simulated seconds of walking per file: two minutes for a baseline, one for a variant that
 * changes the geometry, half a minute for one that only changes demand on its baseline's
 * geometry (walked in full there). The suite's budget (about 3 min on 2 cores) sets these.
 */
export function smokeSeconds(file: string): number {
  if (/baseline/.test(file)) return 120;
  return /(s1-|s2-|s3a-|s3b-|s4-|s5-|s6-)/.test(file) ? 60 : 30;
}

/** One test per file: it walks its busy stretch (smokeSeconds) with travellers conserved. */
export function smokeFiles(files: readonly string[]) {
  it.each(files)('%s walks a busy stretch with travellers conserved', async (file) => {
    const scenario = await load(file);
    const { metrics: m, conserved } = smokeWalk(scenario, smokeSeconds(file));
    expect(conserved).toBe(true);
    expect(m.spawned).toBeGreaterThan(0);
    // Walks to the first hall take 1-3 minutes at Lo Wu: someone has reached a stage by then.
    expect(m.stages.some((s) => s.entered > 0)).toBe(true);
    for (const s of m.stages) expect(Number.isFinite(s.entered)).toBe(true);
  });
}
