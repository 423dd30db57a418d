// A simulation job as plain data (it crosses worker boundaries): the scenario document with its
// `extends` already resolved, where it came from, and the run's settings.
import type { Scenario } from '@portflow/scenario';
import { parseScenario, ScenarioError } from '@portflow/scenario';

export interface SimulationJob {
  /** The scenario document (a JSON value with `extends` resolved, or its text). */
  readonly scenario: unknown;
  /** File the scenario came from, for messages. */
  readonly path?: string;
  /** Seed; default the scenario's run.seed, else 1. */
  readonly seed?: string | number;
  /** Start of the run instead of run.start ("HH:MM"). */
  readonly from?: string;
  /** End of the run instead of run.end ("HH:MM"). */
  readonly to?: string;
  /** Walk (true) or queueing only (false); default the scenario's run.walking. */
  readonly walking?: boolean;
}

/**
 * A job's scenario, parsed with `from`/`to` written into its run first (so they are validated
 * like the file's own times); throws a ScenarioError whose message names the file.
 */
export function jobScenario(job: SimulationJob, options: { readonly engineCheck?: boolean } = {}): Scenario {
  let doc = job.scenario;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch (e) {
      throw new Error(`${job.path ?? 'scenario'}: is not valid JSON (${(e as Error).message})`);
    }
  }
  if ((job.from !== undefined || job.to !== undefined) && doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const d = doc as Record<string, unknown>;
    const run = d.run !== null && typeof d.run === 'object' ? (d.run as Record<string, unknown>) : {};
    doc = { ...d, run: { ...run, ...(job.from !== undefined ? { start: job.from } : {}), ...(job.to !== undefined ? { end: job.to } : {}) } };
  }
  const parsed = parseScenario(doc, { engineCheck: options.engineCheck ?? false });
  if (!parsed.ok) {
    const error = new ScenarioError(parsed.issues);
    error.message = `${job.path ? `${job.path}: ` : ''}invalid scenario: ${parsed.issues.map((i) => i.message).join('; ')}`;
    throw error;
  }
  return parsed.scenario;
}
