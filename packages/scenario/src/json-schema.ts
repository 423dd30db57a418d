// The scenario format as a JSON Schema (draft 2020-12), generated from the zod schemas so the
// two cannot drift apart; editors use it (through "$schema") for completion and checks as one
// types. It covers the shape of every field; references, sums and geometry are checked only by
// parseScenario().
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** Where the schema is published inside the package. */
export const SCHEMA_FILE = 'schema/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: 'https://portflow.invalid/scenario/v1/scenario.schema.json', ...schema };
}
