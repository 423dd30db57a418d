// The page of `pnpm bench:viewer` (bench/viewer-frames.ts drives it): a 200 m x 100 m hall with
// pillars and queue barriers drawn by @portflow/viewer's PlanView, and `n` travellers (from the URL)
// that all move every animation frame. Measures, after a warm-up, the time between animation
// frames and the page's own time per frame (moving the travellers, show() and draw()), then leaves
// the figures on window.__bench. The frame arrays are allocated once and rewritten in place.
import type { LevelSpec, Vec2 } from '@portflow/core';
import type { TravellerFrame } from '@portflow/viewer';
import { PlanView, travellerStates } from '@portflow/viewer';

const q = new URLSearchParams(location.search);
const n = Number(q.get('n') ?? 2000);
const overlay = q.get('overlay') === 'los';
const warmupMs = Number(q.get('warmup') ?? 1000);
const measureMs = Number(q.get('measure') ?? 5000);

const W = 200, H = 100;
const rect = (x: number, y: number, w: number, h: number): Vec2[] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const holes: Vec2[][] = [];
for (let i = 0; i < 6; i++) for (let j = 0; j < 3; j++) holes.push(rect(30 + 25 * i, 20 + 30 * j, 1.5, 1.5));
const barriers: Vec2[][] = [];
for (let k = 0; k < 12; k++) barriers.push([[10, 10 + 2 * k], [60, 10 + 2 * k]]);
const level: LevelSpec = { id: 'hall', geometry: { outline: rect(0, 0, W, H), holes, barriers } };

// A fixed pseudo-random start (an LCG: the same positions on every run).
let seed = 12345;
const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const frame = { time: 0, count: n, x: new Float32Array(n), y: new Float32Array(n), z: new Float32Array(n), state: new Uint8Array(n), group: new Uint8Array(n) } satisfies TravellerFrame;
const vx = new Float32Array(n), vy = new Float32Array(n);
for (let i = 0; i < n; i++) {
  frame.x[i] = 1 + rand() * (W - 2);
  frame.y[i] = 1 + rand() * (H - 2);
  const a = rand() * 2 * Math.PI;
  vx[i] = 1.3 * Math.cos(a);
  vy[i] = 1.3 * Math.sin(a);
  frame.state[i] = i % 3 === 0 ? travellerStates.queued : i % 3 === 1 ? travellerStates.walking : travellerStates.holding;
}

const canvas = document.getElementById('view') as HTMLCanvasElement;
const view = new PlanView(canvas, [level], { maxTravellers: n });
view.setOverlay(overlay ? 'los' : 'none');

/** Everyone walks 1.3 m/s for one 60 Hz step, turning back at the walls. */
function move(): void {
  const dt = 1 / 60;
  for (let i = 0; i < n; i++) {
    let x = frame.x[i]! + vx[i]! * dt, y = frame.y[i]! + vy[i]! * dt;
    if (x < 0.5 || x > W - 0.5) { vx[i] = -vx[i]!; x = frame.x[i]!; }
    if (y < 0.5 || y > H - 0.5) { vy[i] = -vy[i]!; y = frame.y[i]!; }
    frame.x[i] = x;
    frame.y[i] = y;
  }
  frame.time += dt;
}

const intervals: number[] = [];
const work: number[] = [];
let start = -1, last = -1;
function tick(now: number): void {
  if (start < 0) start = now;
  const t0 = performance.now();
  move();
  view.show(frame);
  view.draw();
  const spent = performance.now() - t0;
  if (now - start > warmupMs) {
    if (last >= 0) intervals.push(now - last);
    work.push(spent);
  }
  last = now;
  if (now - start < warmupMs + measureMs) requestAnimationFrame(tick);
  else finish();
}

function finish(): void {
  const gl = view.renderer.getContext();
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  (window as unknown as { __bench: unknown }).__bench = { n, overlay, intervals, work, renderer, width: canvas.width, height: canvas.height };
  document.body.dataset.done = 'true';
}

requestAnimationFrame(tick);
