// Node helpers: scenario files from disk. Kept out of the main entry so that browser bundles of
// @portflow/scenario never see node:fs.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ScenarioLoader } from './load-scenario.js';
import { loadScenario } from './load-scenario.js';
import type { ParseOptions } from './parse-scenario.js';

/** Reads files with node:fs; `extends` paths resolve against the extending file's folder. */
export const nodeScenarioLoader: ScenarioLoader = {
  read: (path) => readFile(path, 'utf8'),
  resolve: (from, ref) => resolve(dirname(from), ref),
};

/** loadScenario() for a file on disk (relative paths from the working directory). */
export function loadScenarioFile(path: string, options: ParseOptions = {}) {
  return loadScenario(resolve(path), nodeScenarioLoader, options);
}
