// A bank of servers (counters, e-gates, face-recognition lanes, one-stop gates, X-ray lanes)
// with its queue: one line feeding every server, or one line per server. It keeps who is where
// and the bank's statistics; the port simulation moves the travellers. Invariants: a server
// serves at most one traveller at a time; each line is first-in first-out; travellers beyond a
// line's capacity wait in a spill list (in the hall) and enter the line in arrival order.
import { Fifo } from './fifo.js';
import { QueuePath } from './queue-path.js';
import { HourlyCounter, SampleSummary, TimeWeighted } from './statistics.js';

export const SERVER_CLOSED = 0, SERVER_OPEN = 1, SERVER_CLOSING = 2;

export class ServiceBank {
  readonly index: number;
  readonly servers: number;
  /** Traveller being served or walking to the server, -1 when free. */
  readonly occupant: Int32Array;
  /** SERVER_CLOSED / OPEN / CLOSING (finishes the current traveller, then closes). */
  readonly state: Uint8Array;
  /** 1 while the occupant is being served (not just walking up). */
  readonly serving: Uint8Array;
  /**
   * Travellers at or walking to standby spots, -1 where none; spot s = k * depth + i is the
   * i-th place behind server k. Undefined without spots.
   */
  readonly standby: Int32Array | undefined;
  readonly depth: number;
  /** One line for a single queue, one per server otherwise. */
  readonly lines: Fifo[];
  readonly paths: (QueuePath | undefined)[];
  readonly spill: Fifo[];
  /** Travellers admitted from the spill list who are walking to the line (their places are held). */
  readonly admitted: Int32Array;
  readonly perServer: boolean;
  /** For the single line: servers nearest its head first (people take the nearest free one). */
  readonly serverOrder: Int32Array;
  meanService: number;
  /** Whether opening hours allow new services now. */
  inHours = true;

  readonly waits = new SampleSummary();
  readonly servedPerHour = new HourlyCounter();
  readonly queueLength: TimeWeighted;
  readonly busy: TimeWeighted;
  /** Open servers over time (the staffing rule's count). */
  readonly open: TimeWeighted;
  /** Staffed servers over time (open, or closing but finishing a traveller): utilisation's denominator. */
  readonly staffed: TimeWeighted;
  served = 0;
  failed = 0;
  /** [time, travellers waiting (lines + spill)] every sample interval. */
  readonly queueSeries: [number, number][] = [];

  constructor(
    index: number, servers: number, perServer: boolean, paths: (QueuePath | undefined)[], meanService: number,
    openAtStart: number, start: number, standbyDepth: number, serverOrder?: Int32Array,
  ) {
    this.index = index;
    this.servers = servers;
    this.perServer = perServer;
    this.occupant = new Int32Array(servers).fill(-1);
    this.state = new Uint8Array(servers);
    this.serving = new Uint8Array(servers);
    this.depth = standbyDepth;
    this.standby = standbyDepth > 0 ? new Int32Array(servers * standbyDepth).fill(-1) : undefined;
    const nLines = perServer ? servers : 1;
    this.lines = Array.from({ length: nLines }, () => new Fifo());
    this.spill = Array.from({ length: nLines }, () => new Fifo());
    this.admitted = new Int32Array(nLines);
    this.paths = paths;
    this.serverOrder = serverOrder ?? Int32Array.from({ length: servers }, (_, k) => k);
    this.meanService = meanService;
    this.queueLength = new TimeWeighted(start);
    this.busy = new TimeWeighted(start);
    this.open = new TimeWeighted(start);
    this.staffed = new TimeWeighted(start);
    for (let k = 0; k < Math.min(openAtStart, servers); k++) this.state[k] = SERVER_OPEN;
    this.open.set(start, this.openCount());
    this.staffed.set(start, this.staffedCount());
  }

  /** Travellers waiting in every line and spill list, plus those walking in from the spill. */
  waiting(): number {
    let n = 0;
    for (let l = 0; l < this.lines.length; l++) n += this.lines[l]!.size + this.spill[l]!.size + this.admitted[l]!;
    return n;
  }

  /** Records open and staffed counts at time t (call after any change of state). */
  noteStaffing(t: number): void {
    this.open.set(t, this.openCount());
    this.staffed.set(t, this.staffedCount());
  }

  /** Servers staffed now: open, or closing but still serving their last traveller (utilisation counts these). */
  staffedCount(): number {
    let n = 0;
    for (let k = 0; k < this.servers; k++) if (this.state[k] !== SERVER_CLOSED) n++;
    return n;
  }

  openCount(): number {
    let n = 0;
    for (let k = 0; k < this.servers; k++) if (this.state[k] === SERVER_OPEN) n++;
    return n;
  }

  busyCount(): number {
    let n = 0;
    for (let k = 0; k < this.servers; k++) if (this.serving[k]) n++;
    return n;
  }

  /**
   * Expected wait of a newcomer: the services that must end before a server is free for them,
   * (waiting + busy - open + 1)+, each taking mean service / open servers on average
   * (exact for exponential service: the minimum of c busy servers ends at rate c mu).
   */
  expectedWait(): number {
    const open = this.openCount();
    if (open === 0) return Infinity;
    const ahead = this.waiting() + this.busyCount() - open + 1;
    return ahead > 0 ? (ahead * this.meanService) / open : 0;
  }

  /** Space left on a line (its path capacity minus those on it or walking to it). */
  room(line: number): number {
    const path = this.paths[line];
    const cap = path ? path.capacity : Infinity;
    return cap - this.lines[line]!.size - this.admitted[line]!;
  }

  /** The line a newcomer picks: the shortest (ties to the lowest index), or by the random draw u. */
  chooseLine(rule: 'shortest' | 'random', u: number): number {
    if (!this.perServer) return 0;
    const usable: number[] = [];
    for (let k = 0; k < this.servers; k++) if (this.state[k] !== SERVER_CLOSED) usable.push(k);
    const pool = usable.length > 0 ? usable : Array.from({ length: this.servers }, (_, k) => k);
    if (rule === 'random') return pool[Math.floor(u * pool.length)]!;
    let best = pool[0]!;
    let bestLen = Infinity;
    for (const k of pool) {
      const len = this.lines[k]!.size + this.spill[k]!.size + this.admitted[k]! + (this.occupant[k]! >= 0 ? 1 : 0);
      if (len < bestLen) {
        bestLen = len;
        best = k;
      }
    }
    return best;
  }

  /**
   * Where line `line`'s head may go now: a free open server (k >= 0), else the first empty
   * standby place behind a busy open server (encoded -2 - spot), else -1 (wait).
   */
  freeServerFor(line: number): number {
    if (!this.inHours) return -1;
    const order = this.serverOrder;
    const from = this.perServer ? line : 0;
    const to = this.perServer ? line + 1 : this.servers;
    for (let i = from; i < to; i++) {
      const k = this.perServer ? i : order[i]!;
      if (this.state[k] === SERVER_OPEN && this.occupant[k] === -1) return k;
    }
    const sb = this.standby;
    if (sb) {
      for (let d = 0; d < this.depth; d++) {
        for (let i = from; i < to; i++) {
          const k = this.perServer ? i : order[i]!;
          if (this.state[k] === SERVER_OPEN && sb[k * this.depth + d] === -1) return -2 - (k * this.depth + d);
        }
      }
    }
    return -1;
  }

  /** True when nobody waits on any standby place of server k. */
  standbyEmpty(k: number): boolean {
    if (!this.standby) return true;
    for (let d = 0; d < this.depth; d++) if (this.standby[k * this.depth + d] !== -1) return false;
    return true;
  }

  sample(t: number): void {
    this.queueSeries.push([t, this.waiting()]);
  }
}
