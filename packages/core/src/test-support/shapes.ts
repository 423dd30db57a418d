// Tiny named floor plans for tests, as plain polygons in metres (x along the walking direction).
// Test-only: excluded from the build (tsconfig.build.json).
import type { Vec2, WalkableAreaSpec } from '../index.js';

/** Axis-aligned rectangle [x0, x1] x [y0, y1] as a counter-clockwise ring. */
export function rectangle(x0: number, y0: number, x1: number, y1: number): Vec2[] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

/** A straight corridor `length` m long (x from `from`) and `width` m wide (y from 0). */
export function corridor(length: number, width: number, from = 0): WalkableAreaSpec {
  return { outline: rectangle(from, 0, from + length, width) };
}

/**
 * Two rooms joined by a corridor along y = roomDepth / 2, the NIST TN 1822 Verif. 2.8 layout
 * (validation.md section 2, N-2.8): room 1 at x in [0, room], corridor of `length` x `width`,
 * room 2 beyond it; both rooms `room` x `roomDepth`.
 */
export function twoRoomsAndCorridor(room: number, roomDepth: number, length: number, width: number): WalkableAreaSpec {
  const y0 = roomDepth / 2 - width / 2, y1 = roomDepth / 2 + width / 2;
  const x1 = room, x2 = room + length, x3 = 2 * room + length;
  return {
    outline: [[0, 0], [x1, 0], [x1, y0], [x2, y0], [x2, 0], [x3, 0], [x3, roomDepth], [x2, roomDepth], [x2, y1], [x1, y1], [x1, roomDepth], [0, roomDepth]],
  };
}

/**
 * A square waiting room [0, room]^2 emptying through a bottleneck of `width` x `length` centred
 * on y = room / 2, into an open area `outflow` m deep and as high as the room.
 */
export function roomWithBottleneck(room: number, width: number, length: number, outflow: number): WalkableAreaSpec {
  const y0 = room / 2 - width / 2, y1 = room / 2 + width / 2;
  const x1 = room, x2 = room + length, x3 = room + length + outflow;
  return {
    outline: [[0, 0], [x1, 0], [x1, y0], [x2, y0], [x2, 0], [x3, 0], [x3, room], [x2, room], [x2, y1], [x1, y1], [x1, room], [0, room]],
  };
}
