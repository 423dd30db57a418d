// From a validated Scenario to the engine: the PortModelSpec (shorthands expanded, level
// geometry computed, times of day kept as "HH:MM" strings the engine reads) and the run options,
// then a PortSimulation or a whole run. Throws a ScenarioError for a scenario that did not come
// from parseScenario() and fails; a parsed one always converts.
import type { ArrivalPattern, ByClass, Distribution, JourneySpec, LevelSpec, PortMetrics, PortModelSpec, PortSimulation, PortSimulationOptions, QueueSpec, SourceSpec, StageSpec, TravellerClassSpec } from '@portflow/core';
import { createPortSimulation, toSeconds } from '@portflow/core';
import type { CompiledStage } from './compile-stage.js';
import { compileStage } from './compile-stage.js';
import { toTargetShape } from './expand.js';
import type { ScenarioIssue } from './issues.js';
import { makeIssue } from './issues.js';
import type { LevelGeometryResult } from './level-geometry.js';
import { buildLevelGeometry } from './level-geometry.js';
import type { Scenario, ScenarioStage, ScenarioTransition } from './schema.js';

/** Thrown by toPortModel() and friends for a scenario that does not validate. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(`invalid scenario: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

export interface PortModel {
  readonly spec: PortModelSpec;
  /** Options for createPortSimulation(), from the scenario's `run`. */
  readonly options: PortSimulationOptions;
  /** End of the run, seconds since midnight. */
  readonly end: number;
}

export interface ScenarioRunOptions {
  /** Seed of the run; default the scenario's run.seed, else 1. */
  readonly seed?: string | number;
  /** Walk (true) or queueing only (false); default the scenario's run.walking, else true. */
  readonly walking?: boolean;
  /** Run until this time of day instead of run.end ("HH:MM" or seconds since midnight). */
  readonly until?: string | number;
}

/** Scenario defaults that the engine does not share: the seed when none is given. */
export const scenarioDefaults = { seed: 1 } as const;

/** The level id every stage, source and line without `level` is on: the first level's. */
export function defaultLevel(scenario: Pick<Scenario, 'levels'>): string | undefined {
  return scenario.levels?.[0]?.id;
}

/** Every level's geometry, with the barriers its stages (serpentines) add. */
export function compileLevels(scenario: Scenario, stages: readonly CompiledStage[]): Map<string, LevelGeometryResult> {
  const first = defaultLevel(scenario);
  const out = new Map<string, LevelGeometryResult>();
  (scenario.levels ?? []).forEach((level, k) => {
    const extra = stages.filter((s) => (s.stage.level ?? first) === level.id).flatMap((s) => s.barriers);
    out.set(level.id, buildLevelGeometry(level, ['levels', k], extra));
  });
  return out;
}

// Parsed JSON never holds a key whose value is undefined, so zod's optional fields (typed
// `T | undefined`) are the engine's optional fields (typed `T`, exactOptionalPropertyTypes):
// the casts to Distribution and ArrivalPattern below state that, nothing more.
export function toPortModel(scenario: Scenario): PortModel {
  const stages = scenario.stages.map((s, k) => compileStage(s, ['stages', k]));
  const geometries = compileLevels(scenario, stages);
  const levels: LevelSpec[] = [];
  for (const level of scenario.levels ?? []) {
    const g = geometries.get(level.id)!;
    if (!g.ok) throw new ScenarioError(g.issues.map((i) => makeIssue(i.path, undefined, i.allowed)));
    levels.push({ id: level.id, geometry: g.spec, ...(level.elevation !== undefined ? { elevation: level.elevation } : {}) });
  }
  const classes: TravellerClassSpec[] = scenario.classes.map((c) => ({
    id: c.id,
    ...(c.speed ? { speed: c.speed as Distribution } : {}),
    ...(c.calibration ? { calibration: c.calibration } : {}),
    ...(c.radius !== undefined ? { radius: c.radius } : {}),
    ...(c.timeGap !== undefined ? { timeGap: c.timeGap } : {}),
    ...(c.name ? { name: c.name } : {}),
  }));
  const sources: SourceSpec[] = scenario.demand.map((d) => ({
    id: d.id,
    pattern: d.pattern as ArrivalPattern,
    journey: d.journey,
    ...(d.classes ? { classes: d.classes } : {}),
    ...(d.spawn ? { spawn: toTargetShape(d.spawn) } : {}),
    ...(d.level ? { level: d.level } : {}),
  }));
  const spec: PortModelSpec = {
    ...(levels.length > 0 ? { levels } : {}),
    classes,
    sources,
    stages: stages.map(toStageSpec),
    journeys: scenario.journeys.map((j): JourneySpec => ({ id: j.id, start: j.start, transitions: mapValues(j.transitions, toTransition) })),
    ...(scenario.measurement
      ? {
          measurement: {
            ...(scenario.measurement.lines ? { lines: scenario.measurement.lines.map((l) => ({ id: l.id, from: l.from, to: l.to, ...(l.level ? { level: l.level } : {}) })) } : {}),
            ...(scenario.measurement.densityCell !== undefined ? { densityCell: scenario.measurement.densityCell } : {}),
            ...(scenario.measurement.sampleInterval !== undefined ? { sampleInterval: scenario.measurement.sampleInterval } : {}),
          },
        }
      : {}),
  };
  const run = scenario.run;
  const movement = stripUndefined(run.movement ?? {});
  const options: PortSimulationOptions = {
    seed: run.seed ?? scenarioDefaults.seed,
    walking: run.walking ?? true,
    start: run.start,
    ...(run.dt !== undefined ? { dt: run.dt } : {}),
    ...(Object.keys(movement).length > 0 ? { movement } : {}),
    ...(run.navigation ? { navigation: navigationOptions(run.navigation) } : {}),
  };
  return { spec, options, end: toSeconds(run.end) };
}

/** A PortSimulation of the scenario, at its run.start. */
export function createScenarioSimulation(scenario: Scenario, options: Omit<ScenarioRunOptions, 'until'> = {}): PortSimulation {
  const model = toPortModel(scenario);
  return createPortSimulation(model.spec, {
    ...model.options,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.walking !== undefined ? { walking: options.walking } : {}),
  });
}

/** Runs the scenario from run.start to run.end (or `until`) and returns the metrics. */
export function runScenario(scenario: Scenario, options: ScenarioRunOptions & { readonly onProgress?: (time: number) => void } = {}): PortMetrics {
  const sim = createScenarioSimulation(scenario, options);
  sim.runUntil(options.until ?? scenario.run.end, options.onProgress);
  return sim.metrics();
}

function toStageSpec(c: CompiledStage): StageSpec {
  const s: ScenarioStage = c.stage;
  const base = { id: s.id, ...(s.level ? { level: s.level } : {}), ...(s.name ? { name: s.name } : {}) };
  switch (s.kind) {
    case 'waypoint':
    case 'exit':
      return { ...base, kind: s.kind, target: toTargetShape(s.target) };
    case 'waiting':
      return { ...base, kind: 'waiting', target: toTargetShape(s.target), dwell: s.dwell as Distribution };
    case 'vehicle-stop':
      return {
        ...base,
        kind: 'vehicle-stop',
        target: toTargetShape(s.target),
        vehicles: 'timetable' in s.vehicles ? { timetable: s.vehicles.timetable } : { headway: s.vehicles.headway, from: s.vehicles.from, to: s.vehicles.to },
        capacity: s.capacity,
        dwell: s.dwell,
        ...(s.ride ? { ride: { duration: s.ride.duration, alight: toTargetShape(s.ride.alight), ...(s.ride.level ? { level: s.ride.level } : {}) } } : {}),
      };
    case 'link':
      return { ...base, kind: 'link', target: toTargetShape(s.target), capacity: s.capacityPerMinute, travelTime: s.travelTime, alight: toTargetShape(s.alight), toLevel: s.toLevel };
    case 'service': {
      const q = c.queue;
      let queue: QueueSpec | undefined;
      if (q?.kind === 'single') queue = { kind: 'single', path: q.paths[0]!, spacing: q.spacing, abreast: q.abreast, ...(q.openings ? { openings: q.openings } : {}) };
      else if (q) queue = { kind: 'per-server', paths: q.paths, spacing: q.spacing, ...(q.choice ? { choice: q.choice } : {}) };
      const st = s.staffing;
      return {
        ...base,
        kind: 'service',
        servers: c.servers,
        ...(c.standby ? { standby: c.standby } : {}),
        ...(s.standbyDepth !== undefined ? { standbyDepth: s.standbyDepth } : {}),
        ...(queue ? { queue } : {}),
        serviceTime: s.serviceTime as Distribution | ByClass<Distribution>,
        ...(s.eligible ? { eligible: s.eligible } : {}),
        ...(s.failure ? { failure: { probability: s.failure.probability, fallback: s.failure.fallback, ...(s.failure.penalty !== undefined ? { penalty: s.failure.penalty } : {}) } } : {}),
        ...(s.open ? { open: s.open } : {}),
        ...(s.initiallyOpen !== undefined ? { initiallyOpen: s.initiallyOpen } : {}),
        ...(st
          ? {
              staffing: {
                openAbove: st.openAbove,
                closeBelow: st.closeBelow,
                ...(st.min !== undefined ? { min: st.min } : {}),
                ...(st.max !== undefined ? { max: st.max } : {}),
                ...(st.interval !== undefined ? { interval: st.interval } : {}),
                ...(st.partner ? { partner: st.partner } : {}),
              },
            }
          : {}),
      };
    }
  }
}

function toTransition(t: ScenarioTransition): JourneySpec['transitions'][string] {
  switch (t.kind) {
    case 'fixed':
      return { kind: 'fixed', to: t.to };
    case 'probability':
      return { kind: 'probability', options: t.options };
    case 'class':
      return { kind: 'class', map: t.map, ...(t.otherwise ? { otherwise: t.otherwise } : {}) };
    case 'shortest-wait':
      return { kind: 'shortest-wait', options: t.options };
  }
}

function mapValues<A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [k, v] of Object.entries(record)) out[k] = f(v);
  return out;
}

function navigationOptions(n: NonNullable<Scenario['run']['navigation']>): NonNullable<PortSimulationOptions['navigation']> {
  const { congestion, ...grid } = n;
  return { ...stripUndefined(grid), ...(congestion ? { congestion: stripUndefined(congestion) } : {}) };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
