// The planner page: two scenario runs in module Web Workers (comlink), side-by-side 3D views at
// the same simulated time with an optional level-of-service floor, queue charts, a KPI table
// A vs B (over several seeds, with confidence intervals), page state in the URL, exports.
// The page owns the playback clock and pulls frames; the workers own the simulations.
import type { PortMetrics } from '@portflow/core';
import { formatTimeOfDay } from '@portflow/core';
import type { OverlayCell, TravellerFrame } from '@portflow/viewer';
import { clock, drawQueueChart, drawThroughputChart, losColours, PlanView, travellerColours } from '@portflow/viewer';
import type { Remote } from 'comlink';
import { wrap } from 'comlink';
import { catalogue, defaultPair, scenarioFiles } from './catalogue.js';
import type { KpiRow } from './kpi.js';
import { kpiCsv, kpiRows, replicatedKpiRows } from './kpi.js';
import type { PageState, SeedCount, Speed } from './page-state.js';
import { readPageState, seedCounts, speeds, writePageState } from './page-state.js';
import type { ReplicationResult } from './replications.js';
import { runReplications } from './replications.js';
import type { LoadResult, RunInfo, ScenarioRun } from './scenario-run.js';
import './style.css';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const colours = { a: '#2563eb', b: '#ea580c' } as const;
const hex = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

interface Side {
  readonly key: 'a' | 'b';
  readonly worker: Worker;
  readonly run: Remote<ScenarioRun>;
  info?: RunInfo;
  view?: PlanView;
  frame?: TravellerFrame;
  metrics?: PortMetrics;
  done: boolean;
  readonly el: HTMLElement;
}

let state: PageState = readPageState(location.search, defaultPair());
let sides: Side[] = [];
let playing = false;
let busy = false;
/** Simulated seconds since each run's start: both views show the same elapsed time (the same clock time when the runs start together). */
let elapsed = 0;
let lastWall = 0;
let lastMetricsWall = 0;
let generation = 0;
/** The several-seed runs behind the KPI table (state.seeds > 1). */
let replication: { readonly n: number; readonly seeds: string; done: number; total: number; result?: ReplicationResult; cancel(): void } | undefined;

function setState(patch: Partial<PageState>): void {
  state = { ...state, ...patch };
  history.replaceState(null, '', writePageState(state));
}

function status(text: string, error = false): void {
  const el = $('status');
  el.textContent = text;
  el.className = error ? 'error' : '';
}

function fillPickers(): void {
  for (const [id, value] of [['pick-a', state.a], ['pick-b', state.b]] as const) {
    const select = $<HTMLSelectElement>(id);
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const e of catalogue) {
      let g = groups.get(e.group);
      if (!g) {
        g = document.createElement('optgroup');
        g.label = e.group;
        groups.set(e.group, g);
        select.append(g);
      }
      g.append(new Option(e.label, e.path, false, e.path === value));
    }
  }
  const speed = $<HTMLSelectElement>('speed');
  for (const s of speeds) speed.append(new Option(s === 'max' ? 'as fast as possible' : `${s}× real time`, s, false, s === state.speed));
  $<HTMLSelectElement>('colour').value = state.colour;
  $<HTMLSelectElement>('floor').value = state.floor;
  const seeds = $<HTMLSelectElement>('seeds');
  for (const n of seedCounts) seeds.append(new Option(n === 1 ? '1 run each' : `${n} runs each`, String(n), false, n === state.seeds));
  $<HTMLInputElement>('seed').value = String(state.seed);
}

function legend(): void {
  const el = $('legend');
  const items: [string, number][] =
    state.colour === 'state'
      ? [['walking (or waiting for room at a full queue)', travellerColours.state[0]], ['at a desk, gate or waiting spot', travellerColours.state[1]], ['in a queue', travellerColours.state[2]]]
      : (sides[0]?.info?.classes ?? []).map((c, k): [string, number] => [c.name ?? c.id, travellerColours.class[k % travellerColours.class.length]!]);
  el.replaceChildren('Each dot is a traveller, coloured by ' + (state.colour === 'state' ? 'what they are doing:' : 'traveller class:'));
  for (const [label, c] of items) {
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = hex(c);
    el.append(dot, label);
  }
  el.append(' · Drag to rotate, scroll to zoom, right-drag to pan.');
  const floor = $('floor-legend');
  floor.hidden = state.floor !== 'los';
  if (state.floor !== 'los') return;
  const cell = sides[0]?.info?.densityCell ?? 2;
  floor.replaceChildren(`Floor: crowding now, Fruin level of service of each ${cell} m × ${cell} m cell (walkways; queueing table on queue lines; empty cells clear):`);
  for (const [los, c] of Object.entries(losColours)) {
    const chip = document.createElement('span');
    chip.className = 'los-chip';
    chip.style.background = hex(c);
    chip.style.color = 'CDE'.includes(los) ? '#111827' : '#ffffff';
    chip.textContent = los;
    floor.append(chip);
  }
  floor.append(' A free flow … F jammed');
}

function sideMarkup(side: Side, title: string, description: string | undefined): void {
  side.el.className = `run run-${side.key}`;
  side.el.innerHTML = `<h2><span class="tag">${side.key.toUpperCase()}</span><span class="name"></span></h2><p class="description"></p>
    <div class="clock"><span class="time">--:--:--</span><progress max="1" value="0"></progress><span class="pct"></span><span class="count"></span><span class="los-now"></span></div>
    <div class="view-box"><canvas class="view"></canvas></div><svg class="queues"></svg>`;
  const name = side.el.querySelector('.name') as HTMLElement;
  name.textContent = title;
  name.title = title;
  const d = side.el.querySelector('.description') as HTMLElement;
  d.textContent = description ?? '';
  d.title = description ?? '';
}

const hms = (t: number): string => `${clock(t)}:${String(Math.floor(t % 60)).padStart(2, '0')}`;

/** The overlay's worst level of service now, over every level of the building (empty while the overlay is off). */
function losNow(side: Side, cells: readonly (OverlayCell | undefined)[] = side.view?.overlayWorst() ?? []): void {
  const worst = cells.reduce<{ los: string; queueing: boolean } | undefined>((w, c) => (c && (!w || c.los > w.los) ? c : w), undefined);
  const el = side.el.querySelector('.los-now');
  if (el) el.textContent = worst ? `worst now: LOS ${worst.los} ${worst.queueing ? '(queue)' : '(walkway)'}` : '';
}

function drawSide(side: Side, yMax: number): void {
  const info = side.info;
  if (!info) return;
  const t = side.frame?.time ?? info.start;
  const p = (t - info.start) / Math.max(1, info.end - info.start);
  side.el.querySelector('.time')!.textContent = hms(t);
  (side.el.querySelector('progress') as HTMLProgressElement).value = p;
  side.el.querySelector('.pct')!.textContent = side.done ? 'finished' : `${Math.round(100 * p)} %`;
  side.el.querySelector('.count')!.textContent = side.metrics ? `${side.metrics.inSystem} in the port, ${side.metrics.exited} through` : '';
  const svg = side.el.querySelector('svg.queues') as SVGSVGElement;
  // The four longest queues: more lines than that are unreadable in a small chart.
  const queued = (side.metrics?.stages ?? []).filter((s) => s.queue).sort((p, q) => q.queue!.peak - p.queue!.peak);
  const series = queued.slice(0, 4).map((s) => ({ id: s.id, points: [...s.queue!.series, [t, s.queue!.series.at(-1)?.[1] ?? 0] as const] }));
  drawQueueChart(svg, series, { width: side.el.clientWidth - 22, height: 140, from: info.start, to: info.end, now: t, yMax, title: queued.length > 4 ? `People queueing: the 4 longest of ${queued.length} queues` : 'People queueing per service stage' });
}

/** The rows the table shows and the exports write: over every seed once those runs are done, else the views' runs now. */
function currentRows(): KpiRow[] {
  const names = new Map<string, string>();
  for (const s of sides) for (const st of s.info?.stages ?? []) names.set(st.id, st.name ?? st.id);
  const r = replication?.result;
  return r?.ok ? replicatedKpiRows(r.runs, names) : kpiRows(sides[0]?.metrics, sides[1]?.metrics, names);
}

/** What the numbers in the table are: which runs, up to when. */
function kpiCaption(): string {
  const first = state.seed;
  const r = replication;
  if (!r) return `One run each with seed ${first}, up to the simulated time shown above.`;
  if (r.result?.ok) return `Mean ± 95 % confidence interval (half-width) over seeds ${r.seeds}, whole runs; B − A paired by seed. The views show seed ${first}.`;
  if (r.result) return `The ${r.n}-seed runs failed (${r.result.error}); showing seed ${first} up to the time shown above.`;
  return `Seed ${first} up to the time shown above, while the ${r.n} seeds (${r.seeds}) run to the end: ${r.done} of ${r.total} runs done.`;
}

function drawResults(): void {
  const rows = currentRows();
  $('kpi-caption').textContent = kpiCaption();
  const tbody = $('kpi').querySelector('tbody')!;
  tbody.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement('tr');
      const fmt = (v: number | string | undefined): string => (v === undefined ? '–' : typeof v === 'string' ? v : !Number.isFinite(v) ? '–' : r.unit === '%' || r.unit === 'people' || r.unit.startsWith('travellers') ? v.toFixed(0) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
      const pm = (v: number | string | undefined, ci: number | undefined): string => (r.ci && typeof v === 'number' ? `${fmt(v)} ± ${fmt(ci)}` : fmt(v));
      // A delta that rounds to zero shows as 0 (not "-0.0") and is not coloured; over several
      // seeds a delta is coloured only when its 95 % interval excludes 0.
      const shown = r.delta === undefined ? '' : fmt(r.delta);
      const zero = shown !== '' && Number(shown) === 0;
      const better = r.delta === undefined || zero || (r.ci && !r.ci.significant) ? '' : r.delta > 0 === r.higherIsBetter ? 'better' : 'worse';
      const delta = r.delta === undefined ? '' : zero ? '0' : `${r.delta > 0 ? '+' : ''}${shown}`;
      const cells = [r.label, r.unit, pm(r.a, r.ci?.a), pm(r.b, r.ci?.b), r.ci && delta !== '' ? `${delta} ± ${fmt(r.ci.delta)}` : delta];
      cells.forEach((c, k) => {
        const td = document.createElement('td');
        td.textContent = c;
        if (k === 1) td.className = 'unit';
        if (k === 4) td.className = better;
        tr.append(td);
      });
      return tr;
    }),
  );
  const start = Math.min(...sides.map((s) => s.info?.start ?? Infinity));
  const end = Math.max(...sides.map((s) => s.info?.end ?? -Infinity));
  if (!Number.isFinite(start)) return;
  // Over several seeds the table holds means; the chart, like the views, shows the first seed.
  $('throughput-note').textContent = `Travellers leaving the port in each clock hour; the current hour is shaded.${replication ? ` Seed ${state.seed}, the runs the views show.` : ''}`;
  const box = $('throughput').parentElement!;
  drawThroughputChart($('throughput') as unknown as SVGSVGElement, sides.map((s) => ({ label: s.key === 'a' ? 'A (baseline)' : 'B (option)', colour: colours[s.key], hourly: s.metrics?.hourly ?? [] })), {
    width: box.clientWidth - 22, height: 220, fromHour: Math.floor(start / 3600), toHour: Math.floor((end - 1) / 3600), now: (sides[0]?.info?.start ?? 0) + elapsed,
  });
}

function drawAll(): void {
  const yMax = Math.max(1, ...sides.flatMap((s) => (s.metrics?.stages ?? []).map((st) => st.queue?.peak ?? 0)));
  for (const s of sides) drawSide(s, yMax);
  drawResults();
  legend();
}

function stop(): void {
  generation++;
  playing = false;
  busy = false;
  replication?.cancel();
  replication = undefined;
  for (const s of sides) {
    s.view?.dispose();
    s.worker.terminate();
  }
  sides = [];
}

async function start(): Promise<void> {
  stop();
  const gen = generation;
  const seed = Number($<HTMLInputElement>('seed').value);
  setState({
    a: $<HTMLSelectElement>('pick-a').value,
    b: $<HTMLSelectElement>('pick-b').value,
    seeds: Number($<HTMLSelectElement>('seeds').value) as SeedCount,
    seed: Number.isInteger(seed) && seed >= 0 ? seed : 1,
  });
  status('Loading scenarios…');
  delete document.body.dataset.finished;
  delete document.body.dataset.replicated;
  sides = (['a', 'b'] as const).map((key) => {
    const worker = new Worker(new URL('./simulation-worker.ts', import.meta.url), { type: 'module', name: `run-${key}` });
    return { key, worker, run: wrap<ScenarioRun>(worker), done: false, el: $(`run-${key}`) };
  });
  const loads = await Promise.all(sides.map((s) => s.run.load(state[s.key], scenarioFiles, { seed: state.seed, ...(state.until ? { until: state.until } : {}) })));
  if (gen !== generation) return;
  for (const [k, r] of loads.entries()) {
    const side = sides[k]!;
    if (!r.ok) {
      status(`${side.key.toUpperCase()} (${state[side.key]}) is not a valid scenario:\n${r.issues.map((i) => i.message).join('\n')}`, true);
      return;
    }
    side.info = r.info;
    sideMarkup(side, r.info.name, r.info.description);
    const canvas = side.el.querySelector('canvas') as HTMLCanvasElement;
    const labels = r.info.stages.flatMap((st) => (st.at && st.kind !== 'waypoint' ? [{ text: st.name ?? st.id, x: st.at[0], y: st.at[1], z: st.at[2] }] : []));
    side.view = new PlanView(canvas, r.info.levels, { preserveDrawingBuffer: true, labels, densityCell: r.info.densityCell, queues: r.info.queues, onOverlayUpdate: (worst) => losNow(side, worst) });
    side.view.setColourBy(state.colour);
    side.view.setOverlay(state.floor);
  }
  if (state.seeds > 1) startReplications(gen, loads);
  elapsed = 0;
  status('Running: both simulations run in Web Workers; the views show the same simulated time.');
  $<HTMLButtonElement>('play').disabled = false;
  for (const id of ['export-csv', 'export-json', 'export-png']) $<HTMLButtonElement>(id).disabled = false;
  drawAll();
  setPlaying(true);
}

/** The KPI table's runs over state.seeds seeds, on a pool of workers, to the same end as the views. */
function startReplications(gen: number, loads: readonly LoadResult[]): void {
  const [la, lb] = loads;
  if (!la?.ok || !lb?.ok) return;
  const n = state.seeds;
  const end = Math.min(la.info.end, lb.info.end);
  const run = runReplications({
    a: { document: la.document, path: state.a },
    b: { document: lb.document, path: state.b },
    first: state.seed,
    n,
    to: formatTimeOfDay(end),
    onProgress: (done, total) => {
      if (gen !== generation || !replication) return;
      replication.done = done;
      replication.total = total;
      $('kpi-caption').textContent = kpiCaption();
    },
  });
  replication = { n, seeds: `${state.seed}–${state.seed + n - 1}`, done: 0, total: 2 * n, cancel: run.cancel };
  void run.result.then((result) => {
    if (gen !== generation || !replication) return;
    replication.result = result;
    drawResults();
    if (!result.ok) status(`The ${n}-seed runs failed: ${result.error}`, true);
    document.body.dataset.replicated = String(result.ok);
  });
}

function setPlaying(on: boolean): void {
  playing = on;
  lastWall = performance.now();
  $('play').textContent = on ? 'Pause' : 'Play';
}

/** Asks both workers for the next instant; the slower one sets the pace, so views stay in step. */
async function pump(): Promise<void> {
  if (!playing || busy || sides.length === 0 || sides.some((s) => !s.info)) return;
  busy = true;
  const gen = generation;
  const now = performance.now();
  const step = state.speed === 'max' ? 120 : (Number(state.speed) * Math.min(1000, now - lastWall)) / 1000;
  lastWall = now;
  const target = elapsed + step;
  const withMetrics = now - lastMetricsWall > 500;
  if (withMetrics) lastMetricsWall = now;
  const results = await Promise.all(sides.map((s) => s.run.advance(s.info!.start + target, withMetrics)));
  if (gen !== generation) return;
  elapsed = target;
  results.forEach((r, k) => {
    const s = sides[k]!;
    s.frame = r.frame;
    s.done = r.done;
    if (r.metrics) s.metrics = r.metrics;
    s.view?.show(r.frame);
  });
  if (withMetrics || sides.every((s) => s.done)) drawAll();
  else for (const s of sides) s.el.querySelector('.time')!.textContent = hms(s.frame?.time ?? 0);
  if (sides.every((s) => s.done)) {
    setPlaying(false);
    $<HTMLButtonElement>('play').disabled = true;
    $('play').textContent = 'Finished';
    status('Finished: both runs reached their end. The table compares the whole runs.');
    document.body.dataset.finished = 'true';
  }
  busy = false;
}

function frameLoop(): void {
  void pump().catch((e: unknown) => {
    status(`Simulation failed: ${(e as Error).message}`, true);
    setPlaying(false);
    busy = false;
  });
  for (const s of sides) s.view?.draw();
  requestAnimationFrame(frameLoop);
}

function download(name: string, type: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Both 3D views side by side in one PNG, each captioned with its scenario and the clock. */
function exportPng(): void {
  const canvases = sides.map((s) => s.el.querySelector('canvas') as HTMLCanvasElement | null);
  const w = canvases.reduce((a, c) => a + (c?.width ?? 0), 0);
  const h = Math.max(...canvases.map((c) => c?.height ?? 0));
  if (w === 0 || h === 0) return;
  const caption = 28;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h + caption;
  const g = out.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#111111';
  g.font = '16px sans-serif';
  let x = 0;
  canvases.forEach((c, k) => {
    if (!c) return;
    const side = sides[k]!;
    const label = side.el.querySelector('h2')?.textContent ?? (k === 0 ? 'A' : 'B');
    const clock = side.el.querySelector('.clock')?.textContent ?? '';
    g.fillText(`${label}  ${clock}`.trim(), x + 8, 20);
    g.drawImage(c, x, caption);
    x += c.width;
  });
  out.toBlob((blob) => {
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'portflow-comparison.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, 'image/png');
}

function wire(): void {
  $('controls').addEventListener('submit', (e) => {
    e.preventDefault();
    void start();
  });
  $('play').addEventListener('click', () => setPlaying(!playing));
  $<HTMLSelectElement>('speed').addEventListener('change', (e) => setState({ speed: (e.target as HTMLSelectElement).value as Speed }));
  $<HTMLSelectElement>('colour').addEventListener('change', (e) => {
    setState({ colour: (e.target as HTMLSelectElement).value as 'state' | 'class' });
    for (const s of sides) {
      s.view?.setColourBy(state.colour);
      if (s.frame) s.view?.show(s.frame);
    }
    legend();
  });
  $<HTMLSelectElement>('floor').addEventListener('change', (e) => {
    setState({ floor: (e.target as HTMLSelectElement).value === 'los' ? 'los' : 'none' });
    for (const s of sides) {
      s.view?.setOverlay(state.floor);
      losNow(s);
    }
    legend();
  });
  $('view-plan').addEventListener('click', () => sides.forEach((s) => s.view?.planView()));
  $('view-tilt').addEventListener('click', () => sides.forEach((s) => s.view?.perspectiveView()));
  $('export-csv').addEventListener('click', () => {
    download('portflow-comparison.csv', 'text/csv', kpiCsv(currentRows(), state.a, state.b));
  });
  $('export-json').addEventListener('click', () => {
    const r = replication?.result;
    const doc = {
      elapsed,
      seed: state.seed,
      a: { scenario: state.a, metrics: sides[0]?.metrics },
      b: { scenario: state.b, metrics: sides[1]?.metrics },
      kpis: currentRows(),
      ...(r?.ok ? { replications: r.runs.map((x, k) => ({ seed: r.seeds[k], a: x.a, b: x.b })) } : {}),
    };
    download('portflow-comparison.json', 'application/json', JSON.stringify(doc, null, 2));
  });
  $('export-png').addEventListener('click', exportPng);
  window.addEventListener('resize', () => {
    for (const s of sides) s.view?.resize();
    drawAll();
  });
}

fillPickers();
wire();
legend();
requestAnimationFrame(frameLoop);
if (state.run) void start();
else status('Pick two scenarios and press “Run comparison”.');
