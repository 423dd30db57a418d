// A queue's polyline, measured by arc length from its head (path[0], by the servers). Queued
// travellers stand at arc lengths 0, spacing, 2 spacing, ... and slide along the path when the
// line moves up: a 1-D kinematic update instead of the 2-D movement model, which is what makes
// queued travellers cheap.
// An adjustable serpentine (retractable belts) also has openings: vertices where a newcomer can
// enter from the tail, walking straight across the opened belts instead of along empty lanes.
import type { Vec2 } from './geometry.js';
import { hypot } from './portable-math.js';

export class QueuePath {
  readonly length: number;
  readonly spacing: number;
  /** People side by side across the lane, `spacing` apart. */
  readonly abreast: number;
  /** Travellers that fit on the path. */
  readonly capacity: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly arcs: Float64Array;
  /** Arc lengths of the openings, ascending (empty: every newcomer walks the whole path). */
  private readonly openingArcs: Float64Array;

  /**
   * `openings`: indices of path vertices where belts can be opened (tail-side lane ends of a
   * serpentine); the straight line from the tail to each must be free to walk.
   */
  constructor(path: readonly Vec2[], spacing: number, abreast = 1, openings: readonly number[] = []) {
    const n = path.length;
    this.xs = Float64Array.from(path, (p) => p[0]);
    this.ys = Float64Array.from(path, (p) => p[1]);
    this.arcs = new Float64Array(n);
    for (let k = 1; k < n; k++) {
      this.arcs[k] = this.arcs[k - 1]! + hypot(this.xs[k]! - this.xs[k - 1]!, this.ys[k]! - this.ys[k - 1]!);
    }
    this.length = this.arcs[n - 1] ?? 0;
    this.spacing = spacing;
    this.abreast = abreast;
    this.capacity = (Math.floor(this.length / spacing) + 1) * abreast;
    for (const k of openings) {
      if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`queue opening ${k}: not a vertex of the path (0-${n - 1})`);
    }
    this.openingArcs = Float64Array.from(openings, (k) => this.arcs[k]!).sort();
  }

  /**
   * Where a newcomer whose place is at arc `place` enters: the first opening at or beyond its
   * place, short of the tail (the lanes beyond it stay closed); -1 to walk in from the tail.
   */
  openingFor(place: number): number {
    for (const arc of this.openingArcs) if (arc >= place) return arc < this.length ? arc : -1;
    return -1;
  }

  /** Straight distance from the tail to the point at arc `via` (an opening), m. */
  crossing(via: number, scratch: Float64Array): number {
    this.pointAt(via, scratch);
    const n = this.xs.length;
    return hypot(scratch[0]! - this.xs[n - 1]!, scratch[1]! - this.ys[n - 1]!);
  }

  /**
   * Writes the position of a traveller at arc `s` who came in through the opening at arc `via`
   * (-1 for none): beyond `via` by less than the crossing, it is on the straight line from the
   * tail, s - via from the opening; otherwise on the path as pointBeside.
   */
  pointOnRoute(s: number, via: number, offset: number, out: Float64Array): void {
    if (via < 0 || s <= via) {
      this.pointBeside(s, offset, out);
      return;
    }
    const d = this.crossing(via, out);
    const ox = out[0]!, oy = out[1]!;
    const n = this.xs.length;
    const tx = this.xs[n - 1]!, ty = this.ys[n - 1]!;
    const u = d > 0 ? Math.min(1, (s - via) / d) : 1;
    out[0] = ox + (tx - ox) * u;
    out[1] = oy + (ty - oy) * u;
  }

  /** Arc length of place k in a close line (row floor(k / abreast), `spacing` apart). */
  placeOf(k: number): number {
    return Math.floor(k / this.abreast) * this.spacing;
  }

  /** Lateral offset (m, to the left of the walking direction) of place k across the lane. */
  offsetOf(k: number): number {
    return ((k % this.abreast) - (this.abreast - 1) / 2) * this.spacing;
  }

  /** Writes the point at arc length s, shifted `offset` m to the left of the path direction. */
  pointBeside(s: number, offset: number, out: Float64Array): void {
    this.pointAt(s, out);
    if (offset === 0) return;
    // Direction of the path at s (pointing from head to tail), by a small finite difference.
    const x = out[0]!, y = out[1]!;
    const s2 = Math.min(this.length, s + 0.05);
    const s1 = s2 - 0.05;
    this.pointAt(s1, out);
    const ax = out[0]!, ay = out[1]!;
    this.pointAt(s2, out);
    const dx = out[0]! - ax, dy = out[1]! - ay;
    const len = hypot(dx, dy) || 1;
    // Walking direction is towards the head (-d); its left is (d_y, -d_x) / |d|.
    out[0] = x + (dy / len) * offset;
    out[1] = y + (-dx / len) * offset;
  }

  /** Writes the point at arc length s (clamped to the path) into out[0..1]. */
  pointAt(s: number, out: Float64Array): void {
    const n = this.arcs.length;
    if (n === 1 || s <= 0) {
      out[0] = this.xs[0]!;
      out[1] = this.ys[0]!;
      return;
    }
    if (s >= this.length) {
      out[0] = this.xs[n - 1]!;
      out[1] = this.ys[n - 1]!;
      return;
    }
    let k = 1;
    while (this.arcs[k]! < s) k++;
    const a = this.arcs[k - 1]!, b = this.arcs[k]!;
    const u = b > a ? (s - a) / (b - a) : 0;
    out[0] = this.xs[k - 1]! + u * (this.xs[k]! - this.xs[k - 1]!);
    out[1] = this.ys[k - 1]! + u * (this.ys[k]! - this.ys[k - 1]!);
  }

  /**
   * Where travellers join: across the tail end, from the outermost place of a row on one side to
   * that on the other (one point for a single file). A whole row's width, so that a stream of
   * newcomers walks in abreast instead of squeezing through one point.
   */
  get entrance(): readonly [Vec2, Vec2] {
    const out = new Float64Array(2);
    const half = ((this.abreast - 1) / 2) * this.spacing;
    this.pointBeside(this.length, -half, out);
    const a: Vec2 = [out[0]!, out[1]!];
    this.pointBeside(this.length, half, out);
    return [a, [out[0]!, out[1]!]];
  }
}
