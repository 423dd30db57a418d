import { MessageChannel } from 'node:worker_threads';
import { nodeEndpoint } from './node-endpoint.js';
import { wrap } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { createScenarioSimulation } from '@portflow/scenario';
import { exposeSession } from './expose-session.js';
import { frameHash, FrameState, writeFrame } from './frame.js';
import { jobScenario } from './job.js';
import { createNodePool, jobsFor, readScenarioDocument, spawnNodeSimulation } from './node.js';
import type { SimulationSession } from './simulation-session.js';

const root = new URL('../../../', import.meta.url).pathname;
const hall = `${root}scenarios/examples/hall-with-e-gates.json`;
const mm3 = `${root}scenarios/verification/queue-mm3.json`;

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const f of cleanup) await f();
});

describe('a simulation in a worker', () => {
  it('gives the same final metrics and positions as the main thread for the same scenario and seed', async () => {
    // Five minutes of the walking hall: agents walking, at gates and standing in the serpentine.
    const job = { scenario: await readScenarioDocument(hall), path: hall, seed: 7, to: '07:05' };
    const h = await spawnNodeSimulation();
    cleanup.push(() => h.terminate());
    await h.api.load(job);
    // The worker runs while the main thread computes the same run.
    const inWorker = h.api.run();
    const sim = createScenarioSimulation(jobScenario(job), { seed: 7 });
    sim.runUntil('07:05');
    const frame = writeFrame(sim);
    expect(frame.count).toBeGreaterThan(0);
    expect([...frame.state]).toContain(FrameState.queued);

    const result = await inWorker;
    expect(result.cancelled).toBe(false);
    expect(result.metrics).toEqual(sim.metrics());
    expect(result.hash).toBe(frameHash(frame));
    const remote = await h.api.frame();
    expect(remote.count).toBe(frame.count);
    expect(remote.x).toBeInstanceOf(Float32Array);
    expect(frameHash(remote)).toBe(frameHash(frame));
  });

  it('serves the same API over a MessageChannel, with pause, resume and cancel', async () => {
    const { port1, port2 } = new MessageChannel();
    exposeSession(nodeEndpoint(port1));
    const api = wrap<SimulationSession>(nodeEndpoint(port2));
    cleanup.push(() => (port1.close(), port2.close()));
    await api.load({ scenario: await readScenarioDocument(mm3), path: mm3, seed: 3 });
    const running = api.run(undefined, { chunk: 600 });
    await api.pause();
    const paused = await api.status();
    expect(paused.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 20));
    expect((await api.status()).time).toBe(paused.time);
    await api.resume();
    await api.cancel();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.metrics.time).toBeLessThan(24 * 3600);
    expect(result.metrics.spawned).toBe(result.metrics.inSystem + result.metrics.exited);
  });

  it('reports a bad scenario with its path and message', async () => {
    const h = await spawnNodeSimulation();
    cleanup.push(() => h.terminate());
    const doc = { ...(await readScenarioDocument(mm3)), stages: [] };
    await expect(h.api.load({ scenario: doc, path: 'broken.json' })).rejects.toThrow(/^broken\.json: invalid scenario: .*stages/);
  });
});

describe('the pool', () => {
  it('runs replications across workers and survives a worker that dies', async () => {
    let spawned = 0;
    const pool = await createNodePool({
      size: 2,
      onSpawn: (h) => {
        // The first worker is killed mid-job: its job fails, a new worker takes the rest.
        if (spawned++ === 0) setTimeout(() => void h.worker.terminate(), 30);
      },
    });
    cleanup.push(() => pool.close());
    const jobs = await jobsFor([mm3], [1, 2, 3, 4], { to: '12:00' });
    const outcomes = await pool.run([...jobs, { scenario: { version: 1 }, path: 'empty.json', seed: 1 }]);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.map((o) => (o.ok ? '' : o.error))).toEqual([
      expect.stringMatching(/^job 0 \(.*queue-mm3\.json, seed 1\): worker died: worker exited/),
      expect.stringMatching(/^job 4 \(empty\.json, seed 1\): invalid scenario/),
    ]);
    const ok = outcomes.filter((o) => o.ok);
    expect(ok.map((o) => o.index)).toEqual([1, 2, 3]);
    expect(spawned).toBe(3);
  });
});
