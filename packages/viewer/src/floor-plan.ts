// A level's geometry as three.js meshes: the outline as walls, holes as solid blocks, thin
// barriers as low thin walls, and a floor. Built once per level; everything it creates is
// owned by the returned group and released by disposing its geometries and materials.
import type { LevelSpec, Vec2 } from '@portflow/core';
import { BoxGeometry, BufferGeometry, DoubleSide, ExtrudeGeometry, Float32BufferAttribute, Group, Mesh, MeshLambertMaterial, Path, Shape } from 'three';

export interface FloorPlanOptions {
  /** Height of outline walls, m. Default 1.2 (low, so the plan view sees over them). */
  readonly wallHeight?: number;
  /** Height of holes (counters, pillars), m. Default 1.1. */
  readonly blockHeight?: number;
  /** Height of thin barriers, m. Default 0.9 (a queue barrier). */
  readonly barrierHeight?: number;
  /** Thickness of outline walls and barriers, m. Default 0.12. */
  readonly thickness?: number;
}

export const floorPlanDefaults = { wallHeight: 1.2, blockHeight: 1.1, barrierHeight: 0.9, thickness: 0.12 } as const;

const open = (ring: readonly Vec2[]): readonly Vec2[] => {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length > 3 && a && b && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
};

/** Thin boxes along a polyline, merged into one indexed BufferGeometry (one draw call). */
function wallGeometry(lines: readonly (readonly Vec2[])[], closed: boolean, height: number, thickness: number): BufferGeometry {
  const pos: number[] = [];
  const idx: number[] = [];
  const box = new BoxGeometry(1, thickness, height);
  const bp = box.getAttribute('position');
  const bi = box.getIndex()!;
  for (const line0 of lines) {
    const line = closed ? open(line0) : line0;
    const n = closed ? line.length : line.length - 1;
    for (let k = 0; k < n; k++) {
      const a = line[k]!;
      const b = line[(k + 1) % line.length]!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy);
      if (len === 0) continue;
      const c = dx / len;
      const s = dy / len;
      const base = pos.length / 3;
      // Scale the unit box to the segment length (+ thickness so corners close), rotate, move.
      for (let v = 0; v < bp.count; v++) {
        const x = bp.getX(v) * (len + thickness);
        const y = bp.getY(v);
        pos.push(a[0] + dx / 2 + x * c - y * s, a[1] + dy / 2 + x * s + y * c, bp.getZ(v) + height / 2);
      }
      for (let i = 0; i < bi.count; i++) idx.push(base + bi.getX(i));
    }
  }
  box.dispose();
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(pos, 3));
  g.setIndex(idx);
  g.computeVertexNormals();
  return g;
}

const shapeOf = (ring: readonly Vec2[]): Shape => new Shape(open(ring).map(([x, y]) => ({ x, y }) as never));

/** Meshes for one level, in metres, x east, y north, z up; the group sits at the level's elevation. */
export function createFloorPlan(level: LevelSpec, options: FloorPlanOptions = {}): Group {
  const o = { ...floorPlanDefaults, ...options };
  const g = level.geometry;
  const group = new Group();
  group.name = `level:${level.id}`;
  group.position.z = level.elevation ?? 0;

  const floorShape = shapeOf(g.outline);
  for (const hole of g.holes ?? []) floorShape.holes.push(new Path(open(hole).map(([x, y]) => ({ x, y }) as never)));
  const floor = new Mesh(new ExtrudeGeometry(floorShape, { depth: 0.02, bevelEnabled: false }), new MeshLambertMaterial({ color: 0xf4f1ea, side: DoubleSide }));
  floor.position.z = -0.02;
  floor.name = 'floor';
  group.add(floor);

  const walls = new Mesh(wallGeometry([g.outline], true, o.wallHeight, o.thickness), new MeshLambertMaterial({ color: 0x6b7280 }));
  walls.name = 'walls';
  group.add(walls);

  const holes = g.holes ?? [];
  if (holes.length > 0) {
    const material = new MeshLambertMaterial({ color: 0x8b8f99 });
    const blocks = new Mesh(new ExtrudeGeometry(holes.map(shapeOf), { depth: o.blockHeight, bevelEnabled: false }), material);
    blocks.name = 'holes';
    group.add(blocks);
  }
  const barriers = g.barriers ?? [];
  if (barriers.length > 0) {
    const mesh = new Mesh(wallGeometry(barriers, false, o.barrierHeight, o.thickness / 2), new MeshLambertMaterial({ color: 0x9aa5b1 }));
    mesh.name = 'barriers';
    group.add(mesh);
  }
  return group;
}
