// The README's TypeScript snippets are run as written, so the docs cannot drift from the code:
// every ```ts block is written to a scratch module beside this file and imported.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, '../../../README.md'), 'utf8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const scratch = join(here, '.readme-snippets');

describe('the README snippets', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has TypeScript snippets to check', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2);
  });

  it.each(snippets.map((code, k) => [k, code] as const))('runs snippet %i as written', async (k, code) => {
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, `snippet-${k}.ts`);
    writeFileSync(file, code);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(file);
      // Every snippet ends by printing its result.
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
