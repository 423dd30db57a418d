// A min-heap of timed events (service completions, arrivals, vehicle calls, staffing checks).
// Events at the same time come out in the order they were pushed (a sequence number breaks
// ties), so runs are reproducible whatever the heap's internal order.

export class EventQueue {
  private time = new Float64Array(64);
  private seq = new Float64Array(64);
  private kind = new Int32Array(64);
  private a = new Int32Array(64);
  private b = new Int32Array(64);
  private counter = 0;
  size = 0;

  push(time: number, kind: number, a = 0, b = 0): void {
    if (this.size === this.time.length) this.grow();
    let k = this.size++;
    const s = this.counter++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (this.before(p, time, s)) break;
      this.move(p, k);
      k = p;
    }
    this.time[k] = time;
    this.seq[k] = s;
    this.kind[k] = kind;
    this.a[k] = a;
    this.b[k] = b;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  /** Removes the earliest event into `out` ([time, kind, a, b]). */
  pop(out: Float64Array): void {
    out[0] = this.time[0]!;
    out[1] = this.kind[0]!;
    out[2] = this.a[0]!;
    out[3] = this.b[0]!;
    const last = --this.size;
    if (last === 0) return;
    const t = this.time[last]!, s = this.seq[last]!, kd = this.kind[last]!, a = this.a[last]!, b = this.b[last]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= last) break;
      if (c + 1 < last && this.before(c + 1, this.time[c]!, this.seq[c]!)) c++;
      if (!this.before(c, t, s)) break;
      this.move(c, k);
      k = c;
    }
    this.time[k] = t;
    this.seq[k] = s;
    this.kind[k] = kd;
    this.a[k] = a;
    this.b[k] = b;
  }

  /** Heap entry i comes before (time, seq). */
  private before(i: number, time: number, seq: number): boolean {
    const ti = this.time[i]!;
    return ti < time || (ti === time && this.seq[i]! < seq);
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.a[to] = this.a[from]!;
    this.b[to] = this.b[from]!;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const f = (o: Float64Array) => { const x = new Float64Array(n); x.set(o); return x; };
    const i = (o: Int32Array) => { const x = new Int32Array(n); x.set(o); return x; };
    this.time = f(this.time);
    this.seq = f(this.seq);
    this.kind = i(this.kind);
    this.a = i(this.a);
    this.b = i(this.b);
  }
}
