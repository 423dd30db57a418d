// A 3D view of a port: the floor plan of every level, the travellers, an optional level-of-service
// overlay on the floor, lights, a camera that starts in plan view (straight down) and orbit
// controls. Draws only when something changed; the owner calls draw() from its animation frame
// and dispose() when done.
import type { LevelSpec, Vec2 } from '@portflow/core';
import { AmbientLight, Box3, Color, DirectionalLight, Group, Mesh, PerspectiveCamera, Scene, Vector3, WebGLRenderer } from 'three';
import type { Material } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { DensityOverlay } from './density-overlay.js';
import type { OverlayCell } from './density-overlay.js';
import { createFloorPlan } from './floor-plan.js';
import type { ColourBy, TravellerFrame } from './traveller-layer.js';
import { TravellerLayer } from './traveller-layer.js';

export interface PlanViewOptions {
  /** Most travellers drawn at once. Default 20,000 (see `pnpm bench:viewer`). */
  readonly maxTravellers?: number;
  /** Keep the drawing buffer so it can be read back (screenshots, tests). Default false. */
  readonly preserveDrawingBuffer?: boolean;
  readonly background?: number;
  /** Names drawn over the view at plan positions (stages: "e-gates", "counters"), m. */
  readonly labels?: readonly PlanLabel[];
  /** Density grid cell of the level-of-service overlay, m: the scenario's measurement.densityCell. Default the engine's, 2. */
  readonly densityCell?: number;
  /** Queue polylines and their level id: the overlay judges the cells they cross by Fruin's queueing table. */
  readonly queues?: readonly { readonly level: string; readonly path: readonly Vec2[] }[];
  /** Least time between two overlay updates, ms (counting a frame is cheap, uploading textures less so). Default 250. */
  readonly overlayIntervalMs?: number;
  /** Called after each overlay update with the worst cell of each level (to show it beside the view). */
  readonly onOverlayUpdate?: (worst: readonly (OverlayCell | undefined)[]) => void;
}

/** What is drawn on the floor: nothing, or local density coloured by Fruin level of service. */
export type FloorOverlay = 'none' | 'los';

export interface PlanLabel {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly z?: number;
}

export const planViewDefaults = { maxTravellers: 20_000, preserveDrawingBuffer: false, background: 0xffffff, overlayIntervalMs: 250 } as const;

const FOV = 40;

export class PlanView {
  readonly canvas: HTMLCanvasElement;
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera = new PerspectiveCamera(FOV, 1, 0.1, 5000);
  readonly controls: OrbitControls;
  readonly travellers: TravellerLayer;
  private readonly plan = new Group();
  private dirty = true;
  private readonly labels: readonly PlanLabel[];
  private readonly labelLayer: HTMLDivElement | undefined;
  private readonly _p = new Vector3();
  private readonly levels: readonly LevelSpec[];
  private readonly overlayOptions: Pick<PlanViewOptions, 'densityCell' | 'queues'>;
  private readonly overlayIntervalMs: number;
  private readonly onOverlayUpdate: ((worst: readonly (OverlayCell | undefined)[]) => void) | undefined;
  /** Built on first use (it samples every cell's walkable area). */
  private overlay: DensityOverlay | undefined;
  private floorOverlay: FloorOverlay = 'none';
  private frame: TravellerFrame | undefined;
  private overlayStale = false;
  private overlayAt = -Infinity;
  private readonly onChange = (): void => {
    this.dirty = true;
  };

  constructor(canvas: HTMLCanvasElement, levels: readonly LevelSpec[], options: PlanViewOptions = {}) {
    const o = { ...planViewDefaults, ...options };
    this.canvas = canvas;
    this.levels = levels;
    this.overlayOptions = { ...(o.densityCell !== undefined ? { densityCell: o.densityCell } : {}), ...(o.queues ? { queues: o.queues } : {}) };
    this.overlayIntervalMs = o.overlayIntervalMs;
    this.onOverlayUpdate = o.onOverlayUpdate;
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: o.preserveDrawingBuffer });
    this.renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio ?? 1));
    this.scene.background = new Color(o.background);
    this.camera.up.set(0, 0, 1);
    this.scene.add(new AmbientLight(0xffffff, 1.6));
    const sun = new DirectionalLight(0xffffff, 1.4);
    sun.position.set(-0.4, -0.7, 1);
    this.scene.add(sun);
    for (const level of levels) this.plan.add(createFloorPlan(level));
    this.scene.add(this.plan);
    this.travellers = new TravellerLayer(o.maxTravellers);
    this.scene.add(this.travellers.mesh);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.addEventListener('change', this.onChange);
    // Labels are HTML over the canvas (crisp text in any script, no font textures); the
    // canvas's parent is their positioning box.
    this.labels = o.labels ?? [];
    const parent = canvas.parentElement;
    if (this.labels.length > 0 && parent) {
      if (getComputedStyle(parent).position === 'static') parent.style.position = 'relative';
      this.labelLayer = document.createElement('div');
      this.labelLayer.className = 'plan-labels';
      this.labelLayer.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;';
      for (const l of this.labels) {
        const el = document.createElement('span');
        el.textContent = l.text;
        el.style.cssText = 'position:absolute;transform:translate(-50%,-50%);font-size:11px;padding:0 3px;background:rgba(255,255,255,.8);border-radius:2px;white-space:nowrap;color:#111827;';
        this.labelLayer.append(el);
      }
      parent.append(this.labelLayer);
    }
    this.resize();
    this.planView();
  }

  /** Camera straight above the whole plan, north up, everything in view. */
  planView(): void {
    const box = new Box3().setFromObject(this.plan);
    const centre = box.getCenter(new Vector3());
    const size = box.getSize(new Vector3());
    const aspect = this.camera.aspect;
    const half = Math.tan(((FOV / 2) * Math.PI) / 180);
    // Distance at which the plan's width and depth both fit, with a 6 % margin.
    const d = 1.06 * Math.max(size.y / 2 / half, size.x / 2 / (half * aspect));
    this.camera.position.set(centre.x, centre.y - 0.001, centre.z + d);
    this.controls.target.copy(centre);
    this.controls.update();
    this.dirty = true;
  }

  /** Tilted view from the south-west. */
  perspectiveView(): void {
    this.planView();
    const t = this.controls.target;
    const p = this.camera.position;
    const d = p.distanceTo(t);
    this.camera.position.set(t.x - 0.25 * d, t.y - 0.65 * d, t.z + 0.7 * d);
    this.controls.update();
    this.dirty = true;
  }

  setColourBy(by: ColourBy): void {
    this.travellers.colourBy = by;
    this.dirty = true;
  }

  /** Shows travellers at one instant (drawn at the next draw()). */
  show(frame: TravellerFrame): void {
    this.travellers.update(frame);
    this.frame = frame;
    this.overlayStale = true;
    this.dirty = true;
  }

  /** Turns the floor overlay on or off; 'los' colours each cell by its Fruin level of service. */
  setOverlay(kind: FloorOverlay): void {
    this.floorOverlay = kind;
    if (kind === 'los' && !this.overlay) {
      const o = this.overlayOptions;
      this.overlay = new DensityOverlay(this.levels, { ...(o.densityCell !== undefined ? { cellSize: o.densityCell } : {}), ...(o.queues ? { queues: o.queues } : {}) });
      this.scene.add(this.overlay.group);
    }
    if (this.overlay) this.overlay.group.visible = kind === 'los';
    // Counted now, so overlayWorst() answers at once (a paused or finished run sends no more frames).
    if (kind === 'los' && this.frame) this.updateOverlay(this.frame);
    this.dirty = true;
  }

  /** The worst cell of each level in the overlay's last update (undefined while the overlay is off or a level is empty). */
  overlayWorst(): (OverlayCell | undefined)[] {
    return this.floorOverlay === 'los' && this.overlay ? this.overlay.worst() : [];
  }

  /** Matches the drawing buffer to the canvas's CSS size. */
  resize(): void {
    const w = Math.max(1, this.canvas.clientWidth);
    const h = Math.max(1, this.canvas.clientHeight);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.dirty = true;
  }

  /** Renders if anything changed since the last call (the overlay follows the travellers at most every overlayIntervalMs). */
  draw(): void {
    if (this.floorOverlay === 'los' && this.overlayStale && this.frame && this.overlay) {
      const now = performance.now();
      if (now - this.overlayAt >= this.overlayIntervalMs) this.updateOverlay(this.frame);
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.renderer.render(this.scene, this.camera);
    this.placeLabels();
  }

  private updateOverlay(frame: TravellerFrame): void {
    if (!this.overlay) return;
    this.overlay.update(frame);
    this.overlayAt = performance.now();
    this.overlayStale = false;
    this.dirty = true;
    this.onOverlayUpdate?.(this.overlay.worst());
  }

  private placeLabels(): void {
    const layer = this.labelLayer;
    if (!layer) return;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    layer.style.left = `${this.canvas.offsetLeft}px`;
    layer.style.top = `${this.canvas.offsetTop}px`;
    // Greedy: a label that would overlap one already placed is hidden (zoom in to see it).
    const placed: [number, number, number, number][] = [];
    this.labels.forEach((l, k) => {
      const el = layer.children[k] as HTMLElement;
      this._p.set(l.x, l.y, l.z ?? 0).project(this.camera);
      const cx = ((this._p.x + 1) / 2) * w;
      const cy = ((1 - this._p.y) / 2) * h;
      const hw = el.offsetWidth / 2 + 2;
      const hh = el.offsetHeight / 2 + 1;
      const inView = this._p.z < 1 && cx - hw >= 0 && cx + hw <= w && cy - hh >= 0 && cy + hh <= h;
      const free = placed.every(([x0, y0, x1, y1]) => cx + hw < x0 || cx - hw > x1 || cy + hh < y0 || cy - hh > y1);
      el.style.visibility = inView && free ? 'visible' : 'hidden';
      if (inView && free) placed.push([cx - hw, cy - hh, cx + hw, cy + hh]);
      el.style.left = `${cx}px`;
      el.style.top = `${cy}px`;
    });
  }

  dispose(): void {
    this.controls.removeEventListener('change', this.onChange);
    this.controls.dispose();
    this.travellers.dispose();
    this.overlay?.dispose();
    this.plan.traverse((o) => {
      if (o instanceof Mesh) {
        o.geometry.dispose();
        (o.material as Material).dispose();
      }
    });
    this.renderer.dispose();
    this.labelLayer?.remove();
  }
}
