import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './index.js';

describe('the JSON Schema shipped in schema/scenario.schema.json', () => {
  const committed = JSON.parse(readFileSync(new URL('../schema/scenario.schema.json', import.meta.url), 'utf8')) as Record<string, any>;

  it('is up to date with the zod schemas (run `pnpm --filter @portflow/scenario schema` after changing them)', () => {
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('describes the top level: required fields, version 1, and no unknown keys', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.required).toEqual(expect.arrayContaining(['version', 'name', 'run', 'classes', 'demand', 'stages', 'journeys']));
    expect(committed.properties.version).toMatchObject({ const: 1 });
    expect(committed.additionalProperties).toBe(false);
    expect(Object.keys(committed.properties)).toEqual(expect.arrayContaining(['$schema', 'extends', 'remove', 'levels', 'measurement', 'assumptions', 'sources']));
  });

  it('lists every stage kind and carries units in its descriptions', () => {
    const stages = committed.properties.stages.items.oneOf as { properties: { kind: { const: string } } }[];
    expect(stages.map((s) => s.properties.kind.const).sort()).toEqual(['exit', 'link', 'service', 'vehicle-stop', 'waiting', 'waypoint']);
    expect(JSON.stringify(committed)).toContain('Persons per minute');
  });
});
