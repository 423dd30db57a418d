// A port: traveller classes, demand sources, stages (waypoints, service banks with their
// queues, waiting areas, vehicle stops, links between levels, exits) and journeys through
// them, on top of the walking engine (one Simulation per level) or, with walking off, as a
// pure queueing model whose moves between stages take no time. Discrete events (arrivals,
// service completions, vehicles, staffing checks) run from one time-ordered queue; in walking
// mode they are handled at the start of each step, in queueing-only mode back to back.
// Invariant: spawned === inSystem + exited at every step and every event.
import type { TimeOfDay } from './arrival-stream.js';
import { ArrivalStream, patternStart } from './arrival-stream.js';
import type { MovementParameters } from './anticipation-velocity-model.js';
import type { Distribution } from './distribution.js';
import { meanOf, sample } from './distribution.js';
import { EventQueue } from './event-queue.js';
import { Fifo } from './fifo.js';
import type { Vec2 } from './geometry.js';
import { GeometryError } from './geometry.js';
import { DensityGrid } from './density-grid.js';
import type { LevelOfService } from './level-of-service.js';
import type { NavigationOptions } from './navigation.js';
import type { ByClass, JourneySpec, PortModelSpec, StageSpec, Transition } from './port-model.js';
import { QueuePath } from './queue-path.js';
import type { Random } from './random.js';
import { createRandom } from './random.js';
import { distanceToSegmentSq, pointInRing, segmentsIntersect } from './segment.js';
import { SERVER_CLOSED, SERVER_CLOSING, SERVER_OPEN, ServiceBank } from './service-bank.js';
import { Simulation, simulationDefaults, walkerCalibrations, walkingSpeedDefaults } from './simulation.js';
import type { SummaryRecord } from './statistics.js';
import { HourlyCounter, SampleSummary, TimeWeighted } from './statistics.js';
import type { CompiledTarget } from './target.js';
import { compileTarget } from './target.js';
import { toSeconds } from './time-of-day.js';
import type { CapturedState } from './state-capture.js';
import { captureState, restoreState } from './state-capture.js';
import { cos, hypot, sin } from './portable-math.js';

export interface PortSimulationOptions {
  readonly seed: string | number;
  /** Walk between stages (default) or move instantly: a queueing-only model, fast and exact. */
  readonly walking?: boolean;
  /** Simulated clock at the start; default the earliest source start. */
  readonly start?: TimeOfDay;
  /** Time step of the walking engine, s. Default simulationDefaults.dt (0.1). */
  readonly dt?: number;
  readonly movement?: Partial<MovementParameters>;
  readonly navigation?: Partial<NavigationOptions>;
}

export const portSimulationDefaults = { queueSpacing: 0.6, densityCell: 2, sampleInterval: 60, staffingInterval: 60 } as const;

export interface StageMetrics {
  readonly id: string;
  readonly kind: StageSpec['kind'];
  /** Travellers who reached the stage. */
  readonly entered: number;
  readonly served?: number;
  readonly failed?: number;
  /**
   * Waiting times (queue join to service start, or to boarding), s. `delayed` is the share who
   * waited at all (wait > 0): in queueing-only mode the probability of delay (Erlang C for
   * M/M/c); in walking mode nearly 1, since joining a line means walking up it.
   */
  readonly waits?: SummaryRecord & { readonly within15min: number; readonly within30min: number; readonly delayed: number };
  /** Busy server time / open server time. */
  readonly utilisation?: number;
  readonly openServersMean?: number;
  readonly queue?: { readonly peak: number; readonly mean: number; readonly series: readonly (readonly [number, number])[] };
  readonly servedPerHour?: readonly (readonly [number, number])[];
  readonly boarded?: number;
  readonly leftBehind?: number;
}

export interface PortMetrics {
  readonly start: number;
  readonly time: number;
  readonly spawned: number;
  readonly inSystem: number;
  readonly exited: number;
  /** Time average of travellers in the system over the run. */
  readonly meanInSystem: number;
  readonly stages: readonly StageMetrics[];
  readonly journeys: readonly { readonly id: string; readonly completed: number; readonly timeInSystem: SummaryRecord; readonly within15min: number; readonly within30min: number }[];
  readonly hourly: readonly { readonly hour: number; readonly arrived: number; readonly exited: number }[];
  readonly flows: readonly { readonly id: string; readonly forward: number; readonly backward: number }[];
  readonly levelOfService: readonly {
    readonly level: string;
    readonly cellSize: number;
    /** Worst sampled cell: its LOS (walkway table, or queueing table on queue paths), density and centre. */
    readonly worst: { readonly los: LevelOfService; readonly density: number; readonly x: number; readonly y: number; readonly queueing: boolean } | undefined;
  }[];
}

const enum Ev { Spawn, Arrive, ServiceDone, WaitDone, VehicleArrive, VehicleDepart, Staffing, RideDone, HoursOpen, HoursClose, Sample }
/** A queued traveller within this arc length of the head of its line is at the front, m. */
const FRONT = 0.05;

const enum Phase { ToStage, ToServer, FromSpill, Queued, Spilled, InService, Holding, Riding, ToStandby, AtStandby, Gone, ToSpot }

/** What a traveller in each phase is doing, in words (longestStays). */
const ACTIVITY: Readonly<Record<Phase, string>> = {
  [Phase.ToStage]: 'walking to the stage',
  [Phase.ToServer]: 'walking to a server',
  [Phase.FromSpill]: 'walking from the overflow to the line',
  [Phase.Queued]: 'in the line',
  [Phase.Spilled]: 'waiting in the overflow (the line is full)',
  [Phase.InService]: 'being served',
  [Phase.Holding]: 'waiting (a dwell, or for a vehicle)',
  [Phase.Riding]: 'riding a vehicle or a link',
  [Phase.ToStandby]: 'walking to a standby place',
  [Phase.AtStandby]: 'at a standby place',
  [Phase.Gone]: 'gone',
  [Phase.ToSpot]: 'walking to a standing spot',
};

/** A walker joins a queue within this distance of its entrance (a point, or a line across a row), m. */
const JOIN_REACH = 0.6;
/** Spacing of the standing spots in a waiting area or at a vehicle stop, m. */
const SPOT_SPACING = 0.7;
/** Standby places behind a server stand this far apart, m (the first at its standby spot). */
const STANDBY_PITCH = 0.6;
/**
 * A failed traveller steps back out of its gate lane to the first point this clear of every
 * wall, m: out from between dividers less than 1 m apart (e-gates are 0.9 m), at once behind
 * the standby places of a wider lane (counters are 2 m).
 */
const LANE_CLEARANCE = 0.5;
/** How far behind the last standby place the lane's mouth is looked for, m. */
const MOUTH_SEARCH = 6;
/** At most this many spots per area (a large plaza keeps an even sample of them). */
const MAX_SPOTS = 2000;

interface StageRuntime {
  readonly spec: StageSpec;
  readonly index: number;
  readonly level: number;
  /** Walking target on the level (entrance of a single queue, the stage target otherwise). */
  target: number;
  bank?: ServiceBank;
  serverTargets?: number[];
  standbyTargets?: number[];
  lineTargets?: number[];
  /**
   * Waiting areas and vehicle stops: standing spots inside the area (point targets) and who
   * holds each (-1 free). Travellers who reach the area walk on to a free spot instead of
   * stopping at its edge, where they would bar the way in for everyone behind them.
   */
  spots?: Spots;
  eligible?: Uint8Array;
  serviceByClass?: Distribution[];
  choice?: 'shortest' | 'random';
  failure?: { p: number; fallback: number; penalty: number };
  /** Per server with standby places: where a failed traveller steps back out to (see laneMouth). */
  laneMouths?: (CompiledTarget | undefined)[];
  partner?: { bank: number; shared: number };
  // vehicle stop
  waitingList?: Fifo;
  present?: boolean;
  capacityLeft?: number;
  boarded?: number;
  leftBehind?: number;
  waits?: SampleSummary;
  // links and rides
  nextFree?: number;
  alightLevel?: number;
  /** Where riders reappear after a vehicle ride or a link, compiled once. */
  alight?: CompiledTarget;
  entered: number;
}

interface SourceRuntime {
  readonly index: number;
  readonly stream: ArrivalStream;
  readonly journey: number;
  readonly level: number;
  readonly spawn: CompiledTarget | undefined;
  readonly classCdf: Float64Array;
  readonly random: Random;
}

export class PortSimulation {
  readonly spec: PortModelSpec;
  readonly walking: boolean;
  readonly dt: number;
  readonly start: number;
  /** Walking engines, one per level (empty in queueing-only mode). */
  readonly levels: Simulation[] = [];
  readonly levelIds: string[];
  time: number;
  spawned = 0;
  exited = 0;
  private readonly events = new EventQueue();
  private readonly ev = new Float64Array(4);
  private readonly classIds: string[];
  private readonly classIndex = new Map<string, number>();
  private readonly stages: StageRuntime[] = [];
  private readonly stageIndex = new Map<string, number>();
  private readonly banks: ServiceBank[] = [];
  private readonly bankStage: number[] = [];
  private readonly journeys: { id: string; start: number; next: (ResolvedTransition | undefined)[] }[] = [];
  private readonly sources: SourceRuntime[] = [];
  private readonly serviceRandom: Random;
  private readonly routeRandom: Random;
  private readonly placeRandom: Random;
  // Travellers, struct-of-arrays, slots reused.
  private cap = 0;
  private free: number[] = [];
  private high = 0;
  private tCls = new Int32Array(0);
  private tJourney = new Int32Array(0);
  private tStage = new Int32Array(0);
  private tLevel = new Int32Array(0);
  private tSlot = new Int32Array(0);
  private tPhase = new Uint8Array(0);
  private tLine = new Int32Array(0);
  private tSpawn = new Float64Array(0);
  private tJoin = new Float64Array(0);
  private tPenalty = new Float64Array(0);
  private tArc = new Float64Array(0);
  /** Arc of the opening a queued traveller came in by (an adjustable serpentine), -1 for none. */
  private tVia = new Float64Array(0);
  private tSpeed = new Float64Array(0);
  private tOffset = new Float64Array(0);
  /** Spot index a traveller holds at a waiting area or stop, -1 for none. */
  private tSpot = new Int32Array(0);
  private travellerOf: Int32Array[] = [];
  /** Travellers waiting to be placed on a level (spawning, alighting), in order. */
  private pending = new Fifo();
  private pendingShape: (CompiledTarget | undefined)[] = [];
  /**
   * Failed travellers out of a gate lane, waiting for room at its mouth (see serviceDone);
   * placed in any order (each at its own lane), sharing pendingShape.
   */
  private backingOut: number[] = [];
  // Metrics.
  private readonly inSystemTW: TimeWeighted;
  private readonly arrivedHourly = new HourlyCounter();
  private readonly exitedHourly = new HourlyCounter();
  private readonly journeyTimes: SampleSummary[] = [];
  private readonly lineIds: { id: string; level: number; index: number }[] = [];
  private readonly density: DensityGrid[] = [];
  private readonly sampleInterval: number;
  private readonly point = new Float64Array(2);
  private arrived_ = new Int32Array(64);
  /** Walking steps taken (time = start + steps * dt). */
  private steps = 0;
  private readonly scratchWaiting: number[] = [];
  /** Of the spec and options: a snapshot is restored only onto a simulation built from the same. */
  private readonly fingerprint: string;

  constructor(spec: PortModelSpec, options: PortSimulationOptions) {
    this.spec = spec;
    this.walking = options.walking ?? true;
    this.dt = options.dt ?? simulationDefaults.dt;
    const seed = String(options.seed);
    this.serviceRandom = createRandom(`${seed}/service`);
    this.routeRandom = createRandom(`${seed}/route`);
    this.placeRandom = createRandom(`${seed}/place`);
    this.sampleInterval = spec.measurement?.sampleInterval ?? portSimulationDefaults.sampleInterval;

    this.levelIds = (spec.levels ?? []).map((l) => l.id);
    const levelOf = (id: string | undefined, what: string): number => {
      if (!this.walking) return 0;
      if (id === undefined) return 0;
      const k = this.levelIds.indexOf(id);
      if (k < 0) throw new RangeError(`${what}: level "${id}" is not defined`);
      return k;
    };
    if (this.walking) {
      if (this.levelIds.length === 0) throw new RangeError('walking mode needs at least one level with geometry');
      (spec.levels ?? []).forEach((l, k) => {
        const opts = { geometry: l.geometry, seed: `${seed}/level/${k}`, dt: this.dt, ...(options.movement ? { movement: options.movement } : {}), ...(options.navigation ? { navigation: options.navigation } : {}) };
        const sim = new Simulation(opts);
        this.levels.push(sim);
        this.travellerOf.push(new Int32Array(sim.agents.capacity).fill(-1));
      });
    }

    spec.classes.forEach((c, k) => {
      this.classIndex.set(c.id, k);
      const body = walkerCalibrations[c.calibration ?? 'everyday'];
      if (this.walking) for (const sim of this.levels) sim.defineClass({ speed: c.speed ?? walkingSpeedDefaults, radius: c.radius ?? body.radius, timeGap: c.timeGap ?? body.timeGap });
    });
    this.classIds = spec.classes.map((c) => c.id);
    const classOf = (id: string, what: string): number => {
      const k = this.classIndex.get(id);
      if (k === undefined) throw new RangeError(`${what}: class "${id}" is not defined`);
      return k;
    };

    spec.stages.forEach((s, k) => {
      if (this.stageIndex.has(s.id)) throw new RangeError(`stage "${s.id}" is defined twice`);
      this.stageIndex.set(s.id, k);
    });
    const stageOf = (id: string, what: string): number => {
      const k = this.stageIndex.get(id);
      if (k === undefined) throw new RangeError(`${what}: stage "${id}" is not defined`);
      return k;
    };

    this.start = options.start !== undefined ? toSeconds(options.start) : Math.min(...spec.sources.map((s) => patternStart(s.pattern)), Infinity);
    if (!Number.isFinite(this.start)) this.start = 0;
    this.time = this.start;
    this.inSystemTW = new TimeWeighted(this.start);

    spec.stages.forEach((s, index) => {
      const level = levelOf(s.level, `stage "${s.id}"`);
      const rt: StageRuntime = { spec: s, index, level, target: -1, entered: 0 };
      const sim = this.levels[level];
      if (s.kind === 'service') {
        if (s.servers.length === 0) throw new RangeError(`stage "${s.id}": needs at least one server`);
        const perServer = s.queue?.kind === 'per-server';
        const spacing = s.queue?.spacing ?? portSimulationDefaults.queueSpacing;
        let paths: (QueuePath | undefined)[] = [undefined];
        if (this.walking) {
          if (!s.queue) throw new RangeError(`stage "${s.id}": walking mode needs a queue path`);
          const raw = s.queue.kind === 'single' ? [s.queue.path] : s.queue.paths;
          if (s.queue.kind === 'per-server' && raw.length !== s.servers.length) {
            throw new RangeError(`stage "${s.id}": ${raw.length} queue paths for ${s.servers.length} servers`);
          }
          const abreast = s.queue.kind === 'single' ? (s.queue.abreast ?? 1) : 1;
          raw.forEach((p, k) => checkPath(sim!, p, `stage "${s.id}" queue path ${k}`, ((abreast - 1) / 2) * spacing));
          const openings = s.queue.kind === 'single' ? s.queue.openings : undefined;
          paths = raw.map((p) => new QueuePath(p, spacing, abreast, openings));
        } else if (perServer) {
          paths = s.servers.map(() => undefined);
        }
        rt.serviceByClass = this.classIds.map((c) => serviceFor(s.serviceTime, c, s.id));
        const mean = rt.serviceByClass.reduce((a, d) => a + meanOf(d), 0) / Math.max(1, rt.serviceByClass.length);
        const initially = s.initiallyOpen ?? (s.staffing ? (s.staffing.min ?? 1) : s.servers.length);
        if (s.standby && s.standby.length !== s.servers.length) throw new RangeError(`stage "${s.id}": ${s.standby.length} standby spots for ${s.servers.length} servers`);
        // Where each line's head stands: travellers walk from there to a server.
        const heads = paths.map((p): Vec2 | undefined => {
          if (!p) return undefined;
          const head = new Float64Array(2);
          p.pointAt(0, head);
          return [head[0]!, head[1]!];
        });
        // Walking travellers leaving a single line take the nearest free server.
        let order: Int32Array | undefined;
        const single = perServer ? undefined : heads[0];
        if (this.walking && single) {
          const d = s.servers.map((p) => hypot(p[0] - single[0], p[1] - single[1]));
          order = Int32Array.from(s.servers.keys()).sort((a, b) => d[a]! - d[b]! || a - b);
        }
        const depth = this.walking && s.standby ? (s.standbyDepth ?? 1) : 0;
        const bank = new ServiceBank(this.banks.length, s.servers.length, perServer, paths, mean, initially, this.start, depth, order);
        this.banks.push(bank);
        this.bankStage.push(index);
        rt.bank = bank;
        rt.choice = s.queue?.kind === 'per-server' ? (s.queue.choice ?? 'shortest') : 'shortest';
        rt.eligible = new Uint8Array(this.classIds.length).fill(s.eligible ? 0 : 1);
        for (const c of s.eligible ?? []) rt.eligible[classOf(c, `stage "${s.id}" eligible`)] = 1;
        if (s.failure) rt.failure = { p: s.failure.probability, fallback: -1, penalty: s.failure.penalty ?? 0 };
        if (sim) {
          // Travellers walk to a server, and to the places behind it, from the head of its line.
          const headOf = (k: number): Vec2 => heads[perServer ? k : 0] ?? s.servers[k]!;
          rt.serverTargets = s.servers.map((p, k) => sim.addTarget({ kind: 'point', x: p[0], y: p[1], radius: 0.3 }, headOf(k)));
          if (s.standby) {
            rt.standbyTargets = [];
            s.standby.forEach((p, k) => {
              for (let i = 0; i < bank.depth; i++) {
                const [x, y] = behindStandby(s.servers[k]!, p, STANDBY_PITCH * i);
                rt.standbyTargets!.push(sim.addTarget({ kind: 'point', x, y, radius: 0.3 }, headOf(k)));
              }
            });
          }
          rt.lineTargets = paths.map((p) => {
            const [from, to] = p!.entrance;
            return p!.abreast > 1 ? sim.addTarget({ kind: 'line', from, to, reach: JOIN_REACH }) : sim.addTarget({ kind: 'point', x: from[0], y: from[1], radius: JOIN_REACH });
          });
          rt.target = rt.lineTargets[0]!;
        }
      } else if (s.kind === 'vehicle-stop') {
        rt.waitingList = new Fifo();
        rt.present = false;
        rt.capacityLeft = 0;
        rt.boarded = 0;
        rt.leftBehind = 0;
        rt.waits = new SampleSummary();
        if (s.ride) {
          rt.alightLevel = levelOf(s.ride.level ?? s.level, `stage "${s.id}" ride`);
          rt.alight = compileTarget(s.ride.alight);
        }
      } else if (s.kind === 'link') {
        rt.nextFree = -Infinity;
        rt.alightLevel = levelOf(s.toLevel, `stage "${s.id}" toLevel`);
        rt.alight = compileTarget(s.alight);
      }
      if (sim && s.kind !== 'service') rt.target = sim.addTarget(s.target);
      if (sim && (s.kind === 'waiting' || s.kind === 'vehicle-stop') && s.target.kind === 'area') {
        const spots = standingSpots(sim, s.target.points);
        if (spots) rt.spots = spots;
      }
      this.stages.push(rt);
    });
    // Second pass: references between stages.
    for (const rt of this.stages) {
      const s = rt.spec;
      if (s.kind !== 'service') continue;
      if (s.failure && rt.failure) rt.failure.fallback = stageOf(s.failure.fallback, `stage "${s.id}" failure fallback`);
      if (s.staffing?.partner) {
        const other = this.stages[stageOf(s.staffing.partner.stage, `stage "${s.id}" staffing partner`)]!;
        if (!other.bank) throw new RangeError(`stage "${s.id}": staffing partner "${other.spec.id}" is not a service stage`);
        rt.partner = { bank: other.bank.index, shared: s.staffing.partner.shared };
      }
    }

    for (const j of spec.journeys) this.journeys.push(this.resolveJourney(j, stageOf, classOf));
    const journeyIndex = new Map(spec.journeys.map((j, k) => [j.id, k]));
    for (let k = 0; k < spec.journeys.length; k++) this.journeyTimes.push(new SampleSummary());

    spec.sources.forEach((src, index) => {
      const journey = journeyIndex.get(src.journey);
      if (journey === undefined) throw new RangeError(`source "${src.id}": journey "${src.journey}" is not defined`);
      const shares = this.classIds.map((c) => src.classes ? (src.classes[c] ?? 0) : 1);
      for (const c of Object.keys(src.classes ?? {})) classOf(c, `source "${src.id}" classes`);
      const total = shares.reduce((a, b) => a + b, 0);
      if (!(total > 0)) throw new RangeError(`source "${src.id}": class shares sum to ${total}, need > 0`);
      const cdf = new Float64Array(shares.length);
      let acc = 0;
      shares.forEach((v, k) => (cdf[k] = acc += v / total));
      const random = createRandom(`${seed}/source/${index}`);
      const level = levelOf(src.level, `source "${src.id}"`);
      if (this.walking && !src.spawn) throw new RangeError(`source "${src.id}": walking mode needs a spawn shape`);
      const rt: SourceRuntime = { index, stream: new ArrivalStream(src.pattern, random), journey, level, spawn: src.spawn && compileTarget(src.spawn), classCdf: cdf, random };
      this.sources.push(rt);
      // Arrivals the pattern makes before the run starts are not part of this run.
      let first = rt.stream.next();
      while (first < this.start) first = rt.stream.next();
      if (first !== Infinity) this.events.push(first, Ev.Spawn, index);
    });

    for (const rt of this.stages) {
      const s = rt.spec;
      if (s.kind === 'service') {
        const bank = rt.bank!;
        if (s.open) {
          const from = toSeconds(s.open.from), to = toSeconds(s.open.to);
          bank.inHours = this.start >= from && this.start < to;
          if (from > this.start) this.events.push(from, Ev.HoursOpen, bank.index);
          if (to > this.start) this.events.push(to, Ev.HoursClose, bank.index);
        }
        if (s.staffing) this.events.push(this.start + (s.staffing.interval ?? portSimulationDefaults.staffingInterval), Ev.Staffing, bank.index);
      } else if (s.kind === 'vehicle-stop') {
        const v = s.vehicles;
        if ('timetable' in v) for (const t of v.timetable) this.events.push(toSeconds(t), Ev.VehicleArrive, rt.index);
        else this.events.push(toSeconds(v.from), Ev.VehicleArrive, rt.index);
      }
    }

    if (this.walking) {
      for (const line of spec.measurement?.lines ?? []) {
        const level = levelOf(line.level, `measurement line "${line.id}"`);
        this.lineIds.push({ id: line.id, level, index: this.levels[level]!.addCountingLine(line.from, line.to) });
      }
      const cell = spec.measurement?.densityCell ?? portSimulationDefaults.densityCell;
      this.levels.forEach((sim, k) => {
        const queuePaths = this.stages.filter((s) => s.level === k && s.bank).flatMap((s) => s.bank!.paths.filter((p): p is QueuePath => !!p));
        this.density.push(new DensityGrid(sim, cell, queuePaths));
      });
    }
    this.events.push(this.start, Ev.Sample, 0);
    this.grow(64);
    this.fingerprint = fingerprintOf(JSON.stringify({ spec, options }));
  }

  /**
   * The whole state of the run now, as plain data (typed arrays, numbers, arrays and objects:
   * structured clone, postMessage and v8.serialize carry it), to carry on later with restore():
   * a day too long for one sitting, or a run saved at 09:00 and continued from there. It shares
   * the navigation fields' values with the simulation (they never change once computed), so
   * serialise it before stepping on if the copy must be independent.
   */
  snapshot(): PortSimulationSnapshot {
    return { format: SNAPSHOT_FORMAT, fingerprint: this.fingerprint, time: this.time, state: captureState(this, SNAPSHOT_FIXED) };
  }

  /**
   * Puts this simulation, freshly built from the same spec and options, into a snapshot's
   * state: stepping on then gives exactly what the run it was taken of gave, bit for bit.
   * Throws, changing nothing, when the snapshot is of another spec, options or version.
   */
  restore(snapshot: PortSimulationSnapshot): void {
    if (snapshot.format !== SNAPSHOT_FORMAT) throw new RangeError(`snapshot format "${String(snapshot.format)}", this version of portflow reads "${SNAPSHOT_FORMAT}"`);
    if (snapshot.fingerprint !== this.fingerprint) {
      throw new RangeError('the snapshot is of a simulation built from another spec or other options (or by another version of portflow)');
    }
    restoreState(this, snapshot.state);
  }

  /** Travellers in the system now (walking, queueing, served, riding, waiting to be placed). */
  get inSystem(): number {
    return this.spawned - this.exited;
  }

  /**
   * Computes every navigation field now (otherwise each is built on first use, in the middle
   * of a run). Returns how many fields there are.
   */
  prepareNavigation(): number {
    let n = 0;
    for (const sim of this.levels) {
      for (let t = 0; t < sim.navigation.targets.length; t++, n++) sim.navigation.prepare(t);
    }
    return n;
  }

  /** Advances one step dt: events due now, then every level's walking engine. */
  step(): void {
    if (!this.walking) {
      // runEventsUntil moves the clock to each event it handles (queueing-only mode), so the
      // step's end is fixed first: adding dt afterwards would overshoot past the last event.
      const end = this.time + this.dt;
      this.runEventsUntil(end);
      this.time = end;
      return;
    }
    this.runEventsUntil(this.time);
    this.placePending();
    for (const sim of this.levels) sim.step();
    // Counted in whole steps from the start, so a day of 0.1 s steps does not drift.
    this.steps++;
    this.time = this.start + this.steps * this.dt;
    // Resolve every arrival to its traveller before handling any: handling one can free an
    // agent slot and hand it to another traveller within this loop.
    let n = 0;
    for (let l = 0; l < this.levels.length; l++) {
      const sim = this.levels[l]!;
      if (this.arrived_.length < n + sim.arrivalCount) {
        const grown = new Int32Array(2 * (n + sim.arrivalCount));
        grown.set(this.arrived_);
        this.arrived_ = grown;
      }
      for (let k = 0; k < sim.arrivalCount; k++) this.arrived_[n++] = this.travellerOf[l]![sim.arrivals[k]!]!;
    }
    for (let k = 0; k < n; k++) if (this.arrived_[k]! >= 0) this.arrived(this.arrived_[k]!);
    this.slideQueues();
  }

  /** Runs until simulated time t (seconds since midnight); calls onProgress about every simulated minute. */
  runUntil(t: TimeOfDay, onProgress?: (time: number) => void): void {
    const end = toSeconds(t);
    if (!this.walking) {
      let next = this.time + 60;
      while (this.time < end) {
        const upTo = Math.min(end, next);
        this.runEventsUntil(upTo);
        this.time = upTo;
        if (this.time >= next) {
          onProgress?.(this.time);
          next += 60;
        }
      }
      return;
    }
    let nextReport = this.time + 60;
    // Steps whose end is at or before `end` (to within rounding): never one past it.
    while (this.time + this.dt <= end + 1e-6) {
      this.step();
      if (onProgress && this.time >= nextReport) {
        onProgress(this.time);
        nextReport += 60;
      }
    }
  }

  /** The numbers a planner reads, as a plain JSON-able object. */
  metrics(): PortMetrics {
    const t = this.time;
    const stages: StageMetrics[] = this.stages.map((rt) => {
      const base = { id: rt.spec.id, kind: rt.spec.kind, entered: rt.entered };
      if (rt.bank) {
        const b = rt.bank;
        const staffedTime = b.staffed.average(t) * (t - this.start);
        return {
          ...base,
          served: b.served,
          failed: b.failed,
          waits: { ...b.waits.toRecord(), within15min: b.waits.shareAtMost(900), within30min: b.waits.shareAtMost(1800), delayed: b.waits.shareAbove(0) },
          utilisation: staffedTime > 0 ? (b.busy.average(t) * (t - this.start)) / staffedTime : 0,
          openServersMean: b.open.average(t),
          queue: { peak: b.queueLength.peak, mean: b.queueLength.average(t), series: b.queueSeries },
          servedPerHour: b.servedPerHour.entries(),
        };
      }
      if (rt.waits) {
        return {
          ...base,
          waits: { ...rt.waits.toRecord(), within15min: rt.waits.shareAtMost(900), within30min: rt.waits.shareAtMost(1800), delayed: rt.waits.shareAbove(0) },
          boarded: rt.boarded ?? 0,
          leftBehind: rt.leftBehind ?? 0,
        };
      }
      return base;
    });
    const hours = new Map<number, { hour: number; arrived: number; exited: number }>();
    for (const [h, n] of this.arrivedHourly.entries()) hours.set(h, { hour: h, arrived: n, exited: 0 });
    for (const [h, n] of this.exitedHourly.entries()) {
      const e = hours.get(h) ?? { hour: h, arrived: 0, exited: 0 };
      e.exited = n;
      hours.set(h, e);
    }
    return {
      start: this.start,
      time: t,
      spawned: this.spawned,
      inSystem: this.inSystem,
      exited: this.exited,
      meanInSystem: this.inSystemTW.average(t),
      stages,
      journeys: this.journeys.map((j, k) => {
        const s = this.journeyTimes[k]!;
        return { id: j.id, completed: s.count, timeInSystem: s.toRecord(), within15min: s.shareAtMost(900), within30min: s.shareAtMost(1800) };
      }),
      hourly: [...hours.values()].sort((a, b) => a.hour - b.hour),
      flows: this.lineIds.map((l) => {
        const c = this.levels[l.level]!.lineCounts;
        return { id: l.id, forward: c[2 * l.index]!, backward: c[2 * l.index + 1]! };
      }),
      levelOfService: this.density.map((d, k) => ({ level: this.levelIds[k]!, cellSize: d.cell, worst: d.worst() })),
    };
  }

  /**
   * Where everyone in the port is, counted from the places themselves (not from the spawned
   * and exited counters): agents on the levels that belong to a traveller, travellers standing
   * in queue lines, travellers waiting to be placed (on a train, at a bay), and those riding a
   * vehicle or a link. In walking mode the sum equals inSystem; in queueing-only mode only
   * `queued` and `riding` are counted.
   */
  census(): { walking: number; queued: number; pending: number; riding: number } {
    let walking = 0, queued = 0, riding = 0;
    for (let l = 0; l < this.levels.length; l++) {
      const a = this.levels[l]!.agents;
      const map = this.travellerOf[l]!;
      for (let s = 0; s < a.highWater; s++) if (a.active[s] && map[s]! >= 0) walking++;
    }
    for (const bank of this.banks) {
      for (let l = 0; l < bank.lines.length; l++) {
        const line = bank.lines[l]!;
        for (let k = 0; k < line.size; k++) if (this.tSlot[line.at(k)]! < 0) queued++;
      }
    }
    for (let t = 0; t < this.high; t++) if (this.tPhase[t] === Phase.Riding) riding++;
    return { walking, queued, pending: this.pending.size + this.backingOut.length, riding };
  }

  /**
   * The longest anyone now in the port has been in it, s (0 when it is empty): a traveller
   * held far beyond any journey's time is stuck. For soaks and tests (it scans every traveller).
   */
  longestInSystem(): number {
    let first = this.time;
    for (let t = 0; t < this.high; t++) if (this.tPhase[t] !== Phase.Gone && this.tSpawn[t]! < first) first = this.tSpawn[t]!;
    return this.time - first;
  }

  /**
   * The `count` travellers longest in the port now, longest first: how long, at or bound for
   * which stage, doing what, and where (on a level, walking or standing in a line). For finding
   * who is stuck and where, in soaks and in a restored snapshot.
   */
  longestStays(count: number): TravellerStay[] {
    const inPort: number[] = [];
    for (let t = 0; t < this.high; t++) if (this.tPhase[t] !== Phase.Gone) inPort.push(t);
    inPort.sort((a, b) => this.tSpawn[a]! - this.tSpawn[b]! || a - b);
    return inPort.slice(0, count).map((t): TravellerStay => {
      const rt = this.stages[this.tStage[t]!]!;
      const stay = { traveller: t, stay: this.time - this.tSpawn[t]!, stage: rt.spec.id, doing: ACTIVITY[this.tPhase[t]! as Phase] };
      const level = this.tLevel[t]!, slot = this.tSlot[t]!;
      if (this.walking && slot >= 0) {
        const a = this.levels[level]!.agents;
        return { ...stay, level: this.levelIds[level]!, x: a.x[slot]!, y: a.y[slot]! };
      }
      const path = this.tPhase[t] === Phase.Queued ? rt.bank?.paths[this.tLine[t]!] : undefined;
      if (!path) return stay;
      path.pointOnRoute(this.tArc[t]!, this.tVia[t]!, this.tOffset[t]!, this.point);
      return { ...stay, level: this.levelIds[rt.level]!, x: this.point[0]!, y: this.point[1]! };
    });
  }

  /** Stage id, position and phase of every traveller on a level, for viewers and tests. */
  travellerAtSlot(level: number, slot: number): number {
    return this.travellerOf[level]?.[slot] ?? -1;
  }

  // ---------------------------------------------------------------------------------------
  // Events

  private runEventsUntil(t: number): void {
    const ev = this.ev;
    while (this.events.peekTime() <= t) {
      this.events.pop(ev);
      const now = ev[0]!;
      const a = ev[2]!, b = ev[3]!;
      if (!this.walking) this.time = Math.max(this.time, now);
      switch (ev[1]! as Ev) {
        case Ev.Spawn:
          this.spawn(a, now);
          break;
        case Ev.Arrive:
          this.arrived(a, now);
          break;
        case Ev.ServiceDone:
          this.serviceDone(a, b, now);
          break;
        case Ev.WaitDone:
          this.leaveSpot(a);
          this.advance(a, now);
          break;
        case Ev.VehicleArrive:
          this.vehicleArrives(a, now);
          break;
        case Ev.VehicleDepart:
          this.vehicleDeparts(a, now);
          break;
        case Ev.Staffing:
          this.staff(a, now);
          break;
        case Ev.RideDone:
          this.alight(a, b, now);
          break;
        case Ev.HoursOpen:
          this.banks[a]!.inHours = true;
          this.dispatch(a, now);
          break;
        case Ev.HoursClose:
          this.banks[a]!.inHours = false;
          break;
        case Ev.Sample:
          this.sample(now);
          this.events.push(now + this.sampleInterval, Ev.Sample, 0);
          break;
      }
    }
  }

  private spawn(source: number, t: number): void {
    const src = this.sources[source]!;
    const trav = this.newTraveller();
    const u = src.random.uniform();
    let cls = 0;
    while (cls < src.classCdf.length - 1 && u > src.classCdf[cls]!) cls++;
    this.tCls[trav] = cls;
    this.tJourney[trav] = src.journey;
    this.tSpawn[trav] = t;
    this.tLevel[trav] = src.level;
    this.tSlot[trav] = -1;
    this.tSpot[trav] = -1;
    this.tStage[trav] = this.journeys[src.journey]!.start;
    this.spawned++;
    this.arrivedHourly.add(t);
    this.inSystemTW.set(t, this.inSystem);
    if (this.walking) {
      this.pending.push(trav);
      this.pendingShape[trav] = src.spawn;
    } else {
      this.enterStage(trav, this.tStage[trav]!, t);
    }
    const next = src.stream.next();
    if (next !== Infinity) this.events.push(Math.max(next, t), Ev.Spawn, source);
  }

  /**
   * Places waiting travellers where there is room: those spawning or alighting in order, those
   * stepping out of a gate lane each as soon as its lane's mouth is free.
   */
  private placePending(): void {
    let tries = this.pending.size;
    while (tries-- > 0) {
      const trav = this.pending.at(0);
      if (!this.place(trav)) break; // keep order: the rest wait for the next step
      this.pending.shift();
    }
    const out = this.backingOut;
    for (let i = 0; i < out.length; ) {
      if (this.place(out[i]!)) {
        out[i] = out[out.length - 1]!;
        out.pop();
      } else i++;
    }
  }

  /** Puts a traveller at a free point of its pendingShape and starts it on its stage, or returns false. */
  private place(trav: number): boolean {
    const level = this.tLevel[trav]!;
    const sim = this.levels[level]!;
    const shape = this.pendingShape[trav]!;
    for (let attempt = 0; attempt < 8; attempt++) {
      samplePoint(shape, this.placeRandom, this.point);
      const x = this.point[0]!, y = this.point[1]!;
      // Room for a body plus the distance a neighbour may walk in this step.
      if (!sim.geometry.contains(x, y) || !sim.isFree(x, y, 0.25 + 2.5 * this.dt)) continue;
      const slot = sim.addAgent({ x, y, target: this.stages[this.tStage[trav]!]!.target, class: this.tCls[trav]! + 1, onArrival: 'hold' });
      this.bind(trav, level, slot);
      this.pendingShape[trav] = undefined;
      this.tSpeed[trav] = sim.agents.desiredSpeed[slot]!;
      this.enterStage(trav, this.tStage[trav]!, this.time);
      return true;
    }
    return false;
  }

  private bind(trav: number, level: number, slot: number): void {
    let map = this.travellerOf[level]!;
    if (map.length <= slot) {
      const next = new Int32Array(this.levels[level]!.agents.capacity).fill(-1);
      next.set(map);
      this.travellerOf[level] = map = next;
    }
    map[slot] = trav;
    this.tSlot[trav] = slot;
    this.tLevel[trav] = level;
  }

  /** Takes the traveller's body off its level (boarding, a link, leaving). */
  private unbind(trav: number): void {
    const slot = this.tSlot[trav]!;
    if (slot < 0) return;
    const level = this.tLevel[trav]!;
    const sim = this.levels[level]!;
    this.tSlot[trav] = -1;
    // The engine may already have removed the agent (it reached an exit) and handed its slot
    // to someone else in this step: only release a slot that is still this traveller's.
    if (this.travellerOf[level]![slot] !== trav) return;
    this.travellerOf[level]![slot] = -1;
    if (sim.agents.active[slot]) {
      sim.agents.release(slot);
      // The engine counts agents it loses; the port counts travellers, so balance the books.
      sim.exited++;
    }
  }

  private enterStage(trav: number, stage: number, t: number): void {
    const rt = this.stages[stage]!;
    this.tStage[trav] = stage;
    this.tPhase[trav] = Phase.ToStage;
    rt.entered++;
    if (rt.eligible && !rt.eligible[this.tCls[trav]!]) {
      throw new Error(`traveller of class "${this.classIds[this.tCls[trav]!]}" routed to stage "${rt.spec.id}", which does not serve that class`);
    }
    if (rt.bank) this.tLine[trav] = rt.bank.chooseLine(rt.choice ?? 'shortest', this.routeRandom.uniform());
    if (!this.walking) {
      this.events.push(t, Ev.Arrive, trav);
      return;
    }
    const level = this.tLevel[trav]!;
    if (rt.level !== level) {
      throw new Error(`stage "${rt.spec.id}" is on level "${this.levelIds[rt.level]}" but the traveller is on "${this.levelIds[level]}": add a link stage`);
    }
    const target = rt.lineTargets ? rt.lineTargets[this.tLine[trav]!]! : rt.target;
    this.levels[level]!.setTarget(this.tSlot[trav]!, target, rt.spec.kind === 'exit' ? 'remove' : 'hold');
  }

  private arrived(trav: number, t = this.time): void {
    const rt = this.stages[this.tStage[trav]!]!;
    const s = rt.spec;
    // On its spot in a waiting area or at a stop (the dwell or the boarding order began when it
    // reached the area).
    if (this.tPhase[trav] === Phase.ToSpot) {
      this.tPhase[trav] = Phase.Holding;
      return;
    }
    switch (s.kind) {
      case 'waypoint':
        this.advance(trav, t);
        return;
      case 'service':
        if (this.tPhase[trav] === Phase.ToServer) this.startService(trav, t);
        else if (this.tPhase[trav] === Phase.ToStandby) this.reachStandby(trav, rt);
        else this.join(trav, rt, t);
        return;
      case 'waiting':
        // In the area the dwell starts; the traveller walks on to a free spot (stays here when
        // all are taken), and leaves when the dwell ends even if others kept it from its spot.
        this.events.push(t + sample(this.serviceRandom, s.dwell), Ev.WaitDone, trav);
        if (!this.walkToSpot(trav, rt)) this.tPhase[trav] = Phase.Holding;
        return;
      case 'vehicle-stop':
        // At the stop: in the boarding order from now, on the way to a free spot if there is one.
        this.tJoin[trav] = t;
        rt.waitingList!.push(trav);
        if (!this.walkToSpot(trav, rt)) this.tPhase[trav] = Phase.Holding;
        if (rt.present) this.board(rt, t);
        return;
      case 'link': {
        this.unbind(trav);
        this.tPhase[trav] = Phase.Riding;
        const depart = Math.max(t, rt.nextFree!);
        rt.nextFree = depart + 60 / s.capacity;
        this.events.push(depart + s.travelTime, Ev.RideDone, trav, rt.index);
        return;
      }
      case 'exit':
        this.leave(trav, t);
        return;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Service banks

  /**
   * Empties server k's standby places and returns the traveller nearest the server (or -1);
   * the others take the places from the front in order of their distance to the server, so
   * nobody in a narrow lane has to pass someone standing ahead of them.
   */
  private promoteStandby(rt: StageRuntime, server: number): number {
    const bank = rt.bank!;
    const sb = bank.standby!;
    const first = server * bank.depth;
    const [gx, gy] = (rt.spec as Extract<StageSpec, { kind: 'service' }>).servers[server]!;
    const waiting: number[] = this.scratchWaiting;
    waiting.length = 0;
    for (let p = first; p < first + bank.depth; p++) {
      if (sb[p]! >= 0) waiting.push(sb[p]!);
      sb[p] = -1;
    }
    if (waiting.length === 0) return -1;
    const dist = (t: number): number => this.distanceTo(t, gx, gy);
    waiting.sort((p, q) => dist(p) - dist(q) || p - q);
    for (let i = 1; i < waiting.length; i++) {
      const t = waiting[i]!;
      sb[first + i - 1] = t;
      this.tLine[t] = first + i - 1;
      this.tPhase[t] = Phase.ToStandby;
      this.levels[this.tLevel[t]!]!.setTarget(this.tSlot[t]!, rt.standbyTargets![first + i - 1]!, 'hold');
    }
    return waiting[0]!;
  }

  /**
   * A traveller reached its standby place. If someone given the server, or a place nearer it,
   * is still on the way behind it, the two swap: in a narrow gate lane the later one could not
   * pass the one already standing, and the lane would lock. Only from behind: one on the way but
   * already nearer the server (just promoted from the place in front) keeps its turn, or the
   * swap would send it back through the one who arrived, and the two would swap again on every
   * arrival (seen at Liantang: two travellers inside their targets' circles swapping every step
   * with the gate idle, or three locked in one 0.9 m gate lane for a quarter of an hour and more).
   */
  private reachStandby(trav: number, rt: StageRuntime): void {
    const bank = rt.bank!;
    const sb = bank.standby!;
    const spot = this.tLine[trav]!;
    const first = spot - (spot % bank.depth);
    const server = first / bank.depth;
    const [gx, gy] = (rt.spec as Extract<StageSpec, { kind: 'service' }>).servers[server]!;
    const here = this.distanceTo(trav, gx, gy);
    const ahead = bank.occupant[server]!;
    if (ahead >= 0 && this.tPhase[ahead] === Phase.ToServer && this.distanceTo(ahead, gx, gy) > here) {
      // The server's own next traveller is still on the way: this one, already here, goes first.
      bank.occupant[server] = trav;
      this.tLine[trav] = server;
      this.tPhase[trav] = Phase.ToServer;
      this.levels[this.tLevel[trav]!]!.setTarget(this.tSlot[trav]!, rt.serverTargets![server]!, 'hold');
      sb[spot] = ahead;
      this.tLine[ahead] = spot;
      this.tPhase[ahead] = Phase.ToStandby;
      this.levels[this.tLevel[ahead]!]!.setTarget(this.tSlot[ahead]!, rt.standbyTargets![spot]!, 'hold');
      return;
    }
    for (let p = first; p < spot; p++) {
      const other = sb[p]!;
      if (other < 0 || this.tPhase[other] === Phase.AtStandby || this.distanceTo(other, gx, gy) <= here) continue;
      sb[p] = trav;
      sb[spot] = other;
      this.tLine[trav] = p;
      this.tLine[other] = spot;
      this.levels[this.tLevel[trav]!]!.setTarget(this.tSlot[trav]!, rt.standbyTargets![p]!, 'hold');
      this.levels[this.tLevel[other]!]!.setTarget(this.tSlot[other]!, rt.standbyTargets![spot]!, 'hold');
      return;
    }
    this.tPhase[trav] = Phase.AtStandby;
  }

  /**
   * The mouth of server k's lane: the first point behind its last standby place, going on away
   * from the server, with LANE_CLEARANCE to every wall (out from between lane dividers), or the
   * clearest point within MOUTH_SEARCH when none is that clear. Found on first use, kept.
   */
  private laneMouth(rt: StageRuntime, server: number): CompiledTarget {
    const mouths = (rt.laneMouths ??= []);
    const known = mouths[server];
    if (known) return known;
    const s = rt.spec as Extract<StageSpec, { kind: 'service' }>;
    const geometry = this.levels[rt.level]!.geometry;
    const spot = s.standby![server]!;
    const back = STANDBY_PITCH * (rt.bank!.depth - 1);
    let [bestX, bestY] = behindStandby(s.servers[server]!, spot, back);
    let bestClear = -1;
    for (let d = back + STANDBY_PITCH; d <= back + MOUTH_SEARCH; d += 0.1) {
      const [x, y] = behindStandby(s.servers[server]!, spot, d);
      if (!geometry.contains(x, y)) break;
      const clear = geometry.distanceToWall(x, y);
      if (clear > bestClear) {
        bestClear = clear;
        bestX = x;
        bestY = y;
      }
      if (clear >= LANE_CLEARANCE) break;
    }
    return (mouths[server] = compileTarget({ kind: 'point', x: bestX, y: bestY, radius: 0.2 }));
  }

  /** Straight-line distance from a traveller on a level (it has an agent slot) to (x, y), m. */
  private distanceTo(trav: number, x: number, y: number): number {
    const a = this.levels[this.tLevel[trav]!]!.agents;
    const slot = this.tSlot[trav]!;
    return hypot(a.x[slot]! - x, a.y[slot]! - y);
  }

  private join(trav: number, rt: StageRuntime, t: number): void {
    const bank = rt.bank!;
    const line = this.tLine[trav]!;
    const fromSpill = this.tPhase[trav] === Phase.FromSpill;
    if (fromSpill) bank.admitted[line]!--;
    else this.tJoin[trav] = t;
    if (fromSpill || bank.room(line) > 0) {
      bank.lines[line]!.push(trav);
      this.tPhase[trav] = Phase.Queued;
      const path = bank.paths[line];
      if (path && this.tSlot[trav]! >= 0) {
        // Queued travellers leave the movement model: a point on the line's path until they
        // reach the front (see slideQueues). The walkers around never bump into them, and
        // they cost one arc update per step.
        this.tArc[trav] = path.length;
        this.tVia[trav] = -1;
        this.tOffset[trav] = 0;
        // Belts opened ahead of the line: in across them, straight to the lane where it will
        // stand when everyone before it in the line stands close (they all count, those still
        // walking in too: each one's lane must not depend on the others' way in).
        const via = path.openingFor(path.placeOf(bank.lines[line]!.size - 1));
        if (via >= 0) {
          this.tVia[trav] = via;
          this.tArc[trav] = via + path.crossing(via, this.point);
        }
        this.unbind(trav);
      }
    } else {
      bank.spill[line]!.push(trav);
      this.tPhase[trav] = Phase.Spilled;
    }
    bank.queueLength.set(t, bank.waiting());
    this.dispatch(bank.index, t);
  }

  /** Sends the heads of the lines to free servers, then lets the spill lists move up. */
  private dispatch(bankIndex: number, t: number): void {
    const bank = this.banks[bankIndex]!;
    const rt = this.stages[this.bankStage[bankIndex]!]!;
    for (let l = 0; l < bank.lines.length; l++) {
      const line = bank.lines[l]!;
      let server: number;
      // In walking mode a traveller leaves the line once at the front row and with room to
      // step back into the hall there; people standing abreast in the front row go in any
      // order (otherwise one blocked spot would hold the whole row).
      let pick = 0;
      while (line.size > 0 && (server = bank.freeServerFor(l)) !== -1 && (pick = this.leaver(line, bank.paths[l])) >= 0) {
        const trav = line.removeAt(pick);
        bank.waits.add(t - this.tJoin[trav]!);
        if (server <= -2) {
          // To a standby place behind a busy server; it moves up when the server frees.
          const k = -2 - server;
          bank.standby![k] = trav;
          this.tLine[trav] = k;
          this.tPhase[trav] = Phase.ToStandby;
          this.levels[this.tLevel[trav]!]!.setTarget(this.tSlot[trav]!, rt.standbyTargets![k]!, 'hold');
          continue;
        }
        bank.occupant[server] = trav;
        this.tLine[trav] = server;
        this.tPhase[trav] = Phase.ToServer;
        if (this.walking) this.levels[this.tLevel[trav]!]!.setTarget(this.tSlot[trav]!, rt.serverTargets![server]!, 'hold');
        else this.startService(trav, t);
      }
      const spill = bank.spill[l]!;
      while (spill.size > 0 && bank.room(l) > 0) {
        const trav = spill.shift();
        bank.admitted[l]!++;
        this.tPhase[trav] = Phase.FromSpill;
        this.tLine[trav] = l;
        if (this.walking) this.levels[this.tLevel[trav]!]!.setTarget(this.tSlot[trav]!, rt.lineTargets![l]!, 'hold');
        else this.events.push(t, Ev.Arrive, trav);
      }
    }
    bank.queueLength.set(t, bank.waiting());
  }

  private startService(trav: number, t: number): void {
    const rt = this.stages[this.tStage[trav]!]!;
    const bank = rt.bank!;
    const server = this.tLine[trav]!;
    this.tPhase[trav] = Phase.InService;
    bank.serving[server] = 1;
    bank.busy.set(t, bank.busyCount());
    const duration = sample(this.serviceRandom, rt.serviceByClass![this.tCls[trav]!]!) + this.tPenalty[trav]!;
    this.tPenalty[trav] = 0;
    this.events.push(t + duration, Ev.ServiceDone, bank.index, server);
  }

  private serviceDone(bankIndex: number, server: number, t: number): void {
    const bank = this.banks[bankIndex]!;
    const rt = this.stages[this.bankStage[bankIndex]!]!;
    const trav = bank.occupant[server]!;
    bank.occupant[server] = -1;
    bank.serving[server] = 0;
    bank.busy.set(t, bank.busyCount());
    bank.served++;
    bank.servedPerHour.add(t);
    const next = bank.standby ? this.promoteStandby(rt, server) : -1;
    if (next >= 0) {
      // The one on standby nearest the server steps up (from its place, or still on the way);
      // a closing server serves them before it closes.
      bank.occupant[server] = next;
      this.tLine[next] = server;
      this.tPhase[next] = Phase.ToServer;
      this.levels[this.tLevel[next]!]!.setTarget(this.tSlot[next]!, rt.serverTargets![server]!, 'hold');
    } else if (bank.state[server] === SERVER_CLOSING) {
      bank.state[server] = SERVER_CLOSED;
      bank.noteStaffing(t);
    }
    if (rt.failure && this.serviceRandom.uniform() < rt.failure.p) {
      bank.failed++;
      this.tPenalty[trav] = rt.failure.penalty;
      if (bank.standby && this.tSlot[trav]! >= 0) {
        // Turned back at the gate: out past those waiting in its lane, who step aside for it.
        // The squeeze is not walked (in a 0.9 m lane between dividers four bodies can lock for
        // good: seen at Liantang's self-service gates); it reappears at the lane's mouth, with
        // the walk back (3 m or so) and the penalty as its cost, and goes on to the fallback.
        this.unbind(trav);
        this.tStage[trav] = rt.failure.fallback;
        this.tPhase[trav] = Phase.ToStage;
        this.pendingShape[trav] = this.laneMouth(rt, server);
        this.backingOut.push(trav);
      } else {
        this.enterStage(trav, rt.failure.fallback, t);
      }
    } else {
      this.advance(trav, t);
    }
    this.dispatch(bankIndex, t);
  }

  /** Opens or closes one server by the bank's staffing rule (validation-free: see StaffingSpec). */
  private staff(bankIndex: number, t: number): void {
    const bank = this.banks[bankIndex]!;
    const rt = this.stages[this.bankStage[bankIndex]!]!;
    const rule = (rt.spec as Extract<StageSpec, { kind: 'service' }>).staffing!;
    const min = rule.min ?? 1;
    const max = Math.min(rule.max ?? bank.servers, bank.servers);
    const wait = bank.expectedWait();
    const open = bank.openCount();
    if ((wait > rule.openAbove || open < min) && open < max) {
      for (let k = 0; k < bank.servers; k++) {
        if (bank.state[k] === SERVER_OPEN) continue;
        if (bank.state[k] === SERVER_CLOSING) {
          bank.state[k] = SERVER_OPEN;
          break;
        }
        if (!this.partnerAllows(rt, k)) continue;
        bank.state[k] = SERVER_OPEN;
        break;
      }
    } else if (wait < rule.closeBelow && open > min) {
      let pick = -1;
      for (let k = bank.servers - 1; k >= 0; k--) {
        if (bank.state[k] !== SERVER_OPEN) continue;
        if (bank.occupant[k] === -1 && bank.standbyEmpty(k)) {
          pick = k;
          break;
        }
        if (pick < 0) pick = k;
      }
      if (pick >= 0) bank.state[pick] = bank.occupant[pick] === -1 ? SERVER_CLOSED : SERVER_CLOSING;
    }
    bank.noteStaffing(t);
    this.dispatch(bankIndex, t);
    this.events.push(t + (rule.interval ?? portSimulationDefaults.staffingInterval), Ev.Staffing, bankIndex);
  }

  /** A shared (contra-flow) desk may open here only while the partner bank has it closed and free. */
  private partnerAllows(rt: StageRuntime, server: number): boolean {
    const p = rt.partner;
    if (!p) return true;
    const bank = rt.bank!;
    const offset = server - (bank.servers - p.shared);
    if (offset < 0) return true;
    const other = this.banks[p.bank]!;
    const k = other.servers - p.shared + offset;
    return other.state[k] === SERVER_CLOSED && other.occupant[k] === -1;
  }

  /**
   * Queued travellers slide along their line's path towards their place (1-D, no movement
   * model): place k stands at row floor(k / abreast), `spacing` m apart and never closer than
   * that to the one ahead in the same file; moves across the lane between files go at walking
   * speed too.
   */
  private slideQueues(): void {
    const dt = this.dt;
    for (const bank of this.banks) {
      for (let l = 0; l < bank.lines.length; l++) {
        const path = bank.paths[l];
        if (!path) continue;
        const line = bank.lines[l]!;
        const files = path.abreast;
        for (let k = 0; k < line.size; k++) {
          const trav = line.at(k);
          const ahead = k >= files ? this.aheadOnPath(line.at(k - files), trav) : -Infinity;
          const goal = Math.max(path.placeOf(k), ahead + path.spacing);
          const step = this.tSpeed[trav]! * dt;
          const arc = this.tArc[trav]!;
          if (arc > goal) this.tArc[trav] = Math.max(goal, arc - step);
          const off = this.tOffset[trav]!;
          const want = path.offsetOf(k);
          this.tOffset[trav] = off < want ? Math.min(want, off + step) : Math.max(want, off - step);
        }
        if (line.size > 0 && bank.freeServerFor(l) !== -1) this.dispatch(bank.index, this.time);
      }
    }
  }

  /** True while a queued traveller walks from the tail straight to its opening. */
  private onWayIn(trav: number): boolean {
    const via = this.tVia[trav]!;
    return via >= 0 && this.tArc[trav]! > via;
  }

  /**
   * The arc that holds `behind` back: that of the one ahead of it, measured along the same way
   * in when both came by the same opening (one behind the other on the crossing); one still
   * crossing to another opening counts as standing at it.
   */
  private aheadOnPath(ahead: number, behind: number): number {
    const via = this.tVia[ahead]!;
    return via === this.tVia[behind] || !this.onWayIn(ahead) ? this.tArc[ahead]! : via;
  }

  /** Which of the front row may leave the line now (its index in the line), or -1. */
  private leaver(line: Fifo, path: QueuePath | undefined): number {
    if (!path) return 0;
    const row = Math.min(line.size, path.abreast);
    for (let k = 0; k < row; k++) if (this.reenter(line.at(k), path)) return k;
    return -1;
  }

  /**
   * A queued traveller at the front of its line steps back into the movement model, at its
   * place, if nobody stands there. Returns false (stay queued) when not at the front or not free.
   */
  private reenter(trav: number, path: QueuePath): boolean {
    if (this.tSlot[trav]! >= 0) return true;
    if (this.tArc[trav]! > FRONT) return false;
    const level = this.tLevel[trav]!;
    const sim = this.levels[level]!;
    path.pointBeside(this.tArc[trav]!, this.tOffset[trav]!, this.point);
    const x = this.point[0]!, y = this.point[1]!;
    const cls = this.spec.classes[this.tCls[trav]!];
    const radius = cls?.radius ?? walkerCalibrations[cls?.calibration ?? 'everyday'].radius;
    if (!sim.isFree(x, y, radius + 0.05)) return false;
    const stage = this.stages[this.tStage[trav]!]!;
    const slot = sim.addAgent({ x, y, target: stage.target, class: this.tCls[trav]! + 1, desiredSpeed: this.tSpeed[trav]!, onArrival: 'hold' });
    this.bind(trav, level, slot);
    return true;
  }

  /** Index of a traveller's class (order of the spec's classes). */
  travellerClass(traveller: number): number {
    return this.tCls[traveller]!;
  }

  /** Calls fn(x, y, traveller) for every queued traveller on a level (they are not agents). */
  forEachQueued(level: number, fn: (x: number, y: number, traveller: number) => void): void {
    for (let b = 0; b < this.banks.length; b++) {
      if (this.stages[this.bankStage[b]!]!.level !== level) continue;
      const bank = this.banks[b]!;
      for (let l = 0; l < bank.lines.length; l++) {
        const path = bank.paths[l];
        if (!path) continue;
        const line = bank.lines[l]!;
        for (let k = 0; k < line.size; k++) {
          const trav = line.at(k);
          if (this.tSlot[trav]! >= 0) continue;
          path.pointOnRoute(this.tArc[trav]!, this.tVia[trav]!, this.tOffset[trav]!, this.point);
          fn(this.point[0]!, this.point[1]!, trav);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Vehicles, links, journeys

  private vehicleArrives(stage: number, t: number): void {
    const rt = this.stages[stage]!;
    const s = rt.spec as Extract<StageSpec, { kind: 'vehicle-stop' }>;
    rt.present = true;
    rt.capacityLeft = s.capacity;
    this.board(rt, t);
    this.events.push(t + s.dwell, Ev.VehicleDepart, stage);
    if ('headway' in s.vehicles) {
      const next = t + s.vehicles.headway;
      if (next < toSeconds(s.vehicles.to)) this.events.push(next, Ev.VehicleArrive, stage);
    }
  }

  private vehicleDeparts(stage: number, _t: number): void {
    const rt = this.stages[stage]!;
    rt.present = false;
    rt.leftBehind! += rt.waitingList!.size;
  }

  private board(rt: StageRuntime, t: number): void {
    const s = rt.spec as Extract<StageSpec, { kind: 'vehicle-stop' }>;
    const list = rt.waitingList!;
    while (rt.capacityLeft! > 0 && list.size > 0) {
      const trav = list.shift();
      rt.capacityLeft!--;
      rt.boarded!++;
      rt.waits!.add(t - this.tJoin[trav]!);
      this.leaveSpot(trav);
      this.unbind(trav);
      const next = this.journeys[this.tJourney[trav]!]!.next[rt.index];
      if (s.ride && next) {
        this.tPhase[trav] = Phase.Riding;
        this.events.push(t + s.ride.duration, Ev.RideDone, trav, rt.index);
      } else {
        this.leave(trav, t);
      }
    }
  }

  /**
   * Sends a traveller who reached a waiting area or stop to the free spot farthest from where it
   * came in (the area fills from the back, so newcomers never have to pass those standing);
   * false when none is free.
   */
  private walkToSpot(trav: number, rt: StageRuntime): boolean {
    const spots = rt.spots;
    if (!spots) return false;
    const level = this.levels[this.tLevel[trav]!]!;
    const slot = this.tSlot[trav]!;
    const x = level.agents.x[slot]!, y = level.agents.y[slot]!;
    let k = -1, far = -1;
    for (let j = 0; j < spots.taken.length; j++) {
      if (spots.taken[j]! >= 0) continue;
      const d = (spots.x[j]! - x) ** 2 + (spots.y[j]! - y) ** 2;
      if (d > far) {
        far = d;
        k = j;
      }
    }
    if (k < 0) return false;
    spots.taken[k] = trav;
    this.tSpot[trav] = k;
    this.tPhase[trav] = Phase.ToSpot;
    level.setTarget(slot, spots.targets[k]!, 'hold');
    return true;
  }

  /** Frees the spot a traveller held, if any. */
  private leaveSpot(trav: number): void {
    const k = this.tSpot[trav]!;
    if (k < 0) return;
    this.stages[this.tStage[trav]!]!.spots!.taken[k] = -1;
    this.tSpot[trav] = -1;
  }

  /** After a ride (vehicle or link) the traveller reappears at the alighting place and goes on. */
  private alight(trav: number, stage: number, t: number): void {
    const rt = this.stages[stage]!;
    const shape = rt.alight;
    if (!this.walking || !shape) {
      this.advance(trav, t);
      return;
    }
    const next = this.nextStage(trav, t);
    if (next < 0) {
      this.leave(trav, t);
      return;
    }
    this.tLevel[trav] = rt.alightLevel!;
    this.tStage[trav] = next;
    this.tPhase[trav] = Phase.ToStage;
    this.pending.push(trav);
    this.pendingShape[trav] = shape;
  }

  /** Moves a traveller on from its current stage along its journey (or out, if it ends here). */
  private advance(trav: number, t: number): void {
    const next = this.nextStage(trav, t);
    if (next < 0) {
      this.leave(trav, t);
      return;
    }
    this.enterStage(trav, next, t);
  }

  private nextStage(trav: number, _t: number): number {
    const tr = this.journeys[this.tJourney[trav]!]!.next[this.tStage[trav]!];
    if (!tr) return -1;
    const cls = this.tCls[trav]!;
    switch (tr.kind) {
      case 'fixed':
        return tr.to;
      case 'class':
        return tr.map[cls]! >= 0 ? tr.map[cls]! : tr.otherwise;
      case 'probability': {
        let total = 0;
        for (let k = 0; k < tr.to.length; k++) if (this.eligibleFor(tr.to[k]!, cls)) total += tr.p[k]!;
        let u = this.routeRandom.uniform() * total;
        for (let k = 0; k < tr.to.length; k++) {
          if (!this.eligibleFor(tr.to[k]!, cls)) continue;
          u -= tr.p[k]!;
          if (u < 0) return tr.to[k]!;
        }
        for (let k = tr.to.length - 1; k >= 0; k--) if (this.eligibleFor(tr.to[k]!, cls)) return tr.to[k]!;
        throw new Error(`no stage after "${this.stages[this.tStage[trav]!]!.spec.id}" serves class "${this.classIds[cls]}"`);
      }
      case 'shortest-wait': {
        let best = -1;
        let bestWait = Infinity;
        for (const s of tr.to) {
          if (!this.eligibleFor(s, cls)) continue;
          const bank = this.stages[s]!.bank;
          const w = bank ? bank.expectedWait() : 0;
          if (best < 0 || w < bestWait) {
            best = s;
            bestWait = w;
          }
        }
        if (best < 0) throw new Error(`no stage after "${this.stages[this.tStage[trav]!]!.spec.id}" serves class "${this.classIds[cls]}"`);
        return best;
      }
    }
  }

  private eligibleFor(stage: number, cls: number): boolean {
    const e = this.stages[stage]!.eligible;
    return !e || e[cls] === 1;
  }

  private leave(trav: number, t: number): void {
    this.unbind(trav);
    this.exited++;
    this.exitedHourly.add(t);
    this.journeyTimes[this.tJourney[trav]!]!.add(t - this.tSpawn[trav]!);
    this.inSystemTW.set(t, this.inSystem);
    this.tPhase[trav] = Phase.Gone;
    this.free.push(trav);
  }

  private sample(t: number): void {
    for (const b of this.banks) b.sample(t);
    this.density.forEach((d, level) => {
      d.clear();
      this.forEachQueued(level, (x, y) => d.count(x, y));
      d.sample();
    });
  }

  private resolveJourney(j: JourneySpec, stageOf: (id: string, what: string) => number, classOf: (id: string, what: string) => number) {
    const next: (ResolvedTransition | undefined)[] = Array.from({ length: this.stages.length }, () => undefined);
    for (const [from, tr] of Object.entries(j.transitions)) {
      const what = `journey "${j.id}" after "${from}"`;
      next[stageOf(from, `journey "${j.id}" transitions`)] = resolveTransition(tr, (id) => stageOf(id, what), (id) => classOf(id, what), this.classIds.length);
    }
    return { id: j.id, start: stageOf(j.start, `journey "${j.id}" start`), next };
  }

  private newTraveller(): number {
    const t = this.free.length > 0 ? this.free.pop()! : this.high++;
    if (t >= this.cap) this.grow(this.cap * 2);
    this.tPenalty[t] = 0;
    this.tSlot[t] = -1;
    return t;
  }

  private grow(cap: number): void {
    const f = (o: Float64Array) => { const n = new Float64Array(cap); n.set(o); return n; };
    const i = (o: Int32Array) => { const n = new Int32Array(cap); n.set(o); return n; };
    this.tCls = i(this.tCls);
    this.tJourney = i(this.tJourney);
    this.tStage = i(this.tStage);
    this.tLevel = i(this.tLevel);
    this.tSlot = i(this.tSlot);
    this.tLine = i(this.tLine);
    const phase = new Uint8Array(cap);
    phase.set(this.tPhase);
    this.tPhase = phase;
    this.tSpawn = f(this.tSpawn);
    this.tJoin = f(this.tJoin);
    this.tPenalty = f(this.tPenalty);
    this.tArc = f(this.tArc);
    this.tVia = f(this.tVia);
    this.tSpeed = f(this.tSpeed);
    this.tOffset = f(this.tOffset);
    const spot = new Int32Array(cap).fill(-1);
    spot.set(this.tSpot);
    this.tSpot = spot;
    this.cap = cap;
  }
}

/** Standing spots of an area as targets, their places and who holds each. */
interface Spots {
  readonly targets: number[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Traveller on each spot, -1 when free. */
  readonly taken: Int32Array;
}

/**
 * Standing spots on a SPOT_SPACING grid inside an area, at least half a spacing from its edges
 * and inside the walkable area: walked to in a straight line when the area is convex and clear,
 * else by fields that start around the area.
 */
function standingSpots(sim: Simulation, points: readonly Vec2[]): Spots | undefined {
  const ring = Float64Array.from(points.flat());
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const margin = SPOT_SPACING / 2;
  const found: Vec2[] = [];
  for (let y = y0 + margin; y <= y1 - margin + 1e-9; y += SPOT_SPACING) {
    for (let x = x0 + margin; x <= x1 - margin + 1e-9; x += SPOT_SPACING) {
      if (!pointInRing(ring, x, y) || !sim.geometry.contains(x, y)) continue;
      let edge = Infinity;
      for (let k = 0, j = points.length - 1; k < points.length; j = k++) {
        edge = Math.min(edge, distanceToSegmentSq(x, y, points[j]![0], points[j]![1], points[k]![0], points[k]![1]));
      }
      if (edge >= margin * margin * 0.99) found.push([x, y]);
    }
  }
  if (found.length === 0) return undefined;
  const step = Math.max(1, Math.ceil(found.length / MAX_SPOTS));
  const kept = found.filter((_, k) => k % step === 0);
  const centre: Vec2 = [(x0 + x1) / 2, (y0 + y1) / 2];
  return {
    // Travellers walk to a spot from inside the area: in a clear convex area, in a straight line.
    targets: kept.map(([x, y]) => sim.addTarget({ kind: 'point', x, y, radius: 0.25 }, centre, points)),
    x: Float64Array.from(kept, (p) => p[0]),
    y: Float64Array.from(kept, (p) => p[1]),
    taken: new Int32Array(kept.length).fill(-1),
  };
}

type ResolvedTransition =
  | { kind: 'fixed'; to: number }
  | { kind: 'class'; map: Int32Array; otherwise: number }
  | { kind: 'probability'; to: number[]; p: number[] }
  | { kind: 'shortest-wait'; to: number[] };

function resolveTransition(tr: Transition, stage: (id: string) => number, cls: (id: string) => number, classes: number): ResolvedTransition {
  switch (tr.kind) {
    case 'fixed':
      return { kind: 'fixed', to: stage(tr.to) };
    case 'class': {
      const map = new Int32Array(classes).fill(-1);
      for (const [c, s] of Object.entries(tr.map)) map[cls(c)] = stage(s);
      const otherwise = tr.otherwise !== undefined ? stage(tr.otherwise) : -1;
      return { kind: 'class', map, otherwise };
    }
    case 'probability':
      return { kind: 'probability', to: tr.options.map((o) => stage(o.to)), p: tr.options.map((o) => o.p) };
    case 'shortest-wait':
      return { kind: 'shortest-wait', to: tr.options.map(stage) };
  }
}

function serviceFor(d: Distribution | ByClass<Distribution>, cls: string, stage: string): Distribution {
  if (!('byClass' in d)) return d;
  const v = d.byClass[cls] ?? d.default;
  if (!v) return { kind: 'constant', value: 0 };
  void stage;
  return v;
}

/**
 * A queue path must lie in the walkable area: every vertex inside, and neither the path nor
 * the files beside it (at +-halfWidth, when people stand abreast) crossing a wall, so that
 * travellers sliding along it never leave the walkable area.
 */
function checkPath(sim: Simulation, path: readonly Vec2[], what: string, halfWidth: number): void {
  const g = sim.geometry;
  if (path.length < 1) throw new GeometryError([{ element: what, reason: 'has no points' }], 'queue');
  path.forEach((p, k) => {
    if (!g.contains(p[0], p[1])) throw new GeometryError([{ element: what, reason: `point ${k} (${p[0]}, ${p[1]}) is outside the walkable area` }], 'queue');
  });
  const w = g.walls;
  const crosses = (ax: number, ay: number, bx: number, by: number): boolean => {
    for (let s = 0; s < w.count; s++) if (segmentsIntersect(ax, ay, bx, by, w.ax[s]!, w.ay[s]!, w.bx[s]!, w.by[s]!)) return true;
    return false;
  };
  for (let k = 1; k < path.length; k++) {
    if (crosses(path[k - 1]![0], path[k - 1]![1], path[k]![0], path[k]![1])) {
      throw new GeometryError([{ element: what, reason: `segment ${k - 1}-${k} crosses a wall` }], 'queue');
    }
  }
  if (halfWidth <= 0) return;
  const q = new QueuePath(path, 1);
  const a = new Float64Array(2), b = new Float64Array(2);
  for (const side of [-halfWidth, halfWidth]) {
    q.pointBeside(0, side, a);
    for (let s = 0.25; s <= q.length + 0.25; s += 0.25) {
      q.pointBeside(Math.min(s, q.length), side, b);
      if (!g.contains(b[0]!, b[1]!) || crosses(a[0]!, a[1]!, b[0]!, b[1]!)) {
        throw new GeometryError([{ element: what, reason: `people standing abreast ${Math.abs(side).toFixed(2)} m beside the path near arc ${s.toFixed(1)} m would stand in or across a wall: widen the lane or reduce abreast` }], 'queue');
      }
      a[0] = b[0]!;
      a[1] = b[1]!;
    }
  }
}

/** The point d m behind a server's standby spot, going on away from the server. */
function behindStandby(server: Vec2, spot: Vec2, d: number): Vec2 {
  const len = hypot(spot[0] - server[0], spot[1] - server[1]) || 1;
  return [spot[0] + ((spot[0] - server[0]) / len) * d, spot[1] + ((spot[1] - server[1]) / len) * d];
}

/**
 * A random point of a shape, compiled once (no per-attempt flattening): uniform in an area
 * (rejection within its bounding box), along a line, or in a disc (radius 0 if none is given).
 */
function samplePoint(t: CompiledTarget, random: Random, out: Float64Array): void {
  const shape = t.shape;
  switch (shape.kind) {
    case 'point': {
      const r = (shape.radius ?? 0) * Math.sqrt(random.uniform());
      const a = 2 * Math.PI * random.uniform();
      out[0] = shape.x + r * cos(a);
      out[1] = shape.y + r * sin(a);
      return;
    }
    case 'line': {
      const u = random.uniform();
      out[0] = shape.from[0] + u * (shape.to[0] - shape.from[0]);
      out[1] = shape.from[1] + u * (shape.to[1] - shape.from[1]);
      return;
    }
    case 'area': {
      const ring = t.coords;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let k = 0; k < ring.length; k += 2) {
        minX = Math.min(minX, ring[k]!); maxX = Math.max(maxX, ring[k]!); minY = Math.min(minY, ring[k + 1]!); maxY = Math.max(maxY, ring[k + 1]!);
      }
      for (let k = 0; k < 64; k++) {
        out[0] = minX + random.uniform() * (maxX - minX);
        out[1] = minY + random.uniform() * (maxY - minY);
        if (pointInRing(ring, out[0]!, out[1]!)) return;
      }
      return;
    }
  }
}

/** "stage: doing", and " on level at (x, y)" when it is on a level: a stay in words, without its length. */
export function describeStay(s: TravellerStay): string {
  return `${s.stage}: ${s.doing}${s.level === undefined ? '' : ` on ${s.level} at (${s.x!.toFixed(1)}, ${s.y!.toFixed(1)})`}`;
}

/** A traveller in the port and how long it has been there (PortSimulation.longestStays). */
export interface TravellerStay {
  readonly traveller: number;
  /** Time in the port so far, s. */
  readonly stay: number;
  /** Id of the stage the traveller is at or bound for. */
  readonly stage: string;
  /** What it is doing there, in words: "walking to the stage", "in the line", "being served", ... */
  readonly doing: string;
  /** Where, when it stands or walks on a level (not while riding or waiting to be placed). */
  readonly level?: string;
  readonly x?: number;
  readonly y?: number;
}

/** A PortSimulation's state at a moment (PortSimulation.snapshot). */
export interface PortSimulationSnapshot {
  readonly format: string;
  readonly fingerprint: string;
  /** Simulated clock when it was taken, s since midnight. */
  readonly time: number;
  readonly state: CapturedState;
}

const SNAPSHOT_FORMAT = 'portflow-port-snapshot/1';
/** Properties set at construction that no run changes (and closures that hold no run state). */
const SNAPSHOT_FIXED: ReadonlySet<string> = new Set(['spec', 'geometry', 'walls', 'wallGrid', 'expTable', 'fingerprint']);

/** FNV-1a over the text's UTF-16 code units, 2 x 32 bits in hex: tells specs apart, no security meant. */
function fingerprintOf(text: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ text.length;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (k & 0xff), 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function createPortSimulation(spec: PortModelSpec, options: PortSimulationOptions): PortSimulation {
  return new PortSimulation(spec, options);
}
