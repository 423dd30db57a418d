// Travellers as one InstancedMesh allocated for a maximum: each frame writes instance matrices
// and colours in place and sets `count`; nothing is allocated per frame (module-level scratch).
import { Color, CylinderGeometry, DynamicDrawUsage, InstancedMesh, Matrix4, MeshLambertMaterial } from 'three';

/** Traveller positions at one instant, struct-of-arrays (what a worker transfers). */
export interface TravellerFrame {
  /** Simulated clock, s since midnight. */
  readonly time: number;
  /** Travellers in the frame; the arrays may be longer. */
  readonly count: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Height of the traveller's level, m. */
  readonly z: Float32Array;
  /** One of travellerStates. */
  readonly state: Uint8Array;
  /** Traveller class index (0-based); 255 when unknown. */
  readonly group: Uint8Array;
}

/** What a traveller is doing, for colouring. */
export const travellerStates = { walking: 0, holding: 1, queued: 2 } as const;

export type ColourBy = 'state' | 'class';

/** Colours by state (walking, at a server or standby, in a queue) and a palette for classes. */
export const travellerColours = {
  state: [0x2563eb, 0x16a34a, 0xdb2777],
  class: [0x0f766e, 0xbe185d, 0x7c3aed, 0x65a30d, 0x0369a1, 0xb45309],
  unknown: 0x9ca3af,
} as const;

const _matrix = new Matrix4();
const _colour = new Color();

export class TravellerLayer {
  readonly mesh: InstancedMesh;
  colourBy: ColourBy = 'state';
  private readonly capacity: number;

  constructor(capacity: number, radius = 0.25, height = 1.6) {
    this.capacity = capacity;
    // Six sides: a traveller is a few pixels across in a whole-hall view, and at 20,000 travellers
    // vertex work dominates (`pnpm bench:viewer`: 10 sides drew a frame about 1.5x slower).
    const geometry = new CylinderGeometry(radius, radius, height, 6);
    // Cylinders stand on the floor along z (three's cylinder axis is y).
    geometry.rotateX(Math.PI / 2);
    geometry.translate(0, 0, height / 2);
    this.mesh = new InstancedMesh(geometry, new MeshLambertMaterial({ color: 0xffffff }), capacity);
    this.mesh.instanceMatrix.setUsage(DynamicDrawUsage);
    this.mesh.setColorAt(0, _colour.set(0xffffff));
    this.mesh.instanceColor!.setUsage(DynamicDrawUsage);
    this.mesh.count = 0;
    this.mesh.frustumCulled = false;
    this.mesh.name = 'travellers';
  }

  /** Shows a frame; travellers beyond the capacity are not drawn (returns how many were). */
  update(frame: TravellerFrame): number {
    const n = Math.min(frame.count, this.capacity);
    const byClass = this.colourBy === 'class';
    for (let i = 0; i < n; i++) {
      _matrix.makeTranslation(frame.x[i]!, frame.y[i]!, frame.z[i]!);
      this.mesh.setMatrixAt(i, _matrix);
      const g = frame.group[i]!;
      const hex = byClass
        ? g === 255 ? travellerColours.unknown : travellerColours.class[g % travellerColours.class.length]!
        : travellerColours.state[frame.state[i]!] ?? travellerColours.unknown;
      this.mesh.setColorAt(i, _colour.setHex(hex));
    }
    this.mesh.count = n;
    this.mesh.instanceMatrix.needsUpdate = true;
    this.mesh.instanceColor!.needsUpdate = true;
    return n;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    (this.mesh.material as MeshLambertMaterial).dispose();
    this.mesh.dispose();
  }
}
