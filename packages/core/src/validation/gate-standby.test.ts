// Gates in 0.9 m lanes with two standby places each, under overload: when a gate frees, the
// traveller nearest it steps up and the one behind moves to the place in front. If the one moving
// up reaches its place while the one promoted is still stepping to the gate, nobody may be sent
// back past the other: in a lane one body wide they cannot pass. Found at Liantang (HK departure
// hall, 09:45): a standby traveller who arrived swapped turns with the one already promoted and
// nearer the gate, sending it back; the pair then swapped again on every arrival (a gate held for
// a quarter of an hour with nobody served), or three stood locked in one lane.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortModelSpec } from '../index.js';
import { AgentMode, createPortSimulation } from '../index.js';

type P = [number, number];

const GATES = 4;
/** Mean service time, s: short, so that places change hands often (about 3,000 step-ups a run). */
const SERVICE = 5;
/** 3,600/h on 4 gates of 5 s: 5 Erlang on 4 servers, so every standby place stays taken. */
const RATE = 3600;
const DURATION = 600;
const SEEDS = [1, 2, 3, 4, 5];
/** Gate lanes: x 18-21, y 6 .. 6 + 0.9 GATES (barriers between them). */
const LANES = { x0: 18, x1: 21, y0: 6, y1: 6 + 0.9 * GATES };

function hall(): PortModelSpec {
  // A 30 m x 20 m hall; a straight 10 m line (2 abreast) ending in front of the gate lanes; the
  // gates at x 20.5 and their standby places 0.8 m and 1.4 m before them; an exit at the east end.
  const gates: P[] = [], standby: P[] = [], barriers: P[][] = [];
  for (let k = 0; k < GATES; k++) {
    gates.push([20.5, LANES.y0 + 0.45 + 0.9 * k]);
    standby.push([19.7, LANES.y0 + 0.45 + 0.9 * k]);
  }
  for (let k = 0; k <= GATES; k++) barriers.push([[LANES.x0, LANES.y0 + 0.9 * k], [LANES.x1, LANES.y0 + 0.9 * k]]);
  const mid = (LANES.y0 + LANES.y1) / 2;
  return {
    levels: [{ id: 'hall', geometry: { outline: [[0, 0], [30, 0], [30, 20], [0, 20]], barriers } }],
    classes: [{ id: 'traveller' }],
    sources: [{ id: 'entry', pattern: { kind: 'constant', from: 0, to: DURATION, ratePerHour: RATE }, journey: 'through', classes: { traveller: 1 }, spawn: { kind: 'line', from: [0.5, 2], to: [0.5, 18] } }],
    stages: [
      { id: 'gates', kind: 'service', servers: gates, standby, standbyDepth: 2, queue: { kind: 'single', path: [[14, mid], [4, mid]], abreast: 2 }, serviceTime: { kind: 'lognormal', mean: SERVICE, cv: 0.35 } },
      { id: 'out', kind: 'exit', target: { kind: 'line', from: [29.5, 1], to: [29.5, 19] } },
    ],
    journeys: [{ id: 'through', start: 'gates', transitions: { gates: { kind: 'fixed', to: 'out' } } }],
  };
}

interface GateRun {
  readonly utilisation: number;
  /** Longest time anyone walking in a gate lane stood still (speed below 0.05 m/s), s. */
  readonly longestStill: number;
}

function run(seed: number): GateRun {
  const sim = createPortSimulation(hall(), { seed });
  const level = sim.levels[0]!;
  const a = level.agents;
  // Per agent slot: the agent's id and since when it has stood still while walking in a lane.
  const who = new Float64Array(a.capacity).fill(-1);
  const since = new Float64Array(a.capacity).fill(-1);
  let longestStill = 0;
  while (sim.time < DURATION) {
    sim.step();
    for (let s = 0; s < a.highWater; s++) {
      const inLane = a.active[s] === 1 && a.mode[s] === AgentMode.walking && a.x[s]! > LANES.x0 && a.x[s]! < LANES.x1 && a.y[s]! > LANES.y0 && a.y[s]! < LANES.y1;
      const still = inLane && Math.hypot(a.vx[s]!, a.vy[s]!) < 0.05;
      if (!still || who[s] !== a.id[s]) {
        who[s] = a.id[s]!;
        since[s] = still ? sim.time : -1;
        continue;
      }
      if (since[s]! < 0) since[s] = sim.time;
      longestStill = Math.max(longestStill, sim.time - since[s]!);
    }
  }
  const gates = sim.metrics().stages.find((st) => st.id === 'gates')!;
  return { utilisation: gates.utilisation!, longestStill };
}

describe('gates with standby places under overload', () => {
  let runs: GateRun[] = [];
  beforeAll(() => {
    runs = SEEDS.map(run);
    console.info(`gate standby: utilisation ${runs.map((r) => r.utilisation.toFixed(3)).join(' ')}; longest stand-still in a lane ${runs.map((r) => r.longestStill.toFixed(1)).join(' ')} s`);
  }, 120_000);

  it('never leaves anyone walking in a gate lane standing still for 2 s', () => {
    // Everyone in a lane walks towards the gate, to a place nobody else holds: they stop only
    // for the one in front stepping up or out of the gate (a 0.6-0.8 m step, about 1 s with the
    // 0.3 s turn). Sent back through someone in a lane one body wide, a traveller stands face to
    // face with them (5.1-8.7 s in seeds 2-5 before the fix; in seed 1 a pair swapped turns on every
    // arrival from 166 s to the end, 434 s, with the gate idle); nobody stands at all with the fix.
    for (const r of runs) expect(r.longestStill).toBeLessThan(2);
  });

  it('keeps the gates busy', () => {
    // Every gate has someone at its standby place, so it idles only for the step-up: about 0.8 m
    // at 1.34 m/s after the 0.3 s turn, ~1 s per 5 s service (utilisation ~0.83). 0.75 leaves
    // room for the warm-up (the first minute starts from an empty hall) and seed noise; a gate
    // held by a pair that keeps swapping serves nobody (0.64 in seed 1 before the fix).
    for (const r of runs) expect(r.utilisation).toBeGreaterThan(0.75);
  });
});
