// Frames: where every traveller is, as one ArrayBuffer of 4-byte columns (x, y as Float32;
// state, class, level as Int32) so a worker can transfer it instead of copying. Includes the
// travellers standing in queues, who are not agents of the walking engine (forEachQueued).
// Invariant: every array of a frame is a view of the same `buffer`, `count` entries long.
import type { PortSimulation } from '@portflow/core';

/** What a traveller in a frame is doing. */
export const FrameState = {
  /** An agent walking under the movement model. */
  walking: 0,
  /** An agent standing still (at a server, a standby spot, waiting). */
  holding: 1,
  /** Standing in a queue line (not an agent of the walking engine). */
  queued: 2,
} as const;
export type FrameState = (typeof FrameState)[keyof typeof FrameState];

export interface Frame {
  /** Simulated time, s since midnight. */
  readonly time: number;
  /** Travellers in the frame (entries used in each array). */
  readonly count: number;
  /** Backing store of all arrays: 20 bytes per traveller. */
  readonly buffer: ArrayBuffer;
  /** Position, m. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** FrameState of each traveller. */
  readonly state: Int32Array;
  /** Traveller class index (order of the scenario's classes). */
  readonly class: Int32Array;
  /** Level index (order of the scenario's levels). */
  readonly level: Int32Array;
}

/** Travellers visible on the levels of `sim` now: agents plus queued travellers. */
export function frameCount(sim: PortSimulation): number {
  let n = 0;
  for (let l = 0; l < sim.levels.length; l++) {
    n += sim.levels[l]!.agents.count;
    sim.forEachQueued(l, () => n++);
  }
  return n;
}

/** Writes a new frame of `sim` (allocates one buffer: a frame is handed over, never reused). */
export function writeFrame(sim: PortSimulation): Frame {
  const count = frameCount(sim);
  const buffer = new ArrayBuffer(20 * count);
  const x = new Float32Array(buffer, 0, count);
  const y = new Float32Array(buffer, 4 * count, count);
  const state = new Int32Array(buffer, 8 * count, count);
  const cls = new Int32Array(buffer, 12 * count, count);
  const level = new Int32Array(buffer, 16 * count, count);
  let k = 0;
  for (let l = 0; l < sim.levels.length; l++) {
    const a = sim.levels[l]!.agents;
    for (let i = 0; i < a.highWater; i++) {
      if (!a.active[i]) continue;
      x[k] = a.x[i]!;
      y[k] = a.y[i]!;
      state[k] = a.mode[i] === 0 ? FrameState.walking : FrameState.holding;
      // PortSimulation adds agents with class = class index + 1 (0 is "no class").
      cls[k] = a.group[i]! - 1;
      level[k] = l;
      k++;
    }
    sim.forEachQueued(l, (qx, qy, traveller) => {
      x[k] = qx;
      y[k] = qy;
      state[k] = FrameState.queued;
      cls[k] = sim.travellerClass(traveller);
      level[k] = l;
      k++;
    });
  }
  return { time: sim.time, count, buffer, x, y, state, class: cls, level };
}

/**
 * FNV-1a (32-bit) over the bytes of a frame's columns and its time: equal hashes mean the same
 * travellers at the same float32 positions, in the same order. Used by determinism checks.
 */
export function frameHash(frame: Frame): string {
  let h = fnv(0x811c9dc5, new Uint8Array(frame.buffer, 0, 20 * frame.count));
  h = fnv(h, new Uint8Array(new Float64Array([frame.time]).buffer));
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a over bytes, continuing from h. */
function fnv(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * A hash of exp, log, sin and cos over 20,000 inputs spread over the ranges the engine uses:
 * equal in two JavaScript engines when their functions give the same bits. Pass
 * `portableMath` from @portflow/core to check the engine's own, or `Math` to see the host's.
 */
export function mathFingerprint(math: Pick<Math, 'exp' | 'log' | 'sin' | 'cos'>): string {
  const out = new Float64Array(4 * 5000);
  for (let i = 0; i < 5000; i++) {
    const u = (i + 0.5) / 5000;
    out[4 * i] = math.exp(-12 * u);
    out[4 * i + 1] = math.log(u * 1000);
    out[4 * i + 2] = math.sin(6.283185307179586 * u);
    out[4 * i + 3] = math.cos(6.283185307179586 * u);
  }
  return (fnv(0x811c9dc5, new Uint8Array(out.buffer)) >>> 0).toString(16).padStart(8, '0');
}
