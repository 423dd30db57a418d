// Scenario files for commands: read with `extends`, the run window applied, every issue kept.
import { ScenarioError } from '@portflow/scenario';
import type { Scenario } from '@portflow/scenario';
import { resolveScenario } from '@portflow/scenario';
import { nodeScenarioLoader } from '@portflow/scenario/node';
import { jobScenario } from '@portflow/worker';
import { resolve } from 'node:path';
import { InputError } from './cli-error.js';

/** The merged document of a file and what it extends; InputError with the issues if unreadable. */
export async function readDocument(path: string): Promise<Record<string, unknown>> {
  const resolved = await resolveScenario(resolve(path), nodeScenarioLoader);
  if (!resolved.ok) throw new InputError(`${path}: cannot be loaded`, resolved.issues);
  return resolved.document;
}

/** The scenario of a file with --from/--to applied (and validated). */
export async function loadRun(path: string, window: { from?: string | undefined; to?: string | undefined }): Promise<Scenario> {
  const document = await readDocument(path);
  try {
    return jobScenario({ scenario: document, path, ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) }, { engineCheck: true });
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${path}: invalid scenario`, e.issues);
    throw e;
  }
}
