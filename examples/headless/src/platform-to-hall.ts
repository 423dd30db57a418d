// A built-in schematic scenario for a headless run: an East Rail train unloads at Lo Wu and its
// passengers walk along the platform and a concourse with pillars to the immigration hall
// entrance. Schematic, to scale but not surveyed: every number is an assumption noted here
// until the scenario library (issue 4) supplies sourced ones.
import type { Simulation } from '@portflow/core';
import { createSimulation } from '@portflow/core';

export interface PlatformRunOptions {
  /** Passengers leaving the train. Default 600 (assumption: a busy 12-car train, about half full). */
  readonly passengers?: number;
  /** Seed of the run. Default 1. */
  readonly seed?: number;
  /** Called about once per simulated 10 s with the simulated time and travellers still walking. */
  readonly onProgress?: (time: number, remaining: number) => void;
}

export interface PlatformRunResult {
  readonly passengers: number;
  /** Simulated time until the last passenger reached the hall, s. */
  readonly clearanceTime: number;
  /** Walking time from door to hall: mean and 95th percentile, s. */
  readonly meanWalkTime: number;
  readonly p95WalkTime: number;
  /** Highest flow into the hall over any 60 s window, persons/min. */
  readonly peakFlowPerMinute: number;
  readonly steps: number;
  readonly wallSeconds: number;
}

// Assumptions (m): platform 200 x 10, concourse 40 x 20 with a 4 x 2 grid of 1 m pillars,
// hall entrance 12 m wide at the concourse's far end.
const PLATFORM_LENGTH = 200;
const PLATFORM_WIDTH = 10;
const CONCOURSE_LENGTH = 40;
const CONCOURSE_WIDTH = 20;

export function buildPlatformScenario(seed: number): { sim: Simulation; hall: number } {
  const x1 = PLATFORM_LENGTH;
  const x2 = x1 + CONCOURSE_LENGTH;
  const pillars: [number, number][][] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 2; j++) {
      const cx = x1 + 8 + i * 8;
      const cy = 5 + j * 10;
      pillars.push([[cx - 0.5, cy - 0.5], [cx + 0.5, cy - 0.5], [cx + 0.5, cy + 0.5], [cx - 0.5, cy + 0.5]]);
    }
  }
  const sim = createSimulation({
    seed,
    geometry: {
      outline: [[0, 0], [x2, 0], [x2, CONCOURSE_WIDTH], [x1, CONCOURSE_WIDTH], [x1, PLATFORM_WIDTH], [0, PLATFORM_WIDTH]],
      holes: pillars,
    },
  });
  const hall = sim.addTarget({ kind: 'line', from: [x2 - 0.5, 4], to: [x2 - 0.5, 16] });
  return { sim, hall };
}

export function runPlatformToHall(options: PlatformRunOptions = {}): PlatformRunResult {
  const passengers = options.passengers ?? 600;
  const { sim, hall } = buildPlatformScenario(options.seed ?? 1);
  // Doors every 10 m along the platform edge (y = 0.5); passengers step out over the first 30 s.
  const doors = Math.floor(PLATFORM_LENGTH / 10) - 1;
  const releaseAt = new Float64Array(passengers);
  for (let p = 0; p < passengers; p++) releaseAt[p] = sim.random.uniform() * 30;
  const order = Array.from(releaseAt.keys()).sort((a, b) => releaseAt[a]! - releaseAt[b]!);
  const startTime = new Map<number, number>();
  const walkTimes: number[] = [];
  const arrivalsAt: number[] = [];
  let next = 0;
  const wall0 = performance.now();
  let lastReport = -Infinity;
  while (next < passengers || sim.agents.count > 0) {
    while (next < passengers && releaseAt[order[next]!]! <= sim.time) {
      const p = order[next++]!;
      const door = 10 + (p % doors) * 10 + (sim.random.uniform() - 0.5) * 1.5;
      const slot = sim.addAgent({ x: door, y: 0.4 + sim.random.uniform() * 0.4, target: hall });
      startTime.set(sim.agents.id[slot]!, sim.time);
    }
    sim.step();
    for (let k = 0; k < sim.arrivalCount; k++) {
      const id = sim.arrivalIds[k]!;
      walkTimes.push(sim.time - startTime.get(id)!);
      arrivalsAt.push(sim.time);
    }
    if (sim.time - lastReport >= 10) {
      lastReport = sim.time;
      options.onProgress?.(sim.time, passengers - walkTimes.length);
    }
    if (sim.time > 3600) throw new Error('platform run did not clear within an hour of simulated time');
  }
  walkTimes.sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < arrivalsAt.length; i++) {
    while (arrivalsAt[i]! - arrivalsAt[j]! > 60) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return {
    passengers,
    clearanceTime: sim.time,
    meanWalkTime: walkTimes.reduce((a, b) => a + b, 0) / walkTimes.length,
    p95WalkTime: walkTimes[Math.floor(0.95 * (walkTimes.length - 1))]!,
    peakFlowPerMinute: peak,
    steps: sim.stepCount,
    wallSeconds: (performance.now() - wall0) / 1000,
  };
}
