// @portflow/scenario public API: re-exports only.
export { parseScenario } from './parse-scenario.js';
export type { ParseOptions, ParseResult } from './parse-scenario.js';
export { loadScenario, MAX_EXTENDS_DEPTH, resolveRelative, resolveScenario } from './load-scenario.js';
export type { ResolveResult, ScenarioLoader } from './load-scenario.js';
export { mergeScenario } from './merge-scenario.js';
export type { MergeProblem } from './merge-scenario.js';
export { formatPath, renderValue } from './issues.js';
export type { ScenarioIssue } from './issues.js';
export { createScenarioSimulation, defaultLevel, runScenario, ScenarioError, scenarioDefaults, toPortModel } from './to-port-model.js';
export type { PortModel, ScenarioRunOptions } from './to-port-model.js';
export { buildLevelGeometry } from './level-geometry.js';
export type { LevelGeometryResult } from './level-geometry.js';
export { serpentine } from './serpentine.js';
export type { Serpentine, SerpentineSpec } from './serpentine.js';
export { scenarioJsonSchema, SCHEMA_FILE } from './json-schema.js';
export { ID_PATTERN, MAX_REPEAT, SCENARIO_VERSION, scenarioSchema, TIME_PATTERN, WALKER_CALIBRATIONS } from './schema.js';
export type {
  Repeat, Scenario, ScenarioBarrier, ScenarioClass, ScenarioDemand, ScenarioDistribution, ScenarioJourney, ScenarioLevel, ScenarioQueue,
  ScenarioRun, ScenarioServiceStage, ScenarioShape, ScenarioStage, ScenarioTarget, ScenarioTransition,
} from './schema.js';
