// Shared fixtures for behaviour and validation tests: re-exports only. Excluded from the build.
export { CrossingCounter, maxOverlap, mean, sampleRectangle, sd, steadyFlow } from './measure.js';
export type { RectangleSample } from './measure.js';
export { PeriodicCorridor } from './periodic-corridor.js';
export type { PeriodicCorridorOptions } from './periodic-corridor.js';
export { normalSpeed, scatter } from './placement.js';
export type { Region } from './placement.js';
export { bankModel, erlangC, measureWindow, mmc, pollaczekKhinchine, replicateBank, tInterval99 } from './queueing.js';
export type { ReplicationOptions, WindowStats } from './queueing.js';
export { runUntilEmpty } from './run.js';
export type { EvacuationResult } from './run.js';
export { corridor, rectangle, roomWithBottleneck, twoRoomsAndCorridor } from './shapes.js';
