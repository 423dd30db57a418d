// Agent state as struct-of-arrays typed arrays, one array per field, indexed by slot. Slots are
// stable while an agent lives and are reused after it leaves (a free-list), so a whole day of
// arrivals runs in memory bounded by the peak population. Invariant: slot s is in use iff
// active[s] === 1; only add/remove change that, and only growth allocates.

/** What an agent is doing, for the movement model and for colouring. */
export const AgentMode = {
  /** Walking towards its target under the movement model. */
  walking: 0,
  /** Standing still (queueing, being served, waiting): an obstacle to others, not moved. */
  holding: 1,
} as const;
export type AgentMode = (typeof AgentMode)[keyof typeof AgentMode];

/** What happens when an agent reaches its target. */
export const ArrivalAction = {
  /** Leave the simulation (counted as exited). */
  remove: 0,
  /** Stop and hold position until given a new target. */
  hold: 1,
  /** Only report the arrival and keep walking (the caller retargets or moves it). */
  report: 2,
} as const;
export type ArrivalAction = (typeof ArrivalAction)[keyof typeof ArrivalAction];

export class AgentStore {
  capacity: number;
  /** One past the highest slot ever used; loops run over [0, highWater). */
  highWater = 0;
  /** Agents alive now. */
  count = 0;
  id!: Int32Array;
  active!: Uint8Array;
  mode!: Uint8Array;
  arrivalAction!: Uint8Array;
  target!: Int32Array;
  /** Traveller class index (for speeds and for colouring), or any grouping the caller keeps. */
  group!: Int32Array;
  x!: Float64Array;
  y!: Float64Array;
  vx!: Float64Array;
  vy!: Float64Array;
  /** Orientation (unit vector): the direction the agent faces and walks. */
  ex!: Float64Array;
  ey!: Float64Array;
  /** Desired direction from navigation, refreshed every step. */
  dx!: Float64Array;
  dy!: Float64Array;
  /** Walking cost left to the target, m, refreshed every step (who is nearer the goal). */
  togo!: Float64Array;
  radius!: Float64Array;
  desiredSpeed!: Float64Array;
  timeGap!: Float64Array;
  private free: Int32Array;
  private freeCount = 0;

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.free = new Int32Array(this.capacity);
    this.allocate(this.capacity, 0);
  }

  /** Takes a slot (the most recently freed one first, else a new one), growing if full. */
  acquire(): number {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.highWater++;
    if (slot >= this.capacity) this.grow(this.capacity * 2);
    this.active[slot] = 1;
    this.count++;
    return slot;
  }

  release(slot: number): void {
    if (!this.active[slot]) throw new Error(`agent slot ${slot} is not in use`);
    this.active[slot] = 0;
    this.count--;
    this.free[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    this.capacity = capacity;
    const free = new Int32Array(capacity);
    free.set(this.free.subarray(0, this.freeCount));
    this.free = free;
    this.allocate(capacity, old);
  }

  private allocate(capacity: number, keep: number): void {
    const f64 = (a: Float64Array | undefined): Float64Array => copy(new Float64Array(capacity), a, keep);
    this.id = copy(new Int32Array(capacity).fill(-1), this.id, keep);
    this.active = copy(new Uint8Array(capacity), this.active, keep);
    this.mode = copy(new Uint8Array(capacity), this.mode, keep);
    this.arrivalAction = copy(new Uint8Array(capacity), this.arrivalAction, keep);
    this.target = copy(new Int32Array(capacity), this.target, keep);
    this.group = copy(new Int32Array(capacity), this.group, keep);
    this.x = f64(this.x);
    this.y = f64(this.y);
    this.vx = f64(this.vx);
    this.vy = f64(this.vy);
    this.ex = f64(this.ex);
    this.ey = f64(this.ey);
    this.dx = f64(this.dx);
    this.dy = f64(this.dy);
    this.togo = f64(this.togo);
    this.radius = f64(this.radius);
    this.desiredSpeed = f64(this.desiredSpeed);
    this.timeGap = f64(this.timeGap);
  }
}

function copy<T extends Float64Array | Int32Array | Uint8Array>(into: T, from: T | undefined, n: number): T {
  if (from && n > 0) into.set(from.subarray(0, n) as never);
  return into;
}
