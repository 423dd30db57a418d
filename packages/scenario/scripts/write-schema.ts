// Writes schema/scenario.schema.json from the zod schemas: `pnpm --filter @portflow/scenario schema`.
// A test (json-schema.test.ts) fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/json-schema.js';

const file = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
