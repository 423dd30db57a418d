// The level-of-service overlay the planner draws agrees with the engine's own measurement: the
// frame a run hands the page at a density sample time, counted by the viewer's DensityOverlay,
// gives the same worst cell (level, density, place, queueing or walkway table) as
// metrics().levelOfService once the engine has taken that sample.
import { readFileSync } from 'node:fs';
import { DensityOverlay } from '@portflow/viewer';
import { describe, expect, it } from 'vitest';
import { ScenarioRun } from './scenario-run.js';

const hall = readFileSync(new URL('../../../scenarios/examples/hall-with-e-gates.json', import.meta.url), 'utf8');

describe('level-of-service overlay', () => {
  it('finds the same worst cell in a frame as the engine in its density sample', async () => {
    // One density sample at the start (empty hall) and the next 10 minutes later, so the engine's
    // peak over samples is the density at that instant.
    const doc = JSON.parse(hall) as { measurement: Record<string, unknown> };
    doc.measurement.sampleInterval = 600;
    const run = new ScenarioRun();
    const loaded = await run.load('hall.json', { 'hall.json': JSON.stringify(doc) }, { seed: 3 });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const info = loaded.info;
    expect(info.densityCell).toBe(2);
    expect(info.queues.length).toBe(2);
    const t = info.start + 600;
    // The frame at t is what the engine samples at the start of its next step.
    const { frame } = run.advance(t, false);
    expect(frame.time).toBeCloseTo(t, 6);
    const overlay = new DensityOverlay(info.levels, { cellSize: info.densityCell, queues: info.queues });
    overlay.update(frame);
    const seen = overlay.worst()[0];
    const { metrics } = run.advance(t + 0.1, true);
    const engine = metrics!.levelOfService[0]!.worst;
    expect(seen).toEqual(engine);
    // Not a trivial agreement: ten minutes in, the serpentine is crowded.
    expect('CDEF').toContain(seen!.los);
    overlay.dispose();
  });
});
