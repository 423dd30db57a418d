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
import { exp } from './portable-math.js';

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

/**
 * Puts agent q at the head of agent s's list of agents ahead (both sorted positions), as entry
 * c of the pool (see AnticipationVelocityModel's `cand`).
 */
function addCandidate(cand: Int32Array, c: number, s: number, q: number, first: boolean, firstCandidate: Int32Array, contacts: Int32Array): void {
  cand[c] = 2 * q + (first ? 1 : 0);
  if (first) contacts[s]!++;
  cand[c + 1] = firstCandidate[s]!;
  firstCandidate[s] = c;
}

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
  /** exp(-x) on [0, STEER_CUTOFF_RANGES] at EXP_TABLE_SIZE points, linearly interpolated (error < 2e-6). */
  private readonly expTable = new Float64Array(EXP_TABLE_SIZE + 1);

  // Per sorted position (the spatial hash's order), rebuilt every step; grown with the store.
  /** 1 when the agent walks (others stand: they steer nobody's turn but are seen). */
  private walks = new Uint8Array(0);
  /** Desired direction and v0 T, copied into the sorted order for the pair loop. */
  private desX = new Float64Array(0);
  private desY = new Float64Array(0);
  private reachAhead = new Float64Array(0);
  /** Desired speed v0 and time gap T, copied for the move pass (read in slot order, they missed the cache). */
  private speed0 = new Float64Array(0);
  private gapT = new Float64Array(0);
  /** The agent's wall cell list, items[wallFrom .. wallTo). */
  private wallFrom = new Int32Array(0);
  private wallTo = new Int32Array(0);
  /** Sideways steering summed over the agent's neighbours. */
  private steerX = new Float64Array(0);
  private steerY = new Float64Array(0);
  /** Neighbours over whom the agent has contact priority. */
  private contacts = new Int32Array(0);
  /** First candidate (agent ahead) of each agent in the pool, -1 for none. */
  private firstCandidate = new Int32Array(0);

  // Candidate agents ahead, as linked lists in one pool reused every step: entry c holds, at
  // 2c, the candidate's sorted position times 2 plus 1 where the agent has contact priority
  // over it (it goes first), and at 2c + 1 the next entry. Positions, not the relative vectors:
  // 8 bytes an entry keep the pool in cache, and the move pass recomputes sx[q] - sx[s] and
  // sr[s] + sr[q], bit for bit the values the pair pass saw (IEEE subtraction is antisymmetric,
  // addition commutative). Grows only when a step needs more.
  private cand = new Int32Array(2048);

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
    for (let t = 0; t <= EXP_TABLE_SIZE; t++) this.expTable[t] = exp(-(t * STEER_CUTOFF_RANGES) / (EXP_TABLE_SIZE - 1));
  }

  /**
   * Moves every walking agent by one step of length dt. Two passes: every pair of neighbours is
   * visited once (the distance, the anticipated gap R and its exponential are the same seen
   * from either side) and adds to both agents' steering and lists of agents ahead; then each
   * walking agent turns, picks its speed and moves.
   */
  step(a: AgentStore, hash: SpatialHash, dt: number): void {
    const n = hash.size;
    if (this.walks.length < n) this.resize(hash.order.length);
    const range = this.gather(a, hash);
    this.pairs(hash, range);
    this.move(a, hash, dt);
  }

  /** Copies each agent's own inputs into the sorted order; returns the pair search range. */
  private gather(a: AgentStore, hash: SpatialHash): number {
    const { order, sr, size } = hash;
    const wg = this.wallGrid;
    const mode = a.mode, desX = a.dx, desY = a.dy, desiredSpeed = a.desiredSpeed, timeGap = a.timeGap;
    const cutoff = this.params.cutoff;
    // The range is kept up to date inside the loop: nothing after it needs V8's type feedback
    // (see SpatialHash.build).
    let aheadMax = 0, radiusMax = 0, range = cutoff;
    for (let s = 0; s < size; s++) {
      const i = order[s]!;
      const walks = mode[i] === AgentMode.walking;
      this.walks[s] = walks ? 1 : 0;
      this.desX[s] = desX[i]!;
      this.desY[s] = desY[i]!;
      // Far enough to find the agent ahead that could hold the speed below v0.
      const v0 = desiredSpeed[i]!, T = timeGap[i]!;
      this.speed0[s] = v0;
      this.gapT[s] = T;
      const ahead = v0 * T + LANE_BUFFER;
      this.reachAhead[s] = ahead;
      if (walks && ahead > aheadMax) aheadMax = ahead;
      if (sr[s]! > radiusMax) radiusMax = sr[s]!;
      if (aheadMax + 2 * radiusMax > range) range = aheadMax + 2 * radiusMax;
      const cell = wg.cellOf(hash.sx[s]!, hash.sy[s]!);
      this.wallFrom[s] = wg.start[cell]!;
      this.wallTo[s] = wg.start[cell + 1]!;
      this.steerX[s] = 0;
      this.steerY[s] = 0;
      this.contacts[s] = 0;
      this.firstCandidate[s] = -1;
    }
    return range;
  }

  /** Visits every pair within `range` once (a half stencil over the cell rows). */
  private pairs(hash: SpatialHash, range: number): void {
    const p = this.params;
    const k = p.neighbourStrength;
    const D = p.neighbourRange;
    const ta = p.anticipationTime;
    const cut2 = p.cutoff * p.cutoff;
    const steerCut = STEER_CUTOFF_RANGES * D;
    const expTable = this.expTable;
    const expScale = (EXP_TABLE_SIZE - 1) / STEER_CUTOFF_RANGES / D;
    const radial = p.model === 'collision-free-speed';
    const { sx, sy, svx, svy, sex, sey, sr, stogo, nx: hnx, size } = hash;
    const { walks, desX, desY, reachAhead, wallFrom, wallTo, steerX, steerY, contacts, firstCandidate } = this;
    let cand: Int32Array = this.cand, candCount = 0;
    const cellSize = hash.cellSize;
    const perCell = 1 / cellSize;
    const originX = hash.originX, originY = hash.originY;
    const range2 = range * range;
    const reachCells = Math.ceil(range / cellSize);
    const hide = this.wallsCanHide;

    for (let self = 0; self < size; self++) {
      const wi = walks[self] === 1;
      const xi = sx[self]!, yi = sy[self]!;
      const vxi = svx[self]!, vyi = svy[self]!;
      const exi = sex[self]!, eyi = sey[self]!;
      const dxi = desX[self]!, dyi = desY[self]!;
      const ri = sr[self]!;
      const aheadI = reachAhead[self]!;
      const togoI = stogo[self]!;
      const hiddenFromI = hide && wallTo[self]! > wallFrom[self]!;
      const ci = hash.cellX(xi), cj = hash.cellY(yi);
      const i1 = Math.min(hnx - 1, ci + reachCells);
      const i0 = Math.max(0, ci - reachCells);
      const j1 = Math.min(hash.ny - 1, cj + reachCells);
      // Half stencil: the rest of the agent's own row from its own cell, and the rows above.
      // Pairs with agents earlier in the sorted order were visited from their side.
      for (let cy = cj; cy <= j1; cy++) {
        const rowY0 = originY + cy * cellSize;
        const gap = yi < rowY0 ? rowY0 - yi : 0;
        if (gap > range) break;
        const half = Math.sqrt(range2 - gap * gap);
        // Truncation, not floor: below 0 the clamp to i0 >= 0 gives the same column.
        let c0 = cy === cj ? ci : ((xi - half - originX) * perCell) | 0;
        let c1 = ((xi + half - originX) * perCell) | 0;
        c0 = c0 < i0 ? i0 : c0;
        c1 = c1 > i1 ? i1 : c1;
        // Cells of one row are contiguous in the sorted order: one range per row (V8 inlines
        // span(): side by side as fast as the copy of it this loop held before).
        if (!hash.span(cy * hnx, c0, c1)) continue;
        const pFrom = cy === cj ? self + 1 : hash.spanFrom;
        const pTo = hash.spanTo;
        // Room for two entries a pair in the pool, made once a row: the loop over the pairs then
        // writes entries with no check, no call and no store to the model's fields.
        if (2 * (candCount + 2 * (pTo - pFrom)) > cand.length) cand = this.growCandidates(candCount + 2 * (pTo - pFrom));
        for (let q = pFrom; q < pTo; q++) {
          const wq = walks[q] === 1;
          if (!wi && !wq) continue;
          const qx = sx[q]! - xi, qy = sy[q]! - yi;
          const d2 = qx * qx + qy * qy;
          // Two agents on the very same point have no direction between them: let them part.
          if (d2 > range2 || d2 === 0) continue;
          const l = ri + sr[q]!;
          // For each side: a candidate for the agent ahead only if it could hold the speed
          // below v0; steering needs the other within the cutoff and, for the AVM, perceived
          // ahead of the desired or the current direction (AVM eq. 1).
          let candI = false, steerI = false, candQ = false, steerQ = false;
          if (wi) {
            const ahead = l + aheadI;
            candI = d2 < ahead * ahead;
            steerI = d2 <= cut2 && (radial || dxi * qx + dyi * qy >= 0 || exi * qx + eyi * qy >= 0);
          }
          if (wq) {
            const ahead = l + reachAhead[q]!;
            candQ = d2 < ahead * ahead;
            steerQ = d2 <= cut2 && (radial || desX[q]! * qx + desY[q]! * qy <= 0 || sex[q]! * qx + sey[q]! * qy <= 0);
          }
          if (!candI && !steerI && !candQ && !steerQ) continue;
          // Sight lines last: the expensive test, each side against the walls of its own cell
          // (once when both stand in the same cell: the line is the same).
          let testedI = false, hiddenI = false;
          if ((candI || steerI) && hiddenFromI) {
            testedI = true;
            hiddenI = this.hidden(xi, yi, sx[q]!, sy[q]!, wallFrom[self]!, wallTo[self]!);
            if (hiddenI) candI = steerI = false;
          }
          if ((candQ || steerQ) && hide && wallTo[q]! > wallFrom[q]!) {
            const hiddenQ = testedI && wallFrom[q] === wallFrom[self] ? hiddenI : this.hidden(sx[q]!, sy[q]!, xi, yi, wallFrom[q]!, wallTo[q]!);
            if (hiddenQ) candQ = steerQ = false;
          }
          if (candI || candQ) {
            // Contact priority (see the module comment): decided here, where both agents'
            // data is at hand, so the loops of the move pass read one bit of the entry.
            const reach = l + CONTACT_MARGIN;
            const touching = d2 < reach * reach;
            if (candI) addCandidate(cand, 2 * candCount++, self, q, touching && sex[q]! * qx + sey[q]! * qy < 0 && togoI < stogo[q]!, firstCandidate, contacts);
            if (candQ) addCandidate(cand, 2 * candCount++, q, self, touching && exi * qx + eyi * qy > 0 && stogo[q]! < togoI, firstCandidate, contacts);
          }
          if (!steerI && !steerQ) continue;
          if (radial) {
            // CFSM: repulsion along the line of centres, a exp((l - s) / D) (Tordeux et al. 2016, eq. 4).
            const dist = Math.sqrt(d2);
            const over = dist - l;
            if (over > steerCut) continue;
            const w = (k * (over >= 0 ? expAt(expTable, over * expScale) : exp(-over / D))) / dist;
            if (steerI) {
              steerX[self]! -= qx * w;
              steerY[self]! -= qy * w;
            }
            if (steerQ) {
              steerX[q]! += qx * w;
              steerY[q]! += qy * w;
            }
            continue;
          }
          // AVM eq. 2: R = dist - l - (v_i - v_j) . e_ij t_a, the same from either side.
          // Closing speed times distance; a pair that is not closing has R >= dist - l, so a far
          // one is out of steering range without a square root.
          const closing = (vxi - svx[q]!) * qx + (vyi - svy[q]!) * qy;
          const far = l + steerCut;
          if (closing <= 0 && d2 > far * far) continue;
          const dist = Math.sqrt(d2);
          let R = dist - l - (closing / dist) * ta;
          if (R < 0) R = 0;
          if (R > steerCut) continue;
          const weight = k * expAt(expTable, R * expScale);
          if (steerI) {
            // AVM eqs. 3-5: stronger against one walking towards us; step away from the side
            // the other will be on; a dead-ahead tie is broken by the seeded coin.
            const s = (1 + 0.5 * (1 - (dxi * sex[q]! + dyi * sey[q]!))) * weight;
            const side = -dyi * (qx + svx[q]! * ta) + dxi * (qy + svy[q]! * ta);
            const sign = side > 1e-12 ? -1 : side < -1e-12 ? 1 : this.random.uniform() < 0.5 ? -1 : 1;
            steerX[self]! -= sign * dyi * s;
            steerY[self]! += sign * dxi * s;
          }
          if (steerQ) {
            const dxq = desX[q]!, dyq = desY[q]!;
            const s = (1 + 0.5 * (1 - (dxq * exi + dyq * eyi))) * weight;
            const side = -dyq * (vxi * ta - qx) + dxq * (vyi * ta - qy);
            const sign = side > 1e-12 ? -1 : side < -1e-12 ? 1 : this.random.uniform() < 0.5 ? -1 : 1;
            steerX[q]! -= sign * dyq * s;
            steerY[q]! += sign * dxq * s;
          }
        }
      }
    }
  }

  /** Each walking agent turns, picks its speed from the space ahead and moves. */
  private move(a: AgentStore, hash: SpatialHash, dt: number): void {
    const p = this.params;
    const turn = Math.min(1, dt / p.reactionTime);
    const radial = p.model === 'collision-free-speed';
    const { order, sx, sy, sex, sey, sr, size } = hash;
    const { walks, desX, desY, wallFrom: wallFromA, wallTo: wallToA, steerX, steerY, contacts, firstCandidate, cand } = this;
    const wg = this.wallGrid;
    const posX = a.x, posY = a.y, velX = a.vx, velY = a.vy, oriX = a.ex, oriY = a.ey;
    const { speed0, gapT } = this;

    for (let self = 0; self < size; self++) {
      if (walks[self] !== 1) continue;
      const i = order[self]!;
      const xi = sx[self]!, yi = sy[self]!;
      const exOld = sex[self]!, eyOld = sey[self]!;
      const dx = desX[self]!, dy = desY[self]!;
      const ri = sr[self]!;
      const v0 = speed0[self]!;
      const T = gapT[self]!;
      const wallFrom = wallFromA[self]!, wallTo = wallToA[self]!;
      const nearWalls = wallTo > wallFrom;
      let rx = steerX[self]!, ry = steerY[self]!;

      if (radial && nearWalls) {
        // CFSM wall repulsion along the normal from the nearest point, a_w exp((r - d) / D_w).
        const reach = ri + STEER_CUTOFF_RANGES * p.wallRange;
        const away = this.away;
        for (let e = wallFrom; e < wallTo; e++) {
          const d = this.awayFromWall(wg.items[e]!, xi, yi);
          if (d > reach || d === 0) continue;
          const f = (p.wallStrength * exp((ri - d) / p.wallRange)) / d;
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
      for (let c = contacts[self]! > 0 ? firstCandidate[self]! : -1; c >= 0; c = cand[c + 1]!) {
        const entry = cand[c]!;
        if ((entry & 1) === 0) continue;
        const q = entry >> 1;
        const qx = sx[q]! - xi, qy = sy[q]! - yi;
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
      for (let c = firstCandidate[self]!; c >= 0; c = cand[c + 1]!) {
        const entry = cand[c]!;
        const q = entry >> 1;
        const qx = sx[q]! - xi, qy = sy[q]! - yi;
        if (ex * qx + ey * qy < 0) continue;
        const l = ri + sr[q]! + LANE_BUFFER;
        if (Math.abs(ex * qy - ey * qx) > l) continue;
        if (entry & 1) continue;
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

  /** Grows the pool to hold at least `entries`; returns it. */
  private growCandidates(entries: number): Int32Array {
    const next = new Int32Array(Math.max(this.cand.length * 2, 2 * entries));
    next.set(this.cand);
    this.cand = next;
    return next;
  }

  private resize(capacity: number): void {
    this.walks = new Uint8Array(capacity);
    this.desX = new Float64Array(capacity);
    this.desY = new Float64Array(capacity);
    this.reachAhead = new Float64Array(capacity);
    this.speed0 = new Float64Array(capacity);
    this.gapT = new Float64Array(capacity);
    this.wallFrom = new Int32Array(capacity);
    this.wallTo = new Int32Array(capacity);
    this.steerX = new Float64Array(capacity);
    this.steerY = new Float64Array(capacity);
    this.contacts = new Int32Array(capacity);
    this.firstCandidate = new Int32Array(capacity);
  }

}
