// One scenario run, the object a Web Worker exposes over comlink: load a scenario, advance the
// simulation to a time the page asks for, and hand back traveller frames (typed arrays,
// transferred) and metrics (plain JSON). It owns the simulation; the page only pulls.
import type { LevelSpec, PortMetrics, PortSimulation, StageSpec, TargetShape, Vec2 } from '@portflow/core';
import { AgentMode, portSimulationDefaults } from '@portflow/core';
import type { ScenarioIssue, ScenarioLoader } from '@portflow/scenario';
import { createScenarioSimulation, parseScenario, resolveScenario, toPortModel } from '@portflow/scenario';
import { transfer } from 'comlink';
import type { TravellerFrame } from '@portflow/viewer';
import { travellerStates } from '@portflow/viewer';

export interface RunInfo {
  readonly name: string;
  readonly description: string | undefined;
  readonly levels: readonly LevelSpec[];
  readonly classes: readonly { readonly id: string; readonly name?: string }[];
  /** Stages with a point to label them at on the plan (service banks: their servers' centre), m. */
  readonly stages: readonly { readonly id: string; readonly kind: string; readonly name?: string; readonly at?: readonly [number, number, number] }[];
  /** The engine's density grid cell, m (for the level-of-service overlay). */
  readonly densityCell: number;
  /** Every queue polyline with its level id (the overlay judges the cells they cross as queueing areas). */
  readonly queues: readonly { readonly level: string; readonly path: readonly Vec2[] }[];
  /** Simulated start and end of the run, s since midnight. */
  readonly start: number;
  readonly end: number;
}

export type LoadResult =
  /** `document` is the scenario with its `extends` resolved: plain JSON for replication jobs. */
  | { readonly ok: true; readonly info: RunInfo; readonly document: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

export interface AdvanceResult {
  readonly frame: TravellerFrame;
  /** Metrics at the frame's time (only when asked for: they cost more than a frame). */
  readonly metrics?: PortMetrics;
  readonly done: boolean;
}

export interface RunOptions {
  /** Run until this time of day ("HH:MM") instead of the scenario's run.end. */
  readonly until?: string;
  readonly seed?: number;
}

const centre = (pts: readonly Vec2[]): Vec2 => [pts.reduce((a, p) => a + p[0], 0) / pts.length, pts.reduce((a, p) => a + p[1], 0) / pts.length];
const shapeCentre = (t: TargetShape): Vec2 => (t.kind === 'point' ? [t.x, t.y] : t.kind === 'line' ? centre([t.from, t.to]) : centre(t.points));

/** Where a stage is drawn on the plan. */
function anchor(s: StageSpec): Vec2 | undefined {
  if (s.kind === 'service') return s.servers.length > 0 ? centre(s.servers) : undefined;
  return shapeCentre(s.target);
}

const toSec = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
};

export class ScenarioRun {
  private sim: PortSimulation | undefined;
  private end = 0;
  private classOf = new Map<number, number>();

  /** Reads `path` (and what it extends) through `files`, a table path -> JSON text. */
  async load(path: string, files: Readonly<Record<string, string>>, options: RunOptions = {}): Promise<LoadResult> {
    const loader: ScenarioLoader = {
      read: (p) => {
        const text = files[p];
        if (text === undefined) throw new Error(`no scenario file ${p}`);
        return text;
      },
    };
    const resolved = await resolveScenario(path, loader);
    if (!resolved.ok) return { ok: false, issues: resolved.issues };
    const parsed = parseScenario(resolved.document);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const scenario = parsed.scenario;
    const model = toPortModel(scenario);
    this.sim = createScenarioSimulation(scenario, options.seed !== undefined ? { seed: options.seed } : {});
    this.end = options.until ? Math.min(model.end, toSec(options.until)) : model.end;
    return {
      ok: true,
      document: resolved.document,
      info: {
        name: scenario.name ?? path,
        description: scenario.description,
        levels: model.spec.levels ?? [],
        classes: model.spec.classes.map((c) => ({ id: c.id, ...(c.name ? { name: c.name } : {}) })),
        stages: model.spec.stages.map((s) => {
          const at = anchor(s);
          const z = (model.spec.levels?.find((l) => l.id === (s.level ?? model.spec.levels?.[0]?.id))?.elevation ?? 0) + 2;
          return { id: s.id, kind: s.kind, ...(s.name ? { name: s.name } : {}), ...(at ? { at: [at[0], at[1], z] as const } : {}) };
        }),
        densityCell: model.spec.measurement?.densityCell ?? portSimulationDefaults.densityCell,
        queues: model.spec.stages.flatMap((s) => {
          if (s.kind !== 'service' || !s.queue) return [];
          const level = s.level ?? model.spec.levels?.[0]?.id ?? '';
          return (s.queue.kind === 'single' ? [s.queue.path] : s.queue.paths).map((path) => ({ level, path }));
        }),
        start: this.sim.time,
        end: this.end,
      },
    };
  }

  /** Steps until simulated time `t` (or the end) and returns the travellers then. */
  advance(t: number, withMetrics: boolean): AdvanceResult {
    const sim = this.sim;
    if (!sim) throw new Error('advance() before load()');
    const until = Math.min(t, this.end);
    while (sim.time + sim.dt <= until + 1e-6) sim.step();
    const frame = this.frame(sim);
    const done = sim.time + sim.dt > this.end + 1e-6;
    const out: AdvanceResult = withMetrics || done ? { frame, metrics: sim.metrics(), done } : { frame, done };
    return transfer(out, [frame.x.buffer, frame.y.buffer, frame.z.buffer, frame.state.buffer, frame.group.buffer] as ArrayBuffer[]);
  }

  metrics(): PortMetrics {
    if (!this.sim) throw new Error('metrics() before load()');
    return this.sim.metrics();
  }

  private frame(sim: PortSimulation): TravellerFrame {
    let n = 0;
    for (const level of sim.levels) n += level.agents.count;
    // Queued travellers are not agents; count them first so the arrays are sized once.
    const queued: number[] = [];
    for (let l = 0; l < sim.levels.length; l++) sim.forEachQueued(l, (x, y, trav) => queued.push(x, y, l, trav));
    n += queued.length / 4;
    const f = { time: sim.time, count: n, x: new Float32Array(n), y: new Float32Array(n), z: new Float32Array(n), state: new Uint8Array(n), group: new Uint8Array(n) };
    let i = 0;
    sim.levels.forEach((level, l) => {
      const a = level.agents;
      const z = sim.spec.levels?.[l]?.elevation ?? 0;
      for (let s = 0; s < a.highWater; s++) {
        if (a.active[s] !== 1) continue;
        f.x[i] = a.x[s]!;
        f.y[i] = a.y[s]!;
        f.z[i] = z;
        f.state[i] = a.mode[s] === AgentMode.holding ? travellerStates.holding : travellerStates.walking;
        // The port gives each agent its traveller class + 1 as its group.
        const g = a.group[s]! - 1;
        f.group[i] = g >= 0 && g < 255 ? g : 255;
        this.classOf.set(sim.travellerAtSlot(l, s), f.group[i]!);
        i++;
      }
    });
    for (let k = 0; k < queued.length; k += 4) {
      f.x[i] = queued[k]!;
      f.y[i] = queued[k + 1]!;
      f.z[i] = sim.spec.levels?.[queued[k + 2]!]?.elevation ?? 0;
      f.state[i] = travellerStates.queued;
      // A queued traveller was an agent while walking to the queue: its class is remembered.
      f.group[i] = this.classOf.get(queued[k + 3]!) ?? 255;
      i++;
    }
    return f;
  }
}
