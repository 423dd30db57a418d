// longestStays: who has been in the port longest, doing what and where, for finding travellers
// stuck in a long run. A desk that takes 5 minutes a traveller, with one arriving every 30 s:
// after 10 minutes the first two have been served or are being served and the rest stand in the
// line in arrival order.
import { describe, expect, it } from 'vitest';
import type { PortModelSpec } from './index.js';
import { createPortSimulation } from './index.js';

const slowDesk: PortModelSpec = {
  levels: [{ id: 'hall', geometry: { outline: [[0, 0], [20, 0], [20, 10], [0, 10]] } }],
  classes: [{ id: 'p' }],
  sources: [{ id: 'in', pattern: { kind: 'headway', from: 0, to: 600, headway: 30, load: 1, spread: 0 }, journey: 'j', spawn: { kind: 'point', x: 1, y: 5 } }],
  stages: [
    { id: 'desk', kind: 'service', servers: [[18, 5]], queue: { kind: 'single', path: [[16, 5], [4, 5]] }, serviceTime: { kind: 'constant', value: 300 } },
    { id: 'out', kind: 'exit', target: { kind: 'line', from: [19.5, 1], to: [19.5, 9] } },
  ],
  journeys: [{ id: 'j', start: 'desk', transitions: { desk: { kind: 'fixed', to: 'out' } } }],
};

describe('longestStays', () => {
  it('lists the travellers longest in the port first, with their stage, what they do and where', () => {
    const sim = createPortSimulation(slowDesk, { seed: 1 });
    sim.runUntil(600);
    const stays = sim.longestStays(5);
    console.info(`longest stays at 10 min: ${stays.map((s) => `${s.stay.toFixed(0)} s ${s.doing}${s.x === undefined ? '' : ` at (${s.x.toFixed(1)}, ${s.y!.toFixed(1)})`}`).join('; ')}`);
    expect(stays).toHaveLength(5);
    expect(stays[0]!.stay).toBe(sim.longestInSystem());
    for (let k = 1; k < stays.length; k++) expect(stays[k]!.stay).toBeLessThanOrEqual(stays[k - 1]!.stay);
    // The first arrived at 0 s and was served from about 0:20 to 5:20, so has left; the second
    // (30 s) is at the desk; the next three stand in the line, in arrival order along it.
    expect(stays[0]).toMatchObject({ stage: 'desk', doing: 'being served', level: 'hall' });
    expect(stays[0]!.stay).toBeCloseTo(570, 6);
    const inLine = stays.slice(1, 4);
    for (const s of inLine) expect(s).toMatchObject({ stage: 'desk', doing: 'in the line', level: 'hall' });
    // Along the path from the head at x = 16: the earlier arrival stands nearer the head.
    for (let k = 1; k < inLine.length; k++) expect(inLine[k]!.x!).toBeLessThan(inLine[k - 1]!.x!);
    for (const s of inLine) expect(s.y).toBeCloseTo(5, 6);
  });
});
