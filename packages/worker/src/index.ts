// @portflow/worker public API (environment-agnostic): re-exports only. Node helpers are in
// '@portflow/worker/node', the browser Worker entry is '@portflow/worker/worker'.
export { exposeSession } from './expose-session.js';
export { FrameState, frameCount, frameHash, mathFingerprint, writeFrame } from './frame.js';
export type { Frame } from './frame.js';
export { jobScenario } from './job.js';
export type { SimulationJob } from './job.js';
export { createPool, poolDefaults } from './pool.js';
export type { JobOutcome, Pool, PoolOptions, RunJobsOptions, WorkerHandle } from './pool.js';
export { aggregate, compareRuns, difference, pairedDifference, quantileSorted, scalarMetrics, summarise, tQuantile975 } from './replications.js';
export type { Difference, ReplicationSummary, ScalarMetrics } from './replications.js';
export { runDefaults, SimulationSession } from './simulation-session.js';
export type { RunOptions, RunResult, SessionStatus } from './simulation-session.js';
