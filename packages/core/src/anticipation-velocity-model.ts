// The movement model: the anticipation velocity model (AVM) of Xu, Chraibi & Seyfried (2021),
// "Anticipation in a velocity-based model for pedestrian dynamics", Transportation Research
// Part C 133:103464, which extends the collision-free speed model of Tordeux, Chraibi & Seyfried
// (2016), "Collision-free speed model for pedestrian dynamics", Traffic and Granular Flow '15,
// pp. 225-232 (arXiv:1512.05597). Each agent i:
//   1. is steered sideways by neighbours j it perceives, with anticipated gap
//      R_ij = max(0, |x_j - x_i| - (r_i + r_j) - (v_i - v_j) . e_ij t_a)                 (AVM eq. 2)
//      and strength k (1 + 0.5 (1 - d_i . e_j)) exp(-R_ij / D)                            (AVM eqs. 3-4)
//      applied along the normal to its desired direction d_i, away from j's anticipated
//      position x_j + v_j t_a                                                           (AVM eq. 5);
//   2. turns towards that direction with reaction time tau                              (AVM eq. 7);
//   3. walks at speed min(v0, max(0, s_i / T)), s_i the free spacing to the nearest agent ahead
//      inside its lane of width r_i + r_j (CFSM eq. 3, Tordeux et al. 2016);
//   4. never heads into a wall closer than its radius plus a buffer, and never ends a step
//      across a wall (a hard constraint: the move slides along the wall or is cancelled).
// One addition of ours to both models, for deadlocks they cannot leave on their own: of two
// agents in contact that each have the other in their lane ahead (an arch at a door, a head-on
// pair in a counter-flow), the one with less walking left to its target slides past: it drops
// the part of its direction that points at the other and does not wait for it, so the pair
// comes apart without either walking into the other.
// All agents update from the previous step's state (the spatial hash snapshot).
import type { AgentStore } from './agent-store.js';
import { AgentMode } from './agent-store.js';
import type { WallSegments } from './geometry.js';
import type { Random } from './random.js';
import { distanceToSegmentSq, segmentsIntersect } from './segment.js';
import type { SpatialHash } from './spatial-hash.js';
import type { WallGrid } from './wall-grid.js';

export interface MovementParameters {
  /**
   * 'anticipation-velocity': Xu et al. (2021), sideways steering from anticipated gaps and
   * turning with a reaction time (default: it forms counter-flow lanes).
   * 'collision-free-speed': Tordeux et al. (2016) as in JuPedSim's CollisionFreeSpeedModel,
   * radial repulsion from neighbours and walls, no turning dynamics.
   */
  readonly model: 'collision-free-speed' | 'anticipation-velocity';
  /** T: time gap to the agent ahead, s. Range 0.1-3; default 1 (Tordeux et al. 2016); agent classes may override it. */
  readonly timeGap: number;
  /** k: neighbour steering strength, dimensionless. Range 0-20; default 8 (JuPedSim's CFSM default). */
  readonly neighbourStrength: number;
  /** D: neighbour steering range, m. Range 0.01-1; default 0.1 (JuPedSim's CFSM default). */
  readonly neighbourRange: number;
  /** t_a: anticipation time, s. Range 0-5; default 1 (Xu et al. 2021). */
  readonly anticipationTime: number;
  /** tau: reaction time for turning, s. Must exceed dt; default 0.3 (Xu et al. 2021). */
  readonly reactionTime: number;
  /** CFSM wall repulsion strength, dimensionless. Default 5 (JuPedSim's CFSM default). */
  readonly wallStrength: number;
  /** CFSM wall repulsion range, m. Default 0.02 (JuPedSim's CFSM default). */
  readonly wallRange: number;
  /** AVM: distance beyond the body at which walls start to deflect an agent, m. Default 0.1. */
  readonly wallBuffer: number;
  /** How strongly an agent inside the wall buffer is turned away from the wall. Default 0.3. */
  readonly wallPushout: number;
  /**
   * Neighbours farther than this do not steer an agent, m. Default 2: a head-on neighbour at
   * 2 m closing at 2.7 m/s already has anticipated gap R = 0 (full strength), so the reaction
   * starts in time, and the steering weight of others is below 1e-5 k beyond. The agent ahead
   * that sets the speed is searched up to r_i + r_j + v0 T whatever the cutoff.
   */
  readonly cutoff: number;
}

export const movementDefaults: MovementParameters = {
  model: 'anticipation-velocity',
  timeGap: 1,
  wallStrength: 5,
  wallRange: 0.02,
  neighbourStrength: 8,
  neighbourRange: 0.1,
  anticipationTime: 1,
  reactionTime: 0.3,
  wallBuffer: 0.1,
  wallPushout: 0.3,
  cutoff: 2,
};

/** Agents closer than l + this are in contact for the priority rule, m. */
const CONTACT_MARGIN = 0.05;
/** Extra lateral width of an agent's lane when looking for the agent ahead, m (JuPedSim uses 0.02). */
const LANE_BUFFER = 0.02;
/** Agents never end a step closer to a wall than this fraction of their radius (unless already closer). */
const HARD_WALL_FRACTION = 0.5;
/** Beyond R = 12 D the steering weight exp(-R/D) is below 1e-5 of k: skip the exponential. */
const STEER_CUTOFF_RANGES = 12;
const EXP_TABLE_SIZE = 4097;

/** exp(-x) for table position u = x * scale (linear interpolation; u within the table). */
function expAt(table: Float64Array, u: number): number {
  const ui = u | 0;
  return table[ui]! + (u - ui) * (table[ui + 1]! - table[ui]!);
}

export class AnticipationVelocityModel {
  readonly params: MovementParameters;
  private readonly walls: WallSegments;
  private readonly wallGrid: WallGrid;
  private readonly random: Random;
  /** False in convex, hole-free geometry, where no wall can stand between two agents. */
  private readonly wallsCanHide: boolean;
  // Candidate agents ahead (relative x, y, lane width), reused every agent: no allocation.
  private candX = new Float64Array(256);
  private candY = new Float64Array(256);
  private candL = new Float64Array(256);
  /** 1 where this agent has contact priority over the candidate (it goes first). */
  private candP = new Uint8Array(256);
  /** exp(-x) on [0, STEER_CUTOFF_RANGES] at EXP_TABLE_SIZE points, linearly interpolated (error < 2e-6). */
  private readonly expTable = new Float64Array(EXP_TABLE_SIZE + 1);

  /** Scratch vector for awayFromWall. */
  private readonly away = new Float64Array(2);
  /** Bounding boxes of the wall segments, for cheap rejects. */
  private readonly wallMinX: Float64Array;
  private readonly wallMaxX: Float64Array;
  private readonly wallMinY: Float64Array;
  private readonly wallMaxY: Float64Array;

  constructor(params: MovementParameters, walls: WallSegments, wallGrid: WallGrid, random: Random, convex: boolean) {
    this.params = params;
    this.wallsCanHide = !convex;
    this.wallMinX = Float64Array.from({ length: walls.count }, (_, k) => Math.min(walls.ax[k]!, walls.bx[k]!));
    this.wallMaxX = Float64Array.from({ length: walls.count }, (_, k) => Math.max(walls.ax[k]!, walls.bx[k]!));
    this.wallMinY = Float64Array.from({ length: walls.count }, (_, k) => Math.min(walls.ay[k]!, walls.by[k]!));
    this.wallMaxY = Float64Array.from({ length: walls.count }, (_, k) => Math.max(walls.ay[k]!, walls.by[k]!));
    this.walls = walls;
    this.wallGrid = wallGrid;
    this.random = random;
    for (let t = 0; t <= EXP_TABLE_SIZE; t++) this.expTable[t] = Math.exp(-(t * STEER_CUTOFF_RANGES) / (EXP_TABLE_SIZE - 1));
  }

  /** Moves every walking agent by one step of length dt. */
  step(a: AgentStore, hash: SpatialHash, dt: number): void {
    const p = this.params;
    const k = p.neighbourStrength;
    const D = p.neighbourRange;
    const ta = p.anticipationTime;
    const turn = Math.min(1, dt / p.reactionTime);
    const cut2 = p.cutoff * p.cutoff;
    const steerCut = STEER_CUTOFF_RANGES * D;
    const expTable = this.expTable;
    const expScale = (EXP_TABLE_SIZE - 1) / STEER_CUTOFF_RANGES / D;
    const radial = p.model === 'collision-free-speed';
    const { mark, cellStart, cellCount, stamp, order, sx, sy, svx, svy, sex, sey, sr, stogo, nx: hnx, size } = hash;
    const cellSize = hash.cellSize;
    const perCell = 1 / cellSize;
    const wg = this.wallGrid;
    const posX = a.x, posY = a.y, velX = a.vx, velY = a.vy, oriX = a.ex, oriY = a.ey, desX = a.dx, desY = a.dy;
    const mode = a.mode, desiredSpeed = a.desiredSpeed, timeGap = a.timeGap;

    // Agents in cell order: consecutive agents scan the same neighbour cells (cache locality),
    // and their own previous state is read from the same snapshot as their neighbours'.
    for (let self = 0; self < size; self++) {
      const i = order[self]!;
      if (mode[i] !== AgentMode.walking) continue;
      const xi = sx[self]!, yi = sy[self]!;
      const vxi = svx[self]!, vyi = svy[self]!;
      const exOld = sex[self]!, eyOld = sey[self]!;
      const dx = desX[i]!, dy = desY[i]!;
      const ri = sr[self]!;
      const v0 = desiredSpeed[i]!;
      const T = timeGap[i]!;
      const togoSelf = stogo[self]!;
      // Normal to the desired direction, for sideways steering.
      const ox = -dy, oy = dx;
      const wallCell = wg.cellOf(xi, yi);
      const wallFrom = wg.start[wallCell]!;
      const wallTo = wg.start[wallCell + 1]!;
      const nearWalls = wallTo > wallFrom;
      // Far enough to find the agent ahead that limits the speed below v0 (bodies up to 2 r_i).
      const vT = v0 * T;
      const aheadRange = vT + 2 * ri + LANE_BUFFER + 0.2;
      const range = aheadRange > p.cutoff ? aheadRange : p.cutoff;
      const range2 = range * range;
      const reachCells = Math.ceil(range / cellSize);
      let candX = this.candX, candY = this.candY, candL = this.candL, candP = this.candP;

      let rx = 0, ry = 0;
      let nc = 0;
      let contacts = 0;
      const ci = hash.cellX(xi), cj = hash.cellY(yi);
      const i0 = Math.max(0, ci - reachCells), i1 = Math.min(hash.nx - 1, ci + reachCells);
      const j0 = Math.max(0, cj - reachCells), j1 = Math.min(hash.ny - 1, cj + reachCells);
      const originX = hash.originX, originY = hash.originY;
      for (let cy = j0; cy <= j1; cy++) {
        // Only the columns of this row that the search disc reaches.
        const rowY0 = originY + cy * cellSize;
        const gap = yi < rowY0 ? rowY0 - yi : yi > rowY0 + cellSize ? yi - rowY0 - cellSize : 0;
        if (gap > range) continue;
        const half = Math.sqrt(range2 - gap * gap);
        // Truncation, not floor: below 0 the clamp to i0 >= 0 gives the same column.
        let c0 = ((xi - half - originX) * perCell) | 0;
        let c1 = ((xi + half - originX) * perCell) | 0;
        c0 = c0 < i0 ? i0 : c0;
        c1 = c1 > i1 ? i1 : c1;
        // Cells of one row are contiguous in the sorted order: one range per row, from the
        // first to the last occupied cell of the columns (the hash's span(), inlined).
        const row = cy * hnx;
        let ca = row + c0, cb = row + c1;
        while (ca <= cb && mark[ca] !== stamp) ca++;
        if (ca > cb) continue;
        while (mark[cb] !== stamp) cb--;
        const pFrom = cellStart[ca]!;
        const pTo = cellStart[cb]! + cellCount[cb]!;
        for (let q = pFrom; q < pTo; q++) {
          const qx = sx[q]! - xi, qy = sy[q]! - yi;
          const d2 = qx * qx + qy * qy;
          // Two agents on the very same point have no direction between them: let them part.
          if (d2 > range2 || d2 === 0 || q === self) continue;
          const l = ri + sr[q]!;
          // A candidate for the agent ahead only if it could hold the speed below v0.
          const ahead = l + LANE_BUFFER + vT;
          const candidate = d2 < ahead * ahead;
          // Steering needs the neighbour within the cutoff and, for the AVM, perceived ahead.
          const steers = d2 <= cut2 && (radial || dx * qx + dy * qy >= 0 || exOld * qx + eyOld * qy >= 0);
          if (!candidate && !steers) continue;
          // Sight-line test last: it is the expensive one, and most neighbours fail the others.
          if (nearWalls && this.wallsCanHide && this.hidden(xi, yi, sx[q]!, sy[q]!, wallFrom, wallTo)) continue;
          if (candidate) {
            if (nc === candX.length) {
              this.growCandidates();
              candX = this.candX;
              candY = this.candY;
              candL = this.candL;
              candP = this.candP;
            }
            candX[nc] = qx;
            candY[nc] = qy;
            candL[nc] = l;
            // Contact priority (see the module comment): decided here, where the neighbour's
            // data is at hand, so the loops below read one byte.
            const reach = l + CONTACT_MARGIN;
            const first = d2 < reach * reach && sex[q]! * qx + sey[q]! * qy < 0 && togoSelf < stogo[q]!;
            candP[nc] = first ? 1 : 0;
            if (first) contacts++;
            nc++;
          }
          if (!steers) continue;
          if (radial) {
            // CFSM: repulsion along the line of centres, a exp((l - s) / D) (Tordeux et al. 2016, eq. 4).
            const dist = Math.sqrt(d2);
            const over = dist - l;
            if (over > steerCut) continue;
            const w = (k * (over >= 0 ? expAt(expTable, over * expScale) : Math.exp(-over / D))) / dist;
            rx -= qx * w;
            ry -= qy * w;
            continue;
          }
          // Perception (AVM eq. 1) was checked above: only neighbours ahead of the desired or
          // the current direction steer.
          // Closing speed times distance; a pair that is not closing has R >= dist - l, so a far
          // one is out of steering range without a square root.
          const closing = (vxi - svx[q]!) * qx + (vyi - svy[q]!) * qy;
          const far = l + steerCut;
          if (closing <= 0 && d2 > far * far) continue;
          const dist = Math.sqrt(d2);
          let R = dist - l - (closing / dist) * ta;
          if (R < 0) R = 0;
          if (R > steerCut) continue;
          const s = k * (1 + 0.5 * (1 - (dx * sex[q]! + dy * sey[q]!))) * expAt(expTable, R * expScale);
          const side = ox * (qx + svx[q]! * ta) + oy * (qy + svy[q]! * ta);
          // Step away from the side j will be on; a dead-ahead tie is broken by the seeded coin.
          const sign = side > 1e-12 ? -1 : side < -1e-12 ? 1 : this.random.uniform() < 0.5 ? -1 : 1;
          rx += sign * ox * s;
          ry += sign * oy * s;
        }
      }

      if (radial && nearWalls) {
        // CFSM wall repulsion along the normal from the nearest point, a_w exp((r - d) / D_w).
        const reach = ri + STEER_CUTOFF_RANGES * p.wallRange;
        const away = this.away;
        for (let e = wallFrom; e < wallTo; e++) {
          const d = this.awayFromWall(wg.items[e]!, xi, yi);
          if (d > reach || d === 0) continue;
          const f = (p.wallStrength * Math.exp((ri - d) / p.wallRange)) / d;
          rx += away[0]! * f;
          ry += away[1]! * f;
        }
      }

      // Direction the neighbours suggest, then (AVM) turn towards it with the reaction time.
      let cx = dx + rx, cy = dy + ry;
      let len = Math.sqrt(cx * cx + cy * cy);
      if (len > 1e-12) {
        cx /= len;
        cy /= len;
      } else {
        cx = exOld;
        cy = eyOld;
      }
      let ex: number, ey: number;
      if (radial || (dx * cx + dy * cy) * (dx * exOld + dy * eyOld) < 0) {
        ex = cx;
        ey = cy;
      } else {
        ex = exOld + (cx - exOld) * turn;
        ey = eyOld + (cy - eyOld) * turn;
      }
      len = Math.sqrt(ex * ex + ey * ey);
      if (len > 1e-12) {
        ex /= len;
        ey /= len;
      } else {
        ex = dx;
        ey = dy;
      }

      if (!radial && nearWalls) {
        // AVM: turn away from walls inside the buffer (JuPedSim's AVM wall handling), before
        // the speed is chosen so that the speed fits the direction actually walked.
        const critical = ri + p.wallBuffer;
        const away = this.away;
        for (let e = wallFrom; e < wallTo; e++) {
          const d = this.awayFromWall(wg.items[e]!, xi, yi);
          if (d > critical || d === 0) continue;
          const nx = away[0]! / d, ny = away[1]! / d;
          const dot = ex * nx + ey * ny;
          if (dot < 0) {
            ex = ex - nx * dot + nx * p.wallPushout;
            ey = ey - ny * dot + ny * p.wallPushout;
          }
        }
        len = Math.sqrt(ex * ex + ey * ey);
        if (len > 1e-12) {
          ex /= len;
          ey /= len;
        }
      }

      // Contact priority (our addition to CFSM/AVM, see the module comment): of two agents in
      // contact that each have the other ahead, the one with less walking left slides past,
      // walking only across the line to the other (never into it), and does not wait for it.
      for (let c = 0; contacts > 0 && c < nc; c++) {
        if (!candP[c]) continue;
        const qx = candX[c]!, qy = candY[c]!;
        const toward = ex * qx + ey * qy;
        if (toward <= 0) continue;
        const q2 = qx * qx + qy * qy;
        ex -= (toward * qx) / q2;
        ey -= (toward * qy) / q2;
        len = Math.sqrt(ex * ex + ey * ey);
        if (len > 1e-12) {
          ex /= len;
          ey /= len;
        }
      }

      // Speed from the free spacing ahead in the final direction (CFSM eq. 3).
      let spacing = Infinity;
      for (let c = 0; c < nc; c++) {
        const qx = candX[c]!, qy = candY[c]!;
        if (ex * qx + ey * qy < 0) continue;
        const l = candL[c]! + LANE_BUFFER;
        if (Math.abs(ex * qy - ey * qx) > l) continue;
        if (candP[c]) continue;
        const s = Math.sqrt(qx * qx + qy * qy) - l;
        if (s < spacing) spacing = s;
      }
      let speed = spacing / T;
      speed = speed < 0 ? 0 : speed > v0 ? v0 : speed;

      let nxp = xi, nyp = yi;
      if (nearWalls) {
        const w = this.walls;
        const stepLen = speed * dt;
        let tx = xi + ex * stepLen, ty = yi + ey * stepLen;
        if (!this.allowed(xi, yi, tx, ty, ri * HARD_WALL_FRACTION, wallFrom, wallTo)) {
          // Slide: keep only the component along the wall that blocks the move.
          tx = xi;
          ty = yi;
          const s = this.blocking(xi, yi, xi + ex * stepLen, yi + ey * stepLen, ri * HARD_WALL_FRACTION, wallFrom, wallTo);
          if (s >= 0) {
            const ux = w.bx[s]! - w.ax[s]!, uy = w.by[s]! - w.ay[s]!;
            const ul = Math.sqrt(ux * ux + uy * uy);
            const along = (ex * ux + ey * uy) / ul;
            const sx2 = xi + (ux / ul) * along * stepLen, sy2 = yi + (uy / ul) * along * stepLen;
            if (this.allowed(xi, yi, sx2, sy2, ri * HARD_WALL_FRACTION, wallFrom, wallTo)) {
              tx = sx2;
              ty = sy2;
            }
          }
        }
        nxp = tx;
        nyp = ty;
      } else {
        nxp = xi + ex * speed * dt;
        nyp = yi + ey * speed * dt;
      }
      velX[i] = (nxp - xi) / dt;
      velY[i] = (nyp - yi) / dt;
      posX[i] = nxp;
      posY[i] = nyp;
      oriX[i] = ex;
      oriY[i] = ey;
    }
  }

  /** Writes into `away` the vector from wall segment s's nearest point to (x, y); returns its length. */
  private awayFromWall(s: number, x: number, y: number): number {
    const w = this.walls;
    const ax = w.ax[s]!, ay = w.ay[s]!, abx = w.bx[s]! - ax, aby = w.by[s]! - ay;
    const len2 = abx * abx + aby * aby;
    let u = len2 > 0 ? ((x - ax) * abx + (y - ay) * aby) / len2 : 0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const qx = x - (ax + u * abx), qy = y - (ay + u * aby);
    this.away[0] = qx;
    this.away[1] = qy;
    return Math.sqrt(qx * qx + qy * qy);
  }

  /** True when a wall of the cell's list cuts the sight line between two agents. */
  private hidden(x0: number, y0: number, x1: number, y1: number, from: number, to: number): boolean {
    const w = this.walls;
    const items = this.wallGrid.items;
    const minX = x0 < x1 ? x0 : x1, maxX = x0 < x1 ? x1 : x0;
    const minY = y0 < y1 ? y0 : y1, maxY = y0 < y1 ? y1 : y0;
    const wx0 = this.wallMinX, wx1 = this.wallMaxX, wy0 = this.wallMinY, wy1 = this.wallMaxY;
    for (let e = from; e < to; e++) {
      const s = items[e]!;
      // Boxes apart: no crossing (cheap reject for the many walls a cell lists).
      if (wx0[s]! > maxX || wx1[s]! < minX || wy0[s]! > maxY || wy1[s]! < minY) continue;
      if (segmentsIntersect(x0, y0, x1, y1, w.ax[s]!, w.ay[s]!, w.bx[s]!, w.by[s]!)) return true;
    }
    return false;
  }

  /** A move from (x0, y0) to (x1, y1) crosses no wall and ends no closer than `clear` (or than now). */
  private allowed(x0: number, y0: number, x1: number, y1: number, clear: number, from: number, to: number): boolean {
    return this.blocking(x0, y0, x1, y1, clear, from, to) < 0;
  }

  /** The first wall segment that forbids the move, or -1. */
  private blocking(x0: number, y0: number, x1: number, y1: number, clear: number, from: number, to: number): number {
    const w = this.walls;
    const items = this.wallGrid.items;
    for (let e = from; e < to; e++) {
      const s = items[e]!;
      const ax = w.ax[s]!, ay = w.ay[s]!, bx = w.bx[s]!, by = w.by[s]!;
      if (segmentsIntersect(x0, y0, x1, y1, ax, ay, bx, by)) return s;
      const after = distanceToSegmentSq(x1, y1, ax, ay, bx, by);
      if (after < clear * clear && after < distanceToSegmentSq(x0, y0, ax, ay, bx, by)) return s;
    }
    return -1;
  }

  private growCandidates(): void {
    const grow = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.candX = grow(this.candX);
    this.candY = grow(this.candY);
    this.candL = grow(this.candL);
    const f = new Uint8Array(this.candP.length * 2);
    f.set(this.candP);
    this.candP = f;
  }
}
