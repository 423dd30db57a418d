// A simulation of walking agents on one level: owns the agent store, the geometry, navigation,
// the movement model and the seeded random source. `step()` advances exactly one fixed dt
// through named phases (index -> route -> move -> arrive) and allocates nothing; whoever drives
// it owns the clock. Invariant: spawned === agents.count + exited after every call.
import { AgentMode, AgentStore, ArrivalAction } from './agent-store.js';
import { AnticipationVelocityModel, movementDefaults } from './anticipation-velocity-model.js';
import type { MovementParameters } from './anticipation-velocity-model.js';
import type { Distribution } from './distribution.js';
import { sample } from './distribution.js';
import type { Geometry, Vec2, WalkableAreaSpec } from './geometry.js';
import { createGeometry, GeometryError } from './geometry.js';
import type { CongestionMap, Navigation, NavigationOptions, TargetId } from './navigation.js';
import { congestionDefaults, createNavigation } from './navigation.js';
import { weidmannSpeedRatio } from './fundamental-diagram.js';
import type { Random } from './random.js';
import { createRandom } from './random.js';
import { SpatialHash } from './spatial-hash.js';
import type { TargetShape } from './target.js';
import { hasReached } from './target.js';
import { orient } from './segment.js';
import { createWallGrid } from './wall-grid.js';

export interface SimulationOptions {
  /** The walkable area (validated) or an already built Geometry. */
  readonly geometry: WalkableAreaSpec | Geometry;
  /** Seed of the only random source; same seed and inputs give identical results. */
  readonly seed: string | number;
  /** Fixed time step, s. Range 0.01-0.2; default 0.1 (every validation test passes at it). */
  readonly dt?: number;
  readonly movement?: Partial<MovementParameters>;
  readonly navigation?: Partial<NavigationOptions>;
  /** Initial agent capacity (grows on demand). Default 1024. */
  readonly capacity?: number;
}

export const simulationDefaults = { dt: 0.1, capacity: 1024 } as const;

/**
 * Free walking speeds of adults: Weidmann (1993) mean 1.34 m/s, sd 0.26 m/s, truncated to
 * [0.5, 2.2] m/s, as used by Vadere (validation.md section 1.1).
 */
export const walkingSpeedDefaults: Distribution = { kind: 'normal', mean: 1.34, sd: 0.26, min: 0.5, max: 2.2 };

/**
 * Calibrations of the walker (body radius and time gap T of the movement model). No single set
 * reproduces both Weidmann's fundamental diagram and laboratory bottleneck flows (see the
 * README's validation table), so the choice is the modeller's:
 * - `everyday` (default): Tordeux et al.'s CFSM calibration (l = 2r = 0.3 m, T = 1 s). Speeds
 *   within 16 % of Weidmann from 0.5 to 3 P/m^2; doors pass 0.9-1.0 P/(m s), below the
 *   engineering design value 1.33 P/(m s) (IMO MSC.1/Circ.1238): ordinary travellers.
 * - `pressing`: calibrated here to the laboratory bottleneck data (Kretz 2006, Seyfried 2009):
 *   1.6-1.9 P/(m s) at 0.8-1.2 m. For crowds pushing through doors; too fast in open halls.
 */
export const walkerCalibrations = {
  everyday: { radius: 0.15, timeGap: 1 },
  pressing: { radius: 0.13, timeGap: 0.45 },
} as const;

/** A kind of agent: where its individual desired speeds are drawn from, and its body. */
export interface AgentClass {
  readonly speed: Distribution;
  /** Body radius, m. Default walkerCalibrations.everyday.radius (0.15). */
  readonly radius?: number;
  /** Time gap T, s; default the model's. */
  readonly timeGap?: number;
}

export interface AgentSpec {
  readonly x: number;
  readonly y: number;
  readonly target: TargetId;
  /** Agent class from defineClass(); default 0 (adults, walkingSpeedDefaults). */
  readonly class?: number;
  /** Desired speed, m/s; drawn from the class's distribution when omitted. */
  readonly desiredSpeed?: number;
  /** Body radius, m; the class's when omitted. */
  readonly radius?: number;
  readonly onArrival?: keyof typeof ArrivalAction;
}

/** A walker whose cell costs this much more to walk (speed under 2/3 of free) is held up by a crowd. */
const HELD_UP = 1.5;

export class Simulation {
  readonly dt: number;
  readonly geometry: Geometry;
  readonly navigation: Navigation;
  readonly agents: AgentStore;
  readonly random: Random;
  readonly movement: MovementParameters;
  /** Steps taken so far; simulated time is stepCount * dt. */
  stepCount = 0;
  /** Agents ever added. */
  spawned = 0;
  /** Agents that left (reached a removing target, or were removed). */
  exited = 0;
  /** Slots and ids of the agents that reached their target in the last step. */
  arrivals: Int32Array;
  arrivalIds: Int32Array;
  arrivalCount = 0;
  /** Counting lines: [ax, ay, bx, by] each, and crossings forward (to the left of a->b) and back. */
  private lines: number[] = [];
  /** lineCounts[2 k] forward and lineCounts[2 k + 1] backward crossings of line k so far. */
  lineCounts = new Float64Array(0);
  /** Slots added since the spatial index was last built (for isFree). */
  private recent: number[] = [];
  private readonly classes: AgentClass[] = [];
  private readonly hash: SpatialHash;
  private readonly model: AnticipationVelocityModel;
  private readonly dir = new Float64Array(2);
  /** Steps between congestion updates (0: static fields), and the least walkers a target needs. */
  private readonly congestionEvery: number;
  private readonly congestionWalkers: number;
  /** Per 1 m block of the navigation grid: walking cost multiplier from the crowd (see updateCongestion). */
  private congestion: CongestionMap | undefined;
  private blockCounts = new Float32Array(0);
  private walkersPerTarget = new Int32Array(0);
  /** 1 for targets whose field was last computed with congestion (refreshed once more when they quieten). */
  private congested = new Uint8Array(0);

  constructor(options: SimulationOptions) {
    this.dt = options.dt ?? simulationDefaults.dt;
    if (!(this.dt > 0 && this.dt <= 0.2)) throw new RangeError(`dt: ${this.dt}, needs 0 < dt <= 0.2 s`);
    this.geometry = 'walls' in options.geometry ? options.geometry : createGeometry(options.geometry);
    this.movement = { ...movementDefaults, ...options.movement };
    if (!(this.movement.reactionTime > this.dt)) {
      throw new RangeError(`movement.reactionTime: ${this.movement.reactionTime}, needs > dt (${this.dt} s)`);
    }
    this.random = createRandom(options.seed);
    this.navigation = createNavigation(this.geometry, options.navigation);
    const congestion = { ...congestionDefaults, ...options.navigation?.congestion };
    if (!(congestion.interval >= 0)) throw new RangeError(`navigation.congestion.interval: ${congestion.interval}, needs >= 0 s`);
    if (!(congestion.walkers >= 1)) throw new RangeError(`navigation.congestion.walkers: ${congestion.walkers}, needs >= 1`);
    this.congestionEvery = congestion.interval > 0 ? Math.max(1, Math.round(congestion.interval / this.dt)) : 0;
    this.congestionWalkers = congestion.walkers;
    this.agents = new AgentStore(options.capacity ?? simulationDefaults.capacity);
    this.arrivals = new Int32Array(this.agents.capacity);
    this.arrivalIds = new Int32Array(this.agents.capacity);
    this.hash = new SpatialHash(this.geometry.bounds, 1);
    const wallGrid = createWallGrid(this.geometry.walls, this.geometry.bounds, 1, 1);
    this.model = new AnticipationVelocityModel(this.movement, this.geometry.walls, wallGrid, this.random, this.geometry.convex);
    this.classes.push({ speed: walkingSpeedDefaults, ...walkerCalibrations.everyday });
  }

  /** Simulated time, s. */
  get time(): number {
    return this.stepCount * this.dt;
  }

  /** Registers an agent class and returns its index for AgentSpec.class. */
  defineClass(c: AgentClass): number {
    this.classes.push(c);
    return this.classes.length - 1;
  }

  /**
   * Adds a target. `approach`: a place agents will mostly walk to it from (a queue's head for a
   * gate), so that its distance field covers that place from the start instead of growing;
   * `within`: a convex area holding it that agents walk to it from (see Navigation.addTarget).
   */
  addTarget(shape: TargetShape, approach?: Vec2, within?: readonly Vec2[]): TargetId {
    return this.navigation.addTarget(shape, approach, within);
  }

  /**
   * Adds an agent now (it moves from the next step) and returns its slot. Throws a
   * GeometryError when the position is outside the walkable area or the target is unreachable.
   */
  addAgent(spec: AgentSpec): number {
    const { x, y, target } = spec;
    const who = `agent ${this.spawned}`;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !this.geometry.contains(x, y)) {
      throw new GeometryError([{ element: who, reason: `position (${x}, ${y}) is outside the walkable area` }], 'agent');
    }
    this.checkTarget(target, x, y, who);
    const cls = this.classes[spec.class ?? 0];
    if (!cls) throw new RangeError(`${who}: class ${spec.class} is not defined`);
    const a = this.agents;
    const slot = a.acquire();
    if (this.arrivals.length < a.capacity) {
      this.arrivals = new Int32Array(a.capacity);
      this.arrivalIds = new Int32Array(a.capacity);
    }
    a.id[slot] = this.spawned++;
    a.mode[slot] = AgentMode.walking;
    a.arrivalAction[slot] = ArrivalAction[spec.onArrival ?? 'remove'];
    a.target[slot] = target;
    a.group[slot] = spec.class ?? 0;
    a.x[slot] = x;
    a.y[slot] = y;
    a.vx[slot] = 0;
    a.vy[slot] = 0;
    this.navigation.direction(target, x, y, this.dir);
    a.ex[slot] = this.dir[0]!;
    a.ey[slot] = this.dir[1]!;
    a.dx[slot] = this.dir[0]!;
    a.dy[slot] = this.dir[1]!;
    a.radius[slot] = spec.radius ?? cls.radius ?? walkerCalibrations.everyday.radius;
    a.desiredSpeed[slot] = spec.desiredSpeed ?? sample(this.random, cls.speed);
    a.timeGap[slot] = cls.timeGap ?? this.movement.timeGap;
    this.recent.push(slot);
    return slot;
  }

  /** Removes an agent now, counting it as exited. */
  removeAgent(slot: number): void {
    this.agents.release(slot);
    this.exited++;
  }

  /** Sends a walking or holding agent to a new target; it walks from the next step. */
  setTarget(slot: number, target: TargetId, onArrival: keyof typeof ArrivalAction = 'remove'): void {
    const a = this.agents;
    this.checkTarget(target, a.x[slot]!, a.y[slot]!, `agent ${a.id[slot]}`);
    a.target[slot] = target;
    a.arrivalAction[slot] = ArrivalAction[onArrival];
    a.mode[slot] = AgentMode.walking;
  }

  /** Stops an agent where it stands; it stays an obstacle to others. */
  hold(slot: number): void {
    const a = this.agents;
    a.mode[slot] = AgentMode.holding;
    a.vx[slot] = 0;
    a.vy[slot] = 0;
  }

  /** Puts an agent at (x, y) (a teleport, e.g. re-entering a periodic corridor). */
  moveAgent(slot: number, x: number, y: number): void {
    if (!this.geometry.contains(x, y)) {
      throw new GeometryError([{ element: `agent ${this.agents.id[slot]}`, reason: `position (${x}, ${y}) is outside the walkable area` }], 'agent');
    }
    this.agents.x[slot] = x;
    this.agents.y[slot] = y;
  }

  /**
   * Puts an agent at (x, y) without checking the geometry: for callers that move agents along
   * paths validated once beforehand (queued travellers sliding along a queue path).
   */
  placeAgent(slot: number, x: number, y: number): void {
    this.agents.x[slot] = x;
    this.agents.y[slot] = y;
  }

  /** Adds a counting line; its crossings accumulate in lineCounts. Returns its index. */
  addCountingLine(from: readonly [number, number], to: readonly [number, number]): number {
    this.lines.push(from[0], from[1], to[0], to[1]);
    const counts = new Float64Array(this.lines.length / 2);
    counts.set(this.lineCounts);
    this.lineCounts = counts;
    return this.lines.length / 4 - 1;
  }

  /**
   * True when no agent's body comes within `clearance` of (x, y), judged on the positions at the
   * start of the last step plus the agents added since (agents move at most v0 dt per step, so
   * callers add that to the clearance). Not for the step loop: it scans a few cells.
   */
  isFree(x: number, y: number, clearance: number, except = -1): boolean {
    const h = this.hash;
    const a = this.agents;
    const reach = clearance + 0.5;
    const i0 = h.cellX(x - reach), i1 = h.cellX(x + reach), j0 = h.cellY(y - reach), j1 = h.cellY(y + reach);
    for (let j = j0; j <= j1; j++) {
      if (!h.span(j * h.nx, i0, i1)) continue;
      for (let q = h.spanFrom; q < h.spanTo; q++) {
        const other = h.order[q]!;
        if (other === except || !a.active[other]) continue;
        const r = clearance + h.sr[q]!;
        if ((h.sx[q]! - x) ** 2 + (h.sy[q]! - y) ** 2 < r * r) return false;
      }
    }
    for (const s of this.recent) {
      if (s === except || !a.active[s]) continue;
      const r = clearance + a.radius[s]!;
      if ((a.x[s]! - x) ** 2 + (a.y[s]! - y) ** 2 < r * r) return false;
    }
    return true;
  }

  /** Advances one fixed step dt. */
  step(): void {
    const a = this.agents;
    if (this.congestionEvery > 0 && this.stepCount > 0 && this.stepCount % this.congestionEvery === 0) this.updateCongestion(a);
    this.hash.build(a);
    this.recent.length = 0;
    this.route(a);
    this.model.step(a, this.hash, this.dt);
    if (this.lines.length > 0) this.countCrossings(a);
    this.arrive(a);
    this.stepCount++;
  }

  /**
   * Quickest paths (see CongestionOptions): the crowd density over 3 m x 3 m round each 1 m block
   * of the navigation grid gives the block's walking speed by Weidmann's fundamental diagram
   * (weidmannSpeedRatio; at least 0.1, and 1 below 0.5 P/m2), and its cells cost v0 / v more; then the fields of the targets with
   * enough walkers held up by a crowd (and of those that had them) are recomputed. Every body
   * counts towards the density, standing or not.
   */
  private updateCongestion(a: AgentStore): void {
    const nav = this.navigation;
    const g = nav.grid();
    const h = g.cellSize;
    const per = Math.max(1, Math.round(1 / h));
    const bx = Math.ceil(g.nx / per), by = Math.ceil(g.ny / per);
    if (!this.congestion) this.congestion = { cost: new Float32Array(bx * by), cellsPerBlock: per, blocksX: bx };
    if (this.blockCounts.length !== bx * by) this.blockCounts = new Float32Array(bx * by);
    const counts = this.blockCounts;
    counts.fill(0);
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i]) continue;
      const ci = Math.floor((a.x[i]! - g.originX) / h / per), cj = Math.floor((a.y[i]! - g.originY) / h / per);
      if (ci >= 0 && cj >= 0 && ci < bx && cj < by) counts[cj * bx + ci]!++;
    }
    const blockArea = (per * h) ** 2;
    const cost = this.congestion.cost;
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        let n = 0;
        for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
          const ii = i + di, jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < bx && jj < by) n += counts[jj * bx + ii]!;
        }
        const rho = n / (9 * blockArea);
        cost[j * bx + i] = rho < 0.5 ? 1 : 1 / Math.max(0.1, weidmannSpeedRatio(rho));
      }
    }
    const targets = nav.targets.length;
    if (this.walkersPerTarget.length < targets) {
      this.walkersPerTarget = new Int32Array(targets);
      const grown = new Uint8Array(targets);
      grown.set(this.congested);
      this.congested = grown;
    }
    // Walkers held up by a crowd (their cell walks at under two thirds of free speed, about
    // 1.4 P/m2 and up), per target: only fields that crowds slow are worth recomputing (a
    // whole-level field costs seconds).
    const walkers = this.walkersPerTarget;
    walkers.fill(0);
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i] || a.mode[i] !== AgentMode.walking) continue;
      const ci = Math.floor((a.x[i]! - g.originX) / h), cj = Math.floor((a.y[i]! - g.originY) / h);
      if (ci >= 0 && cj >= 0 && ci < g.nx && cj < g.ny && cost[Math.floor(cj / per) * bx + Math.floor(ci / per)]! >= HELD_UP) walkers[a.target[i]!]!++;
    }
    for (let t = 0; t < targets; t++) {
      const busy = walkers[t]! >= this.congestionWalkers;
      if (!busy && !this.congested[t]) continue;
      nav.refresh(t, busy ? this.congestion : undefined);
      this.congested[t] = busy ? 1 : 0;
    }
  }

  /** Phase measure: crossings of counting lines between the snapshot and the new positions. */
  private countCrossings(a: AgentStore): void {
    const h = this.hash;
    const L = this.lines;
    for (let q = 0; q < h.size; q++) {
      const s = h.order[q]!;
      const x0 = h.sx[q]!, y0 = h.sy[q]!, x1 = a.x[s]!, y1 = a.y[s]!;
      if (x0 === x1 && y0 === y1) continue;
      for (let k = 0; k < L.length; k += 4) {
        const ax = L[k]!, ay = L[k + 1]!, bx = L[k + 2]!, by = L[k + 3]!;
        const before = orient(ax, ay, bx, by, x0, y0);
        const after = orient(ax, ay, bx, by, x1, y1);
        // A crossing: strictly changes side, and the move passes between the line's ends.
        if ((before <= 0 && after > 0) || (before > 0 && after <= 0)) {
          if (orient(x0, y0, x1, y1, ax, ay) * orient(x0, y0, x1, y1, bx, by) > 0) continue;
          this.lineCounts[k / 2 + (after > 0 ? 0 : 1)]!++;
        }
      }
    }
  }

  /** Phase route: each walking agent's desired direction from its target's navigation. */
  private route(a: AgentStore): void {
    const nav = this.navigation;
    const dir = this.dir;
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i] || a.mode[i] !== AgentMode.walking) continue;
      a.togo[i] = nav.direction(a.target[i]!, a.x[i]!, a.y[i]!, dir);
      a.dx[i] = dir[0]!;
      a.dy[i] = dir[1]!;
    }
  }

  /** Phase arrive: agents on their target are reported and removed or stopped as asked. */
  private arrive(a: AgentStore): void {
    const count = this.findArrivals(a);
    for (let k = 0; k < count; k++) {
      const i = this.arrivals[k]!;
      const action = a.arrivalAction[i];
      if (action === ArrivalAction.remove) this.removeAgent(i);
      else if (action === ArrivalAction.hold) this.hold(i);
    }
    this.arrivalCount = count;
  }

  /**
   * Lists the walking agents on their target in arrivals; returns how many. Branch-free
   * writes and nothing after the loop, so that V8's compiled loop never meets code that had not
   * run when it was compiled (see SpatialHash.build): arrivals come rarely.
   */
  private findArrivals(a: AgentStore): number {
    const targets = this.navigation.targets;
    const arrivals = this.arrivals, ids = this.arrivalIds;
    let count = 0;
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i] || a.mode[i] !== AgentMode.walking) continue;
      arrivals[count] = i;
      ids[count] = a.id[i]!;
      if (hasReached(targets[a.target[i]!]!, a.x[i]!, a.y[i]!)) count++;
    }
    return count;
  }

  private checkTarget(target: TargetId, x: number, y: number, who: string): void {
    if (!Number.isInteger(target) || target < 0 || target >= this.navigation.targets.length) {
      throw new RangeError(`${who}: target ${target} is not defined`);
    }
    this.navigation.prepare(target);
    if (this.navigation.distance(target, x, y) === Infinity) {
      throw new GeometryError([{ element: `target ${target}`, reason: `cannot be reached from (${x}, ${y}) by ${who}` }], 'route');
    }
  }
}

export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options);
}
