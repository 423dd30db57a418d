// The checks beyond each field's shape: unique ids, references to known ids, shares and
// probabilities that sum to 1, service banks every routed class may use, stages on the level
// travellers are on, places inside the walkable area and reachable on foot, and the walking
// mode's needs. Works on the elements that passed their shape check; ids of elements that did
// not still count as defined, so one broken stage is reported once, not at every reference.
import type { TargetShape, Vec2 } from '@portflow/core';
import { portableMath, simulationDefaults, toSeconds } from '@portflow/core';
import type { CompiledStage } from './compile-stage.js';
import { compileStage, SERVER_RADIUS } from './compile-stage.js';
import { toTargetShape } from './expand.js';
import type { IssueList, Path } from './issues.js';
import type { LevelGeometryResult } from './level-geometry.js';
import { buildLevelGeometry } from './level-geometry.js';
import { LevelReach, sharePiece } from './level-reach.js';
import type { Collection, Scenario, ScenarioClass, ScenarioDemand, ScenarioJourney, ScenarioLevel, ScenarioRun, ScenarioStage, ScenarioTransition } from './schema.js';

export interface Element<T> {
  readonly index: number;
  readonly value: T;
}

export interface CheckInput {
  readonly run: ScenarioRun | undefined;
  readonly levels: readonly Element<ScenarioLevel>[];
  readonly classes: readonly Element<ScenarioClass>[];
  readonly demand: readonly Element<ScenarioDemand>[];
  readonly stages: readonly Element<ScenarioStage>[];
  readonly journeys: readonly Element<ScenarioJourney>[];
  readonly measurement: Scenario['measurement'];
  /**
   * Every id written in each collection, valid element or not, with the indices it appears at;
   * undefined for a collection that is not even a list (references to it are not checked).
   */
  readonly ids: Readonly<Record<Collection, ReadonlyMap<string, readonly number[]> | undefined>>;
  /** Id of the first level as written (the default level), if any. */
  readonly firstLevel: string | undefined;
}

const SUM_TOLERANCE = 1e-6;

export function checkScenario(input: CheckInput, out: IssueList): void {
  const walking = input.run?.walking ?? true;
  checkDuplicates(input, out);
  checkRun(input, out);
  checkDemand(input, out);
  const compiled = checkStages(input, out);
  checkJourneyReferences(input, out);
  checkMeasurement(input, out);
  if (walking) checkWalkingNeeds(input, out);
  const reach = levelReach(input, compiled, out, walking);
  checkPlaces(input, compiled, reach, out, walking);
  checkRoutes(input, compiled, reach, out, walking);
}

// -------------------------------------------------------------------------------------------
// Ids and references

function checkDuplicates(input: CheckInput, out: IssueList): void {
  for (const collection of Object.keys(input.ids) as Collection[]) {
    for (const [id, at] of input.ids[collection] ?? []) {
      for (const k of at.slice(1)) out.add([collection, k, 'id'], `needs a unique id; ${collection}[${at[0]}] already has "${id}"`);
    }
  }
}

function knownList(ids: ReadonlyMap<string, readonly number[]>): string {
  const list = [...ids.keys()];
  if (list.length === 0) return 'none are defined';
  const shown = list.slice(0, 12).map((i) => JSON.stringify(i)).join(', ');
  return `known: ${shown}${list.length > 12 ? `, ... (${list.length} in all)` : ''}`;
}

/** Reports `path` unless `id` is one of the collection's ids; returns whether it is. */
function reference(input: CheckInput, out: IssueList, collection: Collection, id: string | undefined, path: Path): boolean {
  if (id === undefined) return true;
  const ids = input.ids[collection];
  if (!ids || ids.has(id)) return true;
  out.add(path, `needs the id of one of the ${collection} (${knownList(ids)})`, id);
  return false;
}

const levelRef = (input: CheckInput, out: IssueList, id: string | undefined, path: Path): boolean => reference(input, out, 'levels', id, path);

// -------------------------------------------------------------------------------------------
// Run, classes, demand

function checkRun(input: CheckInput, out: IssueList): void {
  const run = input.run;
  if (!run) return;
  const start = toSeconds(run.start), end = toSeconds(run.end);
  if (!(end > start)) out.add(['run', 'end'], `needs a time after run.start (${run.start})`);
  const dt = run.dt ?? simulationDefaults.dt;
  if (run.movement?.reactionTime !== undefined && !(run.movement.reactionTime > dt)) {
    out.add(['run', 'movement', 'reactionTime'], `needs > the time step (${dt} s)`);
  }
}

function patternWindow(p: ScenarioDemand['pattern']): [number, number] {
  switch (p.kind) {
    case 'profile':
      return [toSeconds(p.start), toSeconds(p.start) + 3600 * p.ratesPerHour.length];
    case 'constant':
    case 'headway':
      return [toSeconds(p.from), toSeconds(p.to)];
    case 'count':
      return [toSeconds(p.at), toSeconds(p.at) + (p.spread ?? 0)];
    case 'timetable': {
      const t = p.times.map(toSeconds);
      return [Math.min(...t), Math.max(...t) + p.spread];
    }
  }
}

function checkDemand(input: CheckInput, out: IssueList): void {
  const run = input.run;
  for (const { index, value: d } of input.demand) {
    const path: Path = ['demand', index];
    reference(input, out, 'journeys', d.journey, [...path, 'journey']);
    levelRef(input, out, d.level, [...path, 'level']);
    const p = d.pattern;
    if ((p.kind === 'constant' || p.kind === 'headway') && !(toSeconds(p.to) > toSeconds(p.from))) {
      out.add([...path, 'pattern', 'to'], `needs a time after pattern.from (${p.from})`);
    }
    if (p.kind === 'profile' && p.ratesPerHour.every((r) => r === 0)) out.warn([...path, 'pattern', 'ratesPerHour'], 'all rates are 0: nobody arrives');
    if (d.classes) {
      let sum = 0;
      for (const [cls, share] of Object.entries(d.classes)) {
        reference(input, out, 'classes', cls, [...path, 'classes', cls]);
        sum += share;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) out.add([...path, 'classes'], `shares sum to ${round(sum)}, need to sum to 1`);
    }
    if (run) {
      const [from, to] = patternWindow(p);
      const start = toSeconds(run.start), end = toSeconds(run.end);
      if (to < start || from >= end) out.warn([...path, 'pattern'], `nobody arrives during the run (${run.start}-${run.end})`);
    }
  }
}

// -------------------------------------------------------------------------------------------
// Stages

function checkStages(input: CheckInput, out: IssueList): Map<string, CompiledStage> {
  const compiled = new Map<string, CompiledStage>();
  const stageById = new Map(input.stages.map((s) => [s.value.id, s]));
  for (const { index, value: s } of input.stages) {
    const path: Path = ['stages', index];
    levelRef(input, out, s.level, [...path, 'level']);
    const c = compileStage(s, path);
    if (!compiled.has(s.id)) compiled.set(s.id, c);
    switch (s.kind) {
      case 'service': {
        const n = c.servers.length;
        if (c.standby && c.standby.length !== n) out.add([...path, 'standby'], `gives ${c.standby.length} standby spots for ${n} servers; needs one per server`);
        if (s.standbyDepth !== undefined && !s.standby) out.add([...path, 'standbyDepth'], `is ${s.standbyDepth} on a bank without standby spots; needs "standby" too`);
        const q = c.queue;
        if (s.queue?.kind === 'per-server' && q && q.paths.length !== n) out.add([...path, 'queue', 'paths'], `gives ${q.paths.length} lines for ${n} servers; needs one per server`);
        if (q?.lanes) {
          const needed = q.abreast * q.spacing;
          if (q.lanes.width < needed - 1e-9) out.add([...path, 'queue'], `makes lanes ${round(q.lanes.width)} m wide, needs >= ${round(needed)} m (abreast ${q.abreast} x spacing ${q.spacing} m): fewer lanes or a larger rectangle`);
          if (!(q.lanes.length > q.lanes.width)) out.add([...path, 'queue'], `makes lanes ${round(q.lanes.length)} m long and ${round(q.lanes.width)} m wide; lanes need to be longer than wide`);
        }
        for (const cls of s.eligible ?? []) reference(input, out, 'classes', cls, [...path, 'eligible', s.eligible!.indexOf(cls)]);
        const eligible = s.eligible ?? [...(input.ids.classes?.keys() ?? [])];
        if ('byClass' in s.serviceTime) {
          const byClass = s.serviceTime.byClass;
          for (const cls of Object.keys(byClass)) reference(input, out, 'classes', cls, [...path, 'serviceTime', 'byClass', cls]);
          if (!s.serviceTime.default) {
            for (const cls of eligible) {
              if (!(cls in byClass) && input.ids.classes?.has(cls)) out.add([...path, 'serviceTime'], `has no service time for class "${cls}", which this bank serves: add it to byClass or give a default`);
            }
          }
        }
        if (s.failure) {
          if (reference(input, out, 'stages', s.failure.fallback, [...path, 'failure', 'fallback']) && s.failure.fallback === s.id) {
            out.add([...path, 'failure', 'fallback'], 'needs another stage (a failed traveller cannot retry the same bank forever)');
          }
        }
        if (s.open && !(toSeconds(s.open.to) > toSeconds(s.open.from))) out.add([...path, 'open', 'to'], `needs a time after open.from (${s.open.from})`);
        if (s.initiallyOpen !== undefined && s.initiallyOpen > n) out.add([...path, 'initiallyOpen'], `needs <= ${n} (the number of servers)`);
        const st = s.staffing;
        if (st) {
          if (st.min !== undefined && st.min > n) out.add([...path, 'staffing', 'min'], `needs <= ${n} (the number of servers)`);
          if (st.min !== undefined && st.max !== undefined && st.max < st.min) out.add([...path, 'staffing', 'max'], `needs >= staffing.min (${st.min})`);
          if (!(st.closeBelow < st.openAbove)) out.add([...path, 'staffing', 'closeBelow'], `needs < staffing.openAbove (${st.openAbove} s), or servers open and close every check`);
          if (st.partner && reference(input, out, 'stages', st.partner.stage, [...path, 'staffing', 'partner', 'stage'])) {
            const other = stageById.get(st.partner.stage)?.value;
            if (st.partner.stage === s.id) out.add([...path, 'staffing', 'partner', 'stage'], 'needs another service stage');
            else if (other && other.kind !== 'service') out.add([...path, 'staffing', 'partner', 'stage'], `needs a service stage; "${other.id}" is a ${other.kind}`);
            else if (other && other.kind === 'service') {
              const m = compileStage(other, []).servers.length;
              if (st.partner.shared > Math.min(n, m)) out.add([...path, 'staffing', 'partner', 'shared'], `needs <= ${Math.min(n, m)} (servers here: ${n}, at "${other.id}": ${m})`);
            }
          }
        }
        break;
      }
      case 'vehicle-stop':
        if ('headway' in s.vehicles && !(toSeconds(s.vehicles.to) > toSeconds(s.vehicles.from))) out.add([...path, 'vehicles', 'to'], `needs a time after vehicles.from (${s.vehicles.from})`);
        if (s.ride) levelRef(input, out, s.ride.level, [...path, 'ride', 'level']);
        break;
      case 'link':
        if (levelRef(input, out, s.toLevel, [...path, 'toLevel']) && s.toLevel === (s.level ?? input.firstLevel)) {
          out.warn([...path, 'toLevel'], 'is the level the link starts on');
        }
        break;
      default:
        break;
    }
  }
  return compiled;
}

function checkJourneyReferences(input: CheckInput, out: IssueList): void {
  for (const { index, value: j } of input.journeys) {
    const path: Path = ['journeys', index];
    reference(input, out, 'stages', j.start, [...path, 'start']);
    for (const [from, tr] of Object.entries(j.transitions)) {
      const tp: Path = [...path, 'transitions', from];
      if (input.ids.stages && !input.ids.stages.has(from)) out.add(tp, `is keyed by "${from}", needs the id of one of the stages (${knownList(input.ids.stages)})`, from);
      switch (tr.kind) {
        case 'fixed':
          reference(input, out, 'stages', tr.to, [...tp, 'to']);
          break;
        case 'probability': {
          tr.options.forEach((o, k) => reference(input, out, 'stages', o.to, [...tp, 'options', k, 'to']));
          const sum = tr.options.reduce((a, o) => a + o.p, 0);
          if (Math.abs(sum - 1) > SUM_TOLERANCE) out.add([...tp, 'options'], `probabilities sum to ${round(sum)}, need to sum to 1`, tr.options.map((o) => o.p));
          break;
        }
        case 'class':
          for (const [cls, to] of Object.entries(tr.map)) {
            reference(input, out, 'classes', cls, [...tp, 'map', cls]);
            reference(input, out, 'stages', to, [...tp, 'map', cls]);
          }
          reference(input, out, 'stages', tr.otherwise, [...tp, 'otherwise']);
          break;
        case 'shortest-wait':
          tr.options.forEach((o, k) => reference(input, out, 'stages', o, [...tp, 'options', k]));
          break;
      }
    }
  }
}

function checkMeasurement(input: CheckInput, out: IssueList): void {
  const lines = input.measurement?.lines ?? [];
  const seen = new Map<string, number>();
  lines.forEach((l, k) => {
    levelRef(input, out, l.level, ['measurement', 'lines', k, 'level']);
    const first = seen.get(l.id);
    if (first !== undefined) out.add(['measurement', 'lines', k, 'id'], `needs a unique id; measurement.lines[${first}] already has "${l.id}"`);
    else seen.set(l.id, k);
    if (l.from[0] === l.to[0] && l.from[1] === l.to[1]) out.add(['measurement', 'lines', k, 'to'], 'needs a point other than `from`');
  });
}

function checkWalkingNeeds(input: CheckInput, out: IssueList): void {
  if ((input.ids.levels?.size ?? 0) === 0) out.add(['levels'], 'needs at least one level when walking (run.walking is true); set run.walking to false for a queueing-only model');
  for (const { index, value: d } of input.demand) {
    if (!d.spawn) out.add(['demand', index, 'spawn'], 'needs a place where travellers appear when walking (run.walking is true)');
  }
  for (const { index, value: s } of input.stages) {
    if (s.kind === 'service' && !s.queue) out.add(['stages', index, 'queue'], 'needs a queue (single, per-server or serpentine) when walking (run.walking is true)');
  }
}

// -------------------------------------------------------------------------------------------
// Places: geometry, walkable area, reachability

function levelReach(input: CheckInput, compiled: ReadonlyMap<string, CompiledStage>, out: IssueList, walking: boolean): Map<string, LevelReach> {
  const reach = new Map<string, LevelReach>();
  const navigation = input.run?.navigation ?? {};
  for (const { index, value: level } of input.levels) {
    const extra = [...compiled.values()].filter((c) => (c.stage.level ?? input.firstLevel) === level.id).flatMap((c) => c.barriers);
    const g: LevelGeometryResult = buildLevelGeometry(level, ['levels', index], extra);
    if (!g.ok) {
      for (const i of g.issues) out.add(i.path, i.allowed);
      continue;
    }
    // Reachability needs the navigation grid; a queueing-only model never walks.
    if (walking && (input.ids.levels?.get(level.id)?.length ?? 0) === 1) {
      const opts = Object.fromEntries(Object.entries(navigation).filter(([, v]) => v !== undefined));
      reach.set(level.id, new LevelReach(g.geometry, opts));
    }
  }
  return reach;
}

const describeLevel = (id: string): string => `level "${id}"`;

/** Servers and standby spots stand at least this far from barriers, m (an everyday walker's radius). */
const STAND_CLEARANCE = 0.15;

/** Every place a traveller stands or walks to lies in (or, for targets, touches) the walkable area. */
function checkPlaces(input: CheckInput, compiled: ReadonlyMap<string, CompiledStage>, reach: ReadonlyMap<string, LevelReach>, out: IssueList, walking: boolean): void {
  if (!walking) return;
  const onLevel = (id: string | undefined): LevelReach | undefined => (id === undefined ? undefined : reach.get(id));
  const touches = (r: LevelReach, shape: TargetShape): boolean => r.piecesOf(shape).size > 0;
  for (const { index, value: d } of input.demand) {
    const r = onLevel(d.level ?? input.firstLevel);
    if (!r || !d.spawn) continue;
    const shape = toTargetShape(d.spawn);
    const ok = shape.kind === 'point' && !shape.radius ? r.contains([shape.x, shape.y]) : touches(r, shape) && someInside(r, shape);
    if (!ok) out.add(['demand', index, 'spawn'], `needs to lie in the walkable area of ${describeLevel(d.level ?? input.firstLevel!)}`);
  }
  for (const c of compiled.values()) {
    const s = c.stage;
    const levelId = s.level ?? input.firstLevel;
    const r = onLevel(levelId);
    if (!r) continue;
    const where = `the walkable area of ${describeLevel(levelId!)}`;
    if (s.kind === 'service') {
      // A desk on (or within a body of) a barrier: a lane divider drawn through it, which the
      // engine may find it cannot reach from the queue. (Desks against the outline are fine.)
      const onBarrier = (p: Vec2): boolean => r.geometry.distanceToBarrier(p[0], p[1]) < STAND_CLEARANCE;
      const barrierText = (p: Vec2): string =>
        `is ${round(r.geometry.distanceToBarrier(p[0], p[1]))} m from a barrier; needs >= ${STAND_CLEARANCE} m (a traveller's radius) on both sides`;
      c.servers.forEach((p, k) => {
        if (!r.contains(p)) out.add(c.serverOrigins[k]!, `server ${k} at [${p.map(round).join(', ')}] lies outside ${where}`);
        else if (onBarrier(p)) out.add(c.serverOrigins[k]!, `server ${k} at [${p.map(round).join(', ')}] ${barrierText(p)}`);
      });
      c.standby?.forEach((p, k) => {
        if (!r.contains(p)) out.add([...c.path, 'standby'], `standby spot ${k} at [${p.map(round).join(', ')}] lies outside ${where}`);
        else if (onBarrier(p)) out.add([...c.path, 'standby'], `standby spot ${k} at [${p.map(round).join(', ')}] ${barrierText(p)}`);
        else if (c.servers[k] && !sharePiece(r.piecesOf(point(p, SERVER_RADIUS)), r.piecesOf(point(c.servers[k]!, SERVER_RADIUS)))) {
          out.add([...c.path, 'standby'], `standby spot ${k} cannot reach server ${k} on foot`);
        }
      });
      const q = c.queue;
      const qPath: Path = [...c.path, 'queue'];
      q?.paths.forEach((line, k) => {
        const where2 = q.paths.length > 1 ? `line ${k}, ` : '';
        for (let i = 0; i < line.length; i++) {
          if (!r.contains(line[i]!)) {
            out.add(qPath, `${where2}point ${i} [${line[i]!.map(round).join(', ')}] lies outside ${where}`);
            return;
          }
          if (i > 0 && r.crossesWall(line[i - 1]!, line[i]!)) {
            out.add(qPath, `${where2}segment ${i - 1}-${i} crosses a wall or barrier`);
            return;
          }
        }
        const head = line[0];
        const servers = q.kind === 'per-server' ? [c.servers[k]].filter((p): p is Vec2 => !!p) : c.servers;
        if (head && servers.length > 0 && !servers.some((p) => sharePiece(r.piecesOf(point(head, SERVER_RADIUS)), r.piecesOf(point(p, SERVER_RADIUS))))) {
          out.add(qPath, `${where2}its head [${head.map(round).join(', ')}] cannot reach ${q.kind === 'per-server' ? `server ${k}` : 'any server'} on foot`);
        }
      });
    } else {
      const shape = c.entry[0]!;
      if (!touches(r, shape)) out.add([...c.path, 'target'], `needs to lie in ${where}`);
      const alightLevel = s.kind === 'link' ? s.toLevel : s.kind === 'vehicle-stop' && s.ride ? (s.ride.level ?? levelId) : undefined;
      const ar = onLevel(alightLevel);
      if (ar && !touches(ar, c.exit[0]!)) out.add([...c.path, s.kind === 'link' ? 'alight' : 'ride'], `needs to lie in the walkable area of ${describeLevel(alightLevel!)}`);
      else if (ar && !someInside(ar, c.exit[0]!)) out.add([...c.path, s.kind === 'link' ? 'alight' : 'ride'], `needs room to stand in ${describeLevel(alightLevel!)}: travellers appear there`);
    }
  }
}

const point = (p: Vec2, radius: number): TargetShape => ({ kind: 'point', x: p[0], y: p[1], radius });

/** True when some sample of the shape (where travellers may be placed) is inside the walkable area. */
function someInside(r: LevelReach, shape: TargetShape): boolean {
  switch (shape.kind) {
    case 'point':
      if (r.contains([shape.x, shape.y])) return true;
      for (let k = 0; k < 16; k++) {
        const a = (2 * Math.PI * k) / 16, rad = (shape.radius ?? 0) * 0.7;
        if (r.contains([shape.x + rad * portableMath.cos(a), shape.y + rad * portableMath.sin(a)])) return true;
      }
      return false;
    case 'line':
      for (let k = 0; k <= 16; k++) {
        const u = k / 16;
        if (r.contains([shape.from[0] + u * (shape.to[0] - shape.from[0]), shape.from[1] + u * (shape.to[1] - shape.from[1])])) return true;
      }
      return false;
    case 'area': {
      const xs = shape.points.map((p) => p[0]), ys = shape.points.map((p) => p[1]);
      const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      for (let i = 0; i <= 8; i++) {
        for (let j = 0; j <= 8; j++) {
          const x = x0 + ((x1 - x0) * (i + 0.5)) / 9, y = y0 + ((y1 - y0) * (j + 0.5)) / 9;
          if (inPolygon(shape.points, x, y) && r.contains([x, y])) return true;
        }
      }
      return false;
    }
  }
}

function inPolygon(pts: readonly Vec2[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!, [xj, yj] = pts[j]!;
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

// -------------------------------------------------------------------------------------------
// Routes: follow every journey for every class that travels it

interface Visit {
  readonly stage: string;
  /** Level the traveller is on when walking to the stage. */
  readonly level: string | undefined;
  /** Where the traveller comes from (for reachability), on `level`. */
  readonly from: readonly TargetShape[];
  /** What sent the traveller here: the JSON path to blame and a description. */
  readonly ref: Path;
  readonly after: string;
}

function checkRoutes(input: CheckInput, compiled: ReadonlyMap<string, CompiledStage>, reach: ReadonlyMap<string, LevelReach>, out: IssueList, walking: boolean): void {
  const journeys = new Map(input.journeys.map((j) => [j.value.id, j]));
  const classIds = [...(input.ids.classes?.keys() ?? [])];
  const knownLevel = (id: string | undefined): string | undefined => (id !== undefined && input.ids.levels?.has(id) ? id : undefined);
  const visitedStages = new Set<string>();
  const usedJourneys = new Set<string>();
  const levelsMatter = input.levels.length > 0;

  for (const { index: di, value: d } of input.demand) {
    const j = journeys.get(d.journey);
    if (!j) continue;
    usedJourneys.add(j.value.id);
    const carried = d.classes ? Object.entries(d.classes).filter(([c, share]) => share > 0 && input.ids.classes?.has(c)).map(([c]) => c) : classIds;
    for (const cls of carried) {
      const spawn = d.spawn ? [toTargetShape(d.spawn)] : [];
      const seen = new Set<string>();
      const queue: Visit[] = [{ stage: j.value.start, level: knownLevel(d.level ?? input.firstLevel), from: spawn, ref: ['journeys', j.index, 'start'], after: `demand "${d.id}" (demand[${di}])` }];
      while (queue.length > 0) {
        const v = queue.shift()!;
        const c = compiled.get(v.stage);
        if (!c) continue;
        const s = c.stage;
        visitedStages.add(s.id);
        if (s.kind === 'service' && s.eligible && !s.eligible.includes(cls)) {
          out.add(v.ref, `routes class "${cls}" (after ${v.after}, journey "${j.value.id}") to "${s.id}", which serves only ${s.eligible.map((e) => `"${e}"`).join(', ')}`, s.id);
          continue;
        }
        const stageLevel = knownLevel(s.level ?? input.firstLevel);
        if (levelsMatter && walking && v.level !== undefined && stageLevel !== undefined && stageLevel !== v.level) {
          out.add(v.ref, `leads from ${describeLevel(v.level)} (after ${v.after}) to "${s.id}" on ${describeLevel(stageLevel)}: add a link stage (escalator, stair, lift) between them`, s.id);
          continue;
        }
        const r = stageLevel !== undefined ? reach.get(stageLevel) : undefined;
        if (walking && r && v.from.length > 0) {
          const fromPieces = new Set<number>();
          for (const shape of v.from) for (const p of r.piecesOf(shape)) fromPieces.add(p);
          const toPieces = new Set<number>();
          for (const shape of c.entry) for (const p of r.piecesOf(shape)) toPieces.add(p);
          if (fromPieces.size > 0 && toPieces.size > 0 && !sharePiece(fromPieces, toPieces)) {
            out.add(v.ref, `leads to "${s.id}", which cannot be reached on foot from ${v.after} on ${describeLevel(stageLevel!)}: walls or barriers separate them`, s.id);
            continue;
          }
        }
        const key = `${s.id}@${stageLevel}`;
        if (seen.has(key)) continue;
        seen.add(key);

        const exitLevel = knownLevel(s.kind === 'link' ? s.toLevel : s.kind === 'vehicle-stop' && s.ride ? (s.ride.level ?? stageLevel) : stageLevel);
        const next = (stage: string, ref: Path): void => {
          queue.push({ stage, level: exitLevel, from: c.exit, ref, after: `"${s.id}"` });
        };
        if (s.kind === 'service' && s.failure) next(s.failure.fallback, [...c.path, 'failure', 'fallback']);
        const tr: ScenarioTransition | undefined = j.value.transitions[s.id];
        const tp: Path = ['journeys', j.index, 'transitions', s.id];
        const endsHere = (): void => {
          if (s.kind !== 'exit' && s.kind !== 'vehicle-stop') {
            out.warn(['journeys', j.index, 'transitions'], `has nothing after "${s.id}" (a ${s.kind}) for class "${cls}": those travellers leave the model there; add a transition to an exit`, undefined);
          }
        };
        if (!tr) {
          endsHere();
          continue;
        }
        if (s.kind === 'exit' || (s.kind === 'vehicle-stop' && !s.ride)) {
          out.warn(tp, `is never used: travellers leave the model at "${s.id}"${s.kind === 'vehicle-stop' ? ' (the vehicle has no ride)' : ''}`);
          continue;
        }
        switch (tr.kind) {
          case 'fixed':
            next(tr.to, [...tp, 'to']);
            break;
          case 'class': {
            const to = tr.map[cls] ?? tr.otherwise;
            if (to === undefined) endsHere();
            else next(to, tr.map[cls] !== undefined ? [...tp, 'map', cls] : [...tp, 'otherwise']);
            break;
          }
          case 'probability':
          case 'shortest-wait': {
            const options = tr.kind === 'probability' ? tr.options.filter((o) => o.p > 0).map((o) => o.to) : tr.options;
            const serving = options.filter((o) => eligible(compiled.get(o)?.stage, cls));
            if (serving.length === 0 && options.every((o) => compiled.has(o))) {
              out.add([...tp, 'options'], `none of the options serves class "${cls}" (journey "${j.value.id}")`);
              break;
            }
            const all = tr.kind === 'probability' ? tr.options : tr.options.map((to) => ({ to, p: 1 }));
            all.forEach((o, k) => {
              if (o.p > 0 && eligible(compiled.get(o.to)?.stage, cls)) next(o.to, tr.kind === 'probability' ? [...tp, 'options', k, 'to'] : [...tp, 'options', k]);
            });
            break;
          }
        }
      }
    }
  }
  for (const { index, value: j } of input.journeys) {
    if (!usedJourneys.has(j.id) && input.demand.length > 0) out.warn(['journeys', index, 'id'], 'no demand source follows this journey');
  }
  if (input.demand.length > 0) {
    for (const { index, value: s } of input.stages) {
      if (!visitedStages.has(s.id)) out.warn(['stages', index, 'id'], 'no journey reaches this stage');
    }
  }
}

function eligible(stage: ScenarioStage | undefined, cls: string): boolean {
  return !stage || stage.kind !== 'service' || !stage.eligible || stage.eligible.includes(cls);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

