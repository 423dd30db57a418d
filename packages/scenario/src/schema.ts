// The scenario file format, version 1, as zod schemas: the shape of every field (types, ranges,
// units in the descriptions) and the TypeScript types inferred from it. Checks that relate
// fields to each other (references, sums, geometry, routes) live in check-scenario.ts; the JSON
// Schema in schema/scenario.schema.json is generated from these schemas (json-schema.ts).
import { z } from 'zod';

/** Lower-case letters and digits in groups joined by single hyphens: "e-gates", "level-2". */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** "HH:MM" or "HH:MM:SS"; hours may pass 24 for services running past midnight. */
export const TIME_PATTERN = /^\d{1,2}:[0-5]\d(?::[0-5]\d)?$/;
/** The only format version this package reads. */
export const SCENARIO_VERSION = 1;
/** Copies a `repeat` may make of one element, so that a typo cannot ask for millions. */
export const MAX_REPEAT = 2000;

const id = z.string().regex(ID_PATTERN, { error: 'needs a kebab-case id (lower-case letters, digits, single hyphens), e.g. "e-gates"' }).meta({ id: 'Id' });
const time = z.string().regex(TIME_PATTERN, { error: 'needs a time of day "HH:MM" or "HH:MM:SS"' }).meta({ id: 'TimeOfDay' });
const vec2 = z.tuple([z.number(), z.number()], { error: 'needs a point [x, y] in m' }).meta({ id: 'Point', description: '[x, y] in m.' });
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const count = z.number().int().min(1);
const name = z.string().meta({ description: 'Display name for people; not referenced.' });

export const distributionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), value: nonNegative }),
    z
      .strictObject({ kind: z.literal('uniform'), min: nonNegative, max: nonNegative })
      .refine((d) => d.max >= d.min, { path: ['max'], message: 'needs max >= min' }),
    z
      .strictObject({ kind: z.literal('normal'), mean: nonNegative, sd: nonNegative, min: nonNegative.optional(), max: nonNegative.optional() })
      .refine((d) => d.min === undefined || d.max === undefined || d.max >= d.min, { path: ['max'], message: 'needs max >= min' }),
    z.strictObject({ kind: z.literal('lognormal'), mean: positive, cv: nonNegative }),
    z.strictObject({ kind: z.literal('exponential'), mean: positive }),
    z.strictObject({ kind: z.literal('empirical'), values: z.array(nonNegative).min(1) }),
  ])
  .meta({ id: 'Distribution', description: 'A distribution of a non-negative quantity in SI units (s, m/s, m).' });

export const repeatSchema = z
  .strictObject({
    count: z.union([count.max(MAX_REPEAT), z.tuple([count, count])], { error: 'needs a count n, or [nx, ny] for a grid' }),
    step: vec2,
  })
  .refine((r) => typeof r.count === 'number' || r.count[0] * r.count[1] <= MAX_REPEAT, { path: ['count'], message: `needs at most ${MAX_REPEAT} copies` })
  .meta({
    id: 'Repeat',
    description:
      'Copies of the element: count n with step [dx, dy] puts copy k at k*[dx, dy]; count [nx, ny] makes a grid, copy (i, j) at [i*dx, j*dy].',
  });

const shapeCommon = { repeat: repeatSchema.optional(), name: name.optional() };
export const shapeSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('rect'), from: vec2, to: vec2, ...shapeCommon })
      .refine((s) => s.from[0] !== s.to[0] && s.from[1] !== s.to[1], { path: ['to'], message: 'needs a corner opposite `from` (a rectangle of non-zero area)' }),
    z.strictObject({ kind: z.literal('polygon'), points: z.array(vec2).min(3), ...shapeCommon }),
    z.strictObject({ kind: z.literal('circle'), center: vec2, radius: positive, sides: z.number().int().min(3).max(64).optional(), ...shapeCommon }),
  ])
  .meta({ id: 'Shape', description: 'A region in m: rectangle (two opposite corners), polygon, or circle (a regular polygon of `sides`, default 16).' });

const polyline = z.array(vec2).min(2);
export const barrierSchema = z.union([polyline, z.strictObject({ points: polyline, ...shapeCommon })], {
  error: 'needs a polyline [[x, y], ...] of at least 2 points, or { "points": [...], "repeat": ... }',
});

export const levelSchema = z
  .strictObject({
    id,
    name: name.optional(),
    elevation: z.number().optional().meta({ description: 'Height of the floor above ground, m (for 3D views). Default 0.' }),
    areas: z.array(shapeSchema).min(1).meta({ description: 'Walkable regions; their union must be one connected piece.' }),
    obstacles: z.array(shapeSchema).optional().meta({ description: 'Walls, pillars, counters: cut out of the areas.' }),
    barriers: z.array(barrierSchema).optional().meta({ description: 'Thin barriers (queue barriers, glass, gate dividers) as polylines.' }),
  })
  .meta({ description: 'One floor: the union of `areas` minus `obstacles`, plus thin `barriers`.' });

export const targetSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('point'), x: z.number(), y: z.number(), radius: positive.optional() }),
    z.strictObject({ kind: z.literal('line'), from: vec2, to: vec2, reach: positive.optional() }),
    z.strictObject({ kind: z.literal('area'), points: z.array(vec2).min(3) }),
    z
      .strictObject({ kind: z.literal('rect'), from: vec2, to: vec2 })
      .refine((s) => s.from[0] !== s.to[0] && s.from[1] !== s.to[1], { path: ['to'], message: 'needs a corner opposite `from` (a rectangle of non-zero area)' }),
  ])
  .meta({ id: 'Target', description: 'A place: point (reached within radius, default 0.5 m), line (within reach, default 0.3 m), area or rect.' });

export const WALKER_CALIBRATIONS = ['everyday', 'pressing'] as const;

export const travellerClassSchema = z.strictObject({
  id,
  name: name.optional(),
  speed: distributionSchema.optional().meta({ description: 'Free walking speed, m/s. Default Weidmann adults N(1.34, 0.26) on [0.5, 2.2].' }),
  calibration: z.enum(WALKER_CALIBRATIONS).optional().meta({ description: 'Walker calibration of @portflow/core (walkerCalibrations): body radius and time gap. Default "everyday".' }),
  radius: z.number().gt(0).max(1).optional().meta({ description: 'Body radius, m. Default the calibration\'s (everyday 0.15 m).' }),
  timeGap: z.number().min(0.1).max(3).optional().meta({ description: 'Time gap T to the traveller ahead, s. Default the calibration\'s (everyday 1 s).' }),
});

export const arrivalPatternSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('profile'), start: time, ratesPerHour: z.array(nonNegative).min(1).meta({ description: 'Poisson rate of each hour from start, persons/h.' }) }),
  z.strictObject({ kind: z.literal('constant'), from: time, to: time, ratePerHour: nonNegative }),
  z.strictObject({ kind: z.literal('count'), at: time, count: z.number().int().min(0), spread: nonNegative.optional() }),
  z.strictObject({ kind: z.literal('timetable'), times: z.array(time).min(1), load: z.union([nonNegative, distributionSchema], { error: 'needs a number of travellers or a distribution' }), spread: nonNegative }),
  z.strictObject({ kind: z.literal('headway'), from: time, to: time, headway: positive, load: z.union([nonNegative, distributionSchema], { error: 'needs a number of travellers or a distribution' }), spread: nonNegative }),
]);

export const demandSchema = z.strictObject({
  id,
  name: name.optional(),
  pattern: arrivalPatternSchema,
  journey: id,
  classes: z.record(id, nonNegative).optional().meta({ description: 'Shares of traveller classes, summing to 1. Default: every class equally.' }),
  spawn: targetSchema.optional().meta({ description: 'Where travellers appear (needed when walking).' }),
  level: id.optional(),
});

const pointItem = z.union([vec2, z.strictObject({ at: vec2, repeat: repeatSchema })], { error: 'needs a point [x, y] or { "at": [x, y], "repeat": ... }' });

export const queueSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('single'),
    path: z.array(vec2).min(1).meta({ description: 'The line, head first (by the servers).' }),
    spacing: positive.optional(),
    abreast: count.max(10).optional(),
  }),
  z
    .strictObject({
      kind: z.literal('per-server'),
      paths: z.array(z.array(vec2).min(1)).min(1).optional().meta({ description: 'One line per server, head first.' }),
      relative: z.array(vec2).min(1).optional().meta({ description: 'One line per server through these offsets from the server, head first.' }),
      spacing: positive.optional(),
      choice: z.enum(['shortest', 'random']).optional(),
    })
    .refine((q) => (q.paths === undefined) !== (q.relative === undefined), { message: 'needs exactly one of "paths" or "relative"' }),
  z
    .strictObject({
      kind: z.literal('serpentine'),
      from: vec2,
      to: vec2,
      lanes: count.max(100),
      along: z.enum(['x', 'y']).meta({ description: 'Lanes run along this axis.' }),
      head: z.enum(['south-west', 'south-east', 'north-west', 'north-east']).meta({ description: 'Corner of the rectangle where the line leaves for the servers (y grows to the north).' }),
      spacing: positive.optional(),
      abreast: count.max(10).optional(),
      enclose: z.boolean().optional().meta({ description: 'Barriers round the rectangle, open at entrance and exit. Default true.' }),
      adjustable: z
        .boolean()
        .optional()
        .meta({
          description:
            'Retractable belts, opened ahead of the line: a newcomer walks straight from the entrance to the lane its place is in, not along the empty lanes before it. Default true; false makes everyone walk every lane.',
        }),
      lead: z.array(vec2).optional().meta({ description: 'Where the line goes on from the exit towards the servers, in walking order; its last point is the head.' }),
    })
    .refine((q) => q.from[0] !== q.to[0] && q.from[1] !== q.to[1], { path: ['to'], message: 'needs a corner opposite `from` (a rectangle of non-zero area)' }),
]);

const byClassSchema = z.strictObject({ byClass: z.record(id, distributionSchema), default: distributionSchema.optional() });

const stageBase = { id, level: id.optional(), name: name.optional() };

export const stageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...stageBase, kind: z.literal('waypoint'), target: targetSchema }),
  z.strictObject({
    ...stageBase,
    kind: z.literal('service'),
    servers: z.array(pointItem).min(1).meta({ description: 'Where a traveller stands while served, one point per server.' }),
    standby: z
      .union([z.array(pointItem), z.strictObject({ offset: vec2 })], { error: 'needs one point per server, or { "offset": [dx, dy] } from each server' })
      .optional(),
    standbyDepth: z
      .number()
      .int()
      .min(1)
      .max(3)
      .optional()
      .meta({ description: 'Travellers that may wait behind each busy server (walking mode, with `standby`): spot i stands i x 0.6 m behind its standby spot, away from the server. Default 1.' }),
    queue: queueSchema.optional(),
    serviceTime: z.union([distributionSchema, byClassSchema], { error: 'needs a distribution, or { "byClass": { ... }, "default": ... }' }).meta({ description: 'Service time, s.' }),
    eligible: z.array(id).min(1).optional().meta({ description: 'Classes this bank serves; default all.' }),
    failure: z.strictObject({ probability: z.number().min(0).max(1), fallback: id, penalty: nonNegative.optional() }).optional(),
    open: z.strictObject({ from: time, to: time }).optional(),
    initiallyOpen: z.number().int().min(0).optional(),
    staffing: z
      .strictObject({
        openAbove: nonNegative,
        closeBelow: nonNegative,
        min: z.number().int().min(0).optional(),
        max: z.number().int().min(1).optional(),
        interval: positive.optional(),
        partner: z.strictObject({ stage: id, shared: count }).optional(),
      })
      .optional(),
  }),
  z.strictObject({ ...stageBase, kind: z.literal('waiting'), target: targetSchema, dwell: distributionSchema }),
  z.strictObject({
    ...stageBase,
    kind: z.literal('vehicle-stop'),
    target: targetSchema,
    vehicles: z.union([z.strictObject({ timetable: z.array(time).min(1) }), z.strictObject({ headway: positive, from: time, to: time })], {
      error: 'needs { "timetable": ["HH:MM", ...] } or { "headway": s, "from": "HH:MM", "to": "HH:MM" }',
    }),
    capacity: count,
    dwell: nonNegative,
    ride: z.strictObject({ duration: nonNegative, alight: targetSchema, level: id.optional() }).optional(),
  }),
  z.strictObject({
    ...stageBase,
    kind: z.literal('link'),
    target: targetSchema,
    capacityPerMinute: positive.meta({ description: 'Persons per minute the escalator, stair or lift carries (escalator about 100).' }),
    travelTime: nonNegative,
    alight: targetSchema,
    toLevel: id,
  }),
  z.strictObject({ ...stageBase, kind: z.literal('exit'), target: targetSchema }),
]);

export const transitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), to: id }),
  z.strictObject({ kind: z.literal('probability'), options: z.array(z.strictObject({ to: id, p: z.number().min(0).max(1) })).min(1) }),
  z.strictObject({ kind: z.literal('class'), map: z.record(id, id), otherwise: id.optional() }),
  z.strictObject({ kind: z.literal('shortest-wait'), options: z.array(id).min(1) }),
]);

export const journeySchema = z.strictObject({
  id,
  name: name.optional(),
  start: id,
  transitions: z.record(id, transitionSchema).meta({ description: 'What follows each stage, by stage id; a stage without one ends the journey.' }),
});

export const measurementSchema = z.strictObject({
  lines: z.array(z.strictObject({ id, from: vec2, to: vec2, level: id.optional() })).optional(),
  densityCell: positive.optional(),
  sampleInterval: positive.optional(),
});

export const runSchema = z
  .strictObject({
    start: time,
    end: time,
    dt: z.number().gt(0).max(0.2).optional().meta({ description: 'Time step of the walking engine, s. Default the engine\'s (simulationDefaults.dt).' }),
    seed: z.union([z.number().int(), z.string()], { error: 'needs an integer or a string' }).optional(),
    walking: z.boolean().optional().meta({ description: 'Walk between stages (default) or move instantly (queueing only).' }),
    movement: z
      .strictObject({
        model: z.enum(['collision-free-speed', 'anticipation-velocity']).optional(),
        timeGap: z.number().min(0.1).max(3).optional(),
        neighbourStrength: z.number().min(0).max(20).optional(),
        neighbourRange: z.number().min(0.01).max(1).optional(),
        anticipationTime: z.number().min(0).max(5).optional(),
        reactionTime: positive.optional(),
        wallStrength: nonNegative.optional(),
        wallRange: positive.optional(),
        wallBuffer: nonNegative.optional(),
        wallPushout: nonNegative.optional(),
        cutoff: positive.optional(),
      })
      .optional(),
    navigation: z.strictObject({ cellSize: z.number().min(0.05).max(1).optional(), wallBuffer: nonNegative.optional(), wallPenalty: nonNegative.optional(), fieldWindow: z.number().positive().optional(), fieldMemory: z.number().positive().optional(), congestion: z.strictObject({ interval: nonNegative.optional(), walkers: z.number().int().min(1).optional() }).optional() }).optional(),
  })
  .meta({ description: 'Run settings: simulated clock from start to end, step, seed and mode.' });

const citation = z.union([z.url(), z.strictObject({ url: z.url(), note: z.string().optional() })], { error: 'needs a URL or { "url": ..., "note": ... }' });

const topLevel = {
  $schema: z.string().optional(),
  version: z.literal(SCENARIO_VERSION, { error: `needs ${SCENARIO_VERSION} (the only format version)` }),
  name: z.string().min(1),
  description: z.string().optional(),
  assumptions: z.array(z.string()).optional(),
  sources: z.array(citation).optional().meta({ description: 'Where the numbers come from: URLs, or { url, note }.' }),
  extends: z.string().optional().meta({ description: 'Path of the scenario this one varies, relative to this file.' }),
  remove: z.array(z.string()).optional().meta({ description: 'Ids of inherited elements to drop ("id", or "stages/id" when ambiguous).' }),
  run: runSchema,
  levels: z.array(levelSchema).optional(),
  classes: z.array(travellerClassSchema).min(1),
  demand: z.array(demandSchema),
  stages: z.array(stageSchema).min(1),
  journeys: z.array(journeySchema).min(1),
  measurement: measurementSchema.optional(),
};

export const scenarioSchema = z.strictObject(topLevel).meta({ title: 'portflow scenario', description: 'A portflow scenario, format version 1 (SI units).' });

/**
 * The same top level with the element collections left unchecked: parseScenario() checks each
 * element on its own so that one bad stage does not hide the problems of the others.
 */
export const scenarioShellSchema = z.strictObject({
  ...topLevel,
  levels: z.array(z.unknown()).optional(),
  classes: z.array(z.unknown()).min(1),
  demand: z.array(z.unknown()),
  stages: z.array(z.unknown()).min(1),
  journeys: z.array(z.unknown()).min(1),
});

/** The element collections: their schemas, checked one element at a time. */
export const collectionSchemas = {
  levels: levelSchema,
  classes: travellerClassSchema,
  demand: demandSchema,
  stages: stageSchema,
  journeys: journeySchema,
} as const;
export type Collection = keyof typeof collectionSchemas;

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioLevel = z.output<typeof levelSchema>;
export type ScenarioShape = z.output<typeof shapeSchema>;
export type ScenarioBarrier = z.output<typeof barrierSchema>;
export type ScenarioTarget = z.output<typeof targetSchema>;
export type ScenarioClass = z.output<typeof travellerClassSchema>;
export type ScenarioDemand = z.output<typeof demandSchema>;
export type ScenarioStage = z.output<typeof stageSchema>;
export type ScenarioServiceStage = Extract<ScenarioStage, { kind: 'service' }>;
export type ScenarioQueue = z.output<typeof queueSchema>;
export type ScenarioTransition = z.output<typeof transitionSchema>;
export type ScenarioJourney = z.output<typeof journeySchema>;
export type ScenarioRun = z.output<typeof runSchema>;
export type ScenarioDistribution = z.output<typeof distributionSchema>;
export type Repeat = z.output<typeof repeatSchema>;
export type PointItem = z.output<typeof pointItem>;
