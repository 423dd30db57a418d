// The packages as an engineer gets them from npm: build, `pnpm pack` each @portflow package,
// install the tarballs with npm into a scratch project outside the workspace, then run a
// scenario through the public API and through `npx portflow`. Needs the npm registry for the
// packages' own dependencies (seedrandom, zod, polygon-clipping, comlink).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = ['core', 'scenario', 'worker', 'cli'];
const scratch = mkdtempSync(join(tmpdir(), 'portflow-pack-'));
const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });

describe('the packages installed from their tarballs', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('run a scenario through the public API and through npx portflow', () => {
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    for (const p of PACKAGES) {
      run('pnpm', ['--filter', `@portflow/${p}`, 'build'], root);
      run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', p));
    }
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(PACKAGES.length);

    const app = join(scratch, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', ...files.map((f) => join(tarballs, f))], app);
    copyFileSync(join(root, 'scenarios/verification/queue-mm3.json'), join(app, 'queue-mm3.json'));
    writeFileSync(
      join(app, 'run.mjs'),
      `import { readFileSync } from 'node:fs';
import { parseScenario, createScenarioSimulation } from '@portflow/scenario';
const r = parseScenario(JSON.parse(readFileSync('queue-mm3.json', 'utf8')));
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const sim = createScenarioSimulation(r.scenario, { seed: 1 });
sim.runUntil('06:00');
const s = sim.metrics().stages[0];
console.log(JSON.stringify({ served: s.served, spawned: sim.spawned, inSystem: sim.inSystem, exited: sim.exited }));
`,
    );
    const api = JSON.parse(run('node', ['run.mjs'], app)) as { served: number; spawned: number; inSystem: number; exited: number };
    // Six hours at 300/h: about 1,800 served (Poisson: sd ~42), everyone accounted for.
    expect(api.served).toBeGreaterThan(1600);
    expect(api.spawned).toBe(api.inSystem + api.exited);

    const cli = run('npx', ['--no-install', 'portflow', 'run', 'queue-mm3.json', '--to', '05:00'], app);
    expect(cli).toMatch(/e-gates\s+service\s+\d+\s+\d+/);
    expect(cli).toMatch(/spawned\s+in system\s+exited\s+conserved/);
    expect(cli).toMatch(/\byes\b/);
  }, 240_000);
});
