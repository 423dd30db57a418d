// @portflow/cli: the command's entry points, for calling the CLI in-process. Re-exports only.
export { exitCodes, InputError, UsageError } from './cli-error.js';
export type { Io } from './io.js';
export { processIo } from './io.js';
export { main, mainHelp } from './main.js';
export { RESULTS_VERSION } from './results.js';
export { parseShard, shardJobs } from './shard.js';
export type { Shard } from './shard.js';
