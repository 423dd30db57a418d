// A stage with its shorthands expanded: server points (with the JSON path each came from),
// standby spots, queue lines head first, and the barriers a generated serpentine adds to the
// stage's level. Shared by the checks and by toPortModel() so both see the same coordinates.
import type { TargetShape, Vec2 } from '@portflow/core';
import { expandPoints, expandStandby, perServerPaths, toTargetShape } from './expand.js';
import type { Path } from './issues.js';
import type { ExtraBarrier } from './level-geometry.js';
import type { ScenarioStage } from './schema.js';
import { serpentine } from './serpentine.js';

/** Radius of a server or standby spot as a walking target (the engine's). */
export const SERVER_RADIUS = 0.3;
/** Radius of a queue entrance as a walking target (the engine's). */
export const QUEUE_ENTRANCE_RADIUS = 0.6;
/** Distance between people in a queue when none is given, m (the engine's default). */
export const DEFAULT_SPACING = 0.6;

export interface CompiledQueue {
  readonly kind: 'single' | 'per-server';
  /** Lines, head first: one for `single`, one per server for `per-server`. */
  readonly paths: Vec2[][];
  readonly spacing: number;
  readonly abreast: number;
  readonly choice?: 'shortest' | 'random';
  /** For a serpentine: its lane width and length, m. */
  readonly lanes?: { readonly width: number; readonly length: number };
  /** For an adjustable serpentine: path vertices where belts open (see the engine's QueueSpec). */
  readonly openings?: number[];
}

export interface CompiledStage {
  readonly stage: ScenarioStage;
  readonly path: Path;
  readonly servers: Vec2[];
  /** Path of the `servers` item each server came from. */
  readonly serverOrigins: Path[];
  readonly standby?: Vec2[];
  readonly queue?: CompiledQueue;
  readonly barriers: ExtraBarrier[];
  /** Where a traveller walks to when entering the stage. */
  readonly entry: TargetShape[];
  /** Where a traveller is when leaving it (on `exitLevel` when the stage moves people between levels). */
  readonly exit: TargetShape[];
}

export function compileStage(stage: ScenarioStage, path: Path): CompiledStage {
  const barriers: ExtraBarrier[] = [];
  if (stage.kind !== 'service') {
    const target = toTargetShape(stage.target);
    const exit = stage.kind === 'link' ? toTargetShape(stage.alight) : stage.kind === 'vehicle-stop' && stage.ride ? toTargetShape(stage.ride.alight) : target;
    return { stage, path, servers: [], serverOrigins: [], barriers, entry: [target], exit: [exit] };
  }
  const servers: Vec2[] = [];
  const serverOrigins: Path[] = [];
  stage.servers.forEach((item, k) => {
    for (const p of expandPoints([item])) {
      servers.push(p);
      serverOrigins.push([...path, 'servers', k]);
    }
  });
  const standby = stage.standby ? expandStandby(stage.standby, servers) : undefined;
  let queue: CompiledQueue | undefined;
  const q = stage.queue;
  if (q?.kind === 'single') {
    queue = { kind: 'single', paths: [q.path.map(([x, y]): Vec2 => [x, y])], spacing: q.spacing ?? DEFAULT_SPACING, abreast: q.abreast ?? 1 };
  } else if (q?.kind === 'per-server') {
    queue = { kind: 'per-server', paths: perServerPaths(q, servers), spacing: q.spacing ?? DEFAULT_SPACING, abreast: 1, ...(q.choice ? { choice: q.choice } : {}) };
  } else if (q?.kind === 'serpentine') {
    const s = serpentine(q);
    const openings = (q.adjustable ?? true) ? { openings: s.openings } : {};
    queue = { kind: 'single', paths: [s.path], spacing: q.spacing ?? DEFAULT_SPACING, abreast: q.abreast ?? 1, lanes: { width: s.laneWidth, length: s.laneLength }, ...openings };
    for (const b of s.barriers) barriers.push({ points: b, origin: [...path, 'queue'] });
  }
  const serverShapes = servers.map((p): TargetShape => ({ kind: 'point', x: p[0], y: p[1], radius: SERVER_RADIUS }));
  const entry = queue
    ? queue.paths.filter((p) => p.length > 0).map((p): TargetShape => ({ kind: 'point', x: p[p.length - 1]![0], y: p[p.length - 1]![1], radius: QUEUE_ENTRANCE_RADIUS }))
    : serverShapes;
  return { stage, path, servers, serverOrigins, ...(standby ? { standby } : {}), ...(queue ? { queue } : {}), barriers, entry, exit: serverShapes };
}
