// The process-heavy benchmark workload P1 (issue 3): a 60 m x 40 m hall; travellers enter along
// the west side at 12,000 per hour (Poisson), walk to a serpentine queue feeding a bank of 40
// e-gates with lognormal service times (mean 10 s, CV 0.35; offered load 33.3 Erlang, so
// utilisation about 0.83), then walk 30 m to an exit; 3 simulated hours.
import type { NavigationOptions, PortModelSpec, StageSpec } from '@portflow/core';
import { createPortSimulation } from '@portflow/core';
import type { StepTiming } from './workloads.js';
import { medianAndP95 } from './workloads.js';

type P = [number, number];

/**
 * Serpentine of `lanes` horizontal lanes of `width` m between x0 and x1, bottom lane at y0.
 * P1's lanes are 4 m wide with six people abreast: a single file would deliver at most
 * v0 / spacing = 2.2 persons/s, and an opening passes about 1 person/s per metre with everyday
 * walkers, while 3.3 persons/s arrive. The head lane is centred on the gate row (y = 20), so
 * no gate is more than about 20 m from the head of the queue.
 */
function serpentine(x0: number, x1: number, y0: number, lanes: number, width: number) {
  const top = y0 + lanes * width;
  const laneY = (k: number) => y0 + (k + 0.5) * width;
  // Walking order: enter at the west end of the top lane; lane k runs east when (lanes-1-k) is even.
  const walk: P[] = [[x0 + 1, laneY(lanes - 1)]];
  for (let k = lanes - 1; k >= 0; k--) {
    const east = (lanes - 1 - k) % 2 === 0;
    const endX = east ? x1 - width / 2 : x0 + width / 2;
    walk.push([endX, laneY(k)]);
    if (k > 0) walk.push([endX, laneY(k - 1)]);
  }
  const head = walk[walk.length - 1]!;
  walk[walk.length - 1] = [(lanes - 1) % 2 === 0 ? x1 - 1 : x0 + 1, head[1]];
  const barriers: P[][] = [
    // Enclosure, open at the entrance (west end of the top lane) and the exit (end of lane 0).
    [[x0, top - width], [x0, y0], [x1, y0]],
    [[x1, y0 + width], [x1, top], [x0, top]],
  ];
  for (let k = 0; k < lanes - 1; k++) {
    const y = y0 + (k + 1) * width;
    const upperRunsEast = (lanes - 1 - (k + 1)) % 2 === 0;
    // The turn from lane k+1 into lane k is at the end lane k+1 runs to.
    barriers.push(upperRunsEast ? [[x0, y], [x1 - width, y]] : [[x0 + width, y], [x1, y]]);
  }
  return { path: walk.reverse(), barriers };
}

/**
 * P1 walks quickest paths, as the port baselines do (scenario run.navigation): with static
 * shortest paths the whole stream from the west side makes for the inside corner of the
 * serpentine's entrance and over 300 stand there at 20 and 30 minutes (seed 1), a jam no 4 m
 * opening at 3.3 persons/s would have; with quickest paths under 10 walk below 0.2 m/s.
 */
export const p1Navigation: Partial<NavigationOptions> = { congestion: { interval: 10 } };

export function p1Spec(hours = 3): PortModelSpec {
  const queue = serpentine(6, 24, 18, 5, 4);
  const gates: P[] = [];
  const standby: P[] = [];
  const dividers: P[][] = [];
  for (let k = 0; k < 40; k++) {
    const y = 2.45 + 0.9 * k;
    gates.push([30.5, y]);
    standby.push([29.7, y]);
  }
  // Gate lanes 4 m long between dividers: the gate at their far end, up to three people
  // waiting inside each lane, out of the way of those walking to other lanes.
  for (let k = 0; k <= 40; k++) dividers.push([[27, 2 + 0.9 * k], [31, 2 + 0.9 * k]]);
  const stages: StageSpec[] = [
    {
      id: 'e-gates',
      kind: 'service',
      servers: gates,
      standby,
      // Up to three waiting in each gate's lane: the walk from the queue to a far gate (up to
      // ~20 m) takes longer than a service, and people do queue two or three deep at e-gates.
      standbyDepth: 3,
      queue: { kind: 'single', path: queue.path, abreast: 6 },
      serviceTime: { kind: 'lognormal', mean: 10, cv: 0.35 },
    },
    { id: 'exit', kind: 'exit', target: { kind: 'line', from: [59.5, 0.5], to: [59.5, 39.5] } },
  ];
  return {
    levels: [{ id: 'hall', geometry: { outline: [[0, 0], [60, 0], [60, 40], [0, 40]], barriers: [...queue.barriers, ...dividers] } }],
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'entry', pattern: { kind: 'constant', from: 0, to: hours * 3600, ratePerHour: 12_000 }, journey: 'clear', spawn: { kind: 'line', from: [0.5, 2], to: [0.5, 38] } }],
    stages,
    journeys: [{ id: 'clear', start: 'e-gates', transitions: { 'e-gates': { kind: 'fixed', to: 'exit' } } }],
    measurement: { lines: [{ id: 'exit-line', from: [58, 0.5], to: [58, 39.5] }] },
  };
}

/** A timed P1 run: step times, the port's figures, and the heap as the caller measures it. */
export interface P1Run extends StepTiming {
  heapBytesPerAgent: number;
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

/**
 * Runs P1 for `hours`, timed after the navigation fields are built (the set-up is timed on its
 * own). Plain JavaScript: `heap` reads the heap in use (Node's process.memoryUsage, the browser's
 * performance.memory), `progress` gets a line every 10 simulated minutes.
 */
export function timeP1(hours: number, hooks: { heap: () => number; progress: (line: string) => void }): P1Run {
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
      peakHeap = Math.max(peakHeap, hooks.heap());
      hooks.progress(`P1 ${(sim.time / 60).toFixed(0)} min: ${sim.inSystem} in the port, ${walking} walking, ${sim.exited} cleared`);
    }
  }
  const wallSeconds = (performance.now() - wall0) / 1000;
  const m = sim.metrics();
  const gates = m.stages.find((s) => s.id === 'e-gates')!;
  hooks.progress(`(${fields} navigation fields built in ${setupSeconds.toFixed(1)} s)`);
  return {
    workload: 'P1',
    agents: peakAgents,
    steps: times.length,
    dt: sim.dt,
    agentStepsPerSecond: agentSteps / wallSeconds,
    msPerStep: medianAndP95(times),
    heapBytesPerAgent: peakHeap / Math.max(1, peakAgents),
    simSecondsPerWallSecond: end / wallSeconds,
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
