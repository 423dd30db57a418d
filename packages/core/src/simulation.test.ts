import { describe, expect, it } from 'vitest';
import { GeometryError } from './geometry.js';
import { createSimulation, walkingSpeedDefaults } from './simulation.js';

const room = (w: number, h: number) => ({ outline: [[0, 0], [w, 0], [w, h], [0, h]] as [number, number][] });

describe('Simulation', () => {
  it('refuses an agent outside the walkable area or inside an obstacle, naming it', () => {
    const sim = createSimulation({ geometry: { ...room(10, 10), holes: [[[4, 4], [6, 4], [6, 6], [4, 6]]] }, seed: 1 });
    const t = sim.addTarget({ kind: 'point', x: 9, y: 9 });
    expect(() => sim.addAgent({ x: 11, y: 5, target: t })).toThrow(/agent 0: position \(11, 5\) is outside the walkable area/);
    expect(() => sim.addAgent({ x: 5, y: 5, target: t })).toThrow(GeometryError);
    expect(sim.agents.count).toBe(0);
  });

  it('refuses a target that cannot be reached from the start', () => {
    // A barrier across the room leaves 5 cm gaps at either end: too narrow for anyone.
    const sim = createSimulation({ geometry: { ...room(20, 10), holes: [[[9.9, 0.05], [10.1, 0.05], [10.1, 9.95], [9.9, 9.95]]] }, seed: 1 });
    const far = sim.addTarget({ kind: 'point', x: 18, y: 5 });
    expect(() => sim.addAgent({ x: 2, y: 5, target: far })).toThrow(/target 0: cannot be reached from \(2, 5\) by agent 0/);
    const near = sim.addTarget({ kind: 'point', x: 5, y: 5 });
    expect(() => sim.addAgent({ x: 2, y: 5, target: near })).not.toThrow();
    // A target inside an obstacle cannot be reached from anywhere.
    const buried = sim.addTarget({ kind: 'point', x: 10, y: 5, radius: 0.05 });
    expect(() => sim.addAgent({ x: 2, y: 5, target: buried })).toThrow(GeometryError);
  });

  it('reuses the slots of agents that left, so memory stays bounded', () => {
    const sim = createSimulation({ geometry: room(20, 4), seed: 2 });
    const exit = sim.addTarget({ kind: 'line', from: [19.5, 0], to: [19.5, 4] });
    for (let wave = 0; wave < 5; wave++) {
      for (let k = 0; k < 20; k++) sim.addAgent({ x: 1 + (k % 10) * 0.6, y: 1 + Math.floor(k / 10) * 2, target: exit });
      while (sim.agents.count > 0) {
        sim.step();
        expect(sim.spawned).toBe(sim.agents.count + sim.exited);
      }
    }
    expect(sim.spawned).toBe(100);
    expect(sim.exited).toBe(100);
    expect(sim.agents.highWater).toBe(20);
  });

  it('draws individual desired speeds from the class distribution, with the seed', () => {
    const sim = createSimulation({ geometry: room(100, 100), seed: 3, capacity: 4000 });
    const slow = sim.defineClass({ speed: { kind: 'normal', mean: 1.2, sd: 0.2, min: 0.4, max: 2 } });
    const t = sim.addTarget({ kind: 'point', x: 99, y: 99 });
    const n = 2000;
    const speeds: number[] = [];
    for (let k = 0; k < n; k++) speeds.push(sim.agents.desiredSpeed[sim.addAgent({ x: 1 + (k % 40) * 2, y: 1 + Math.floor(k / 40) * 1.5, target: t, class: slow })]!);
    const mean = speeds.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(speeds.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    // Truncation at +-4 sd changes neither moment measurably; 4 standard errors (0.2/sqrt(2000)
    // = 0.0045 for the mean; sd/sqrt(2(n-1)) = 0.0032 for the sd) leave a 1-in-15,000 false alarm.
    expect(Math.abs(mean - 1.2)).toBeLessThan(4 * 0.0045);
    expect(Math.abs(sd - 0.2)).toBeLessThan(4 * 0.0032);
    const other = createSimulation({ geometry: room(100, 100), seed: 3, capacity: 4000 });
    other.defineClass({ speed: { kind: 'normal', mean: 1.2, sd: 0.2, min: 0.4, max: 2 } });
    const t2 = other.addTarget({ kind: 'point', x: 99, y: 99 });
    expect(other.agents.desiredSpeed[other.addAgent({ x: 1, y: 1, target: t2, class: 1 })]).toBe(speeds[0]);
  });

  it('keeps default adult speeds inside the Weidmann truncation [0.5, 2.2] m/s', () => {
    const sim = createSimulation({ geometry: room(50, 50), seed: 4 });
    const t = sim.addTarget({ kind: 'point', x: 49, y: 49 });
    for (let k = 0; k < 500; k++) {
      const v = sim.agents.desiredSpeed[sim.addAgent({ x: 1 + (k % 20) * 2, y: 1 + Math.floor(k / 20) * 1.5, target: t })]!;
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(2.2);
    }
    expect(walkingSpeedDefaults).toEqual({ kind: 'normal', mean: 1.34, sd: 0.26, min: 0.5, max: 2.2 });
  });

  it('holds an agent in place until it gets a new target', () => {
    const sim = createSimulation({ geometry: room(20, 4), seed: 5 });
    const mid = sim.addTarget({ kind: 'point', x: 10, y: 2, radius: 0.3 });
    const end = sim.addTarget({ kind: 'line', from: [19.5, 0], to: [19.5, 4] });
    const a = sim.addAgent({ x: 1, y: 2, target: mid, onArrival: 'hold', desiredSpeed: 1.3 });
    for (let k = 0; k < 400; k++) sim.step();
    const x = sim.agents.x[a]!;
    expect(Math.abs(x - 10)).toBeLessThan(0.35);
    for (let k = 0; k < 100; k++) sim.step();
    expect(sim.agents.x[a]).toBe(x);
    sim.setTarget(a, end);
    for (let k = 0; k < 400 && sim.agents.count > 0; k++) sim.step();
    expect(sim.exited).toBe(1);
  });

  it('refuses a time step outside the supported range', () => {
    expect(() => createSimulation({ geometry: room(5, 5), seed: 1, dt: 0.5 })).toThrow(/dt: 0.5/);
    expect(() => createSimulation({ geometry: room(5, 5), seed: 1, dt: 0.1, movement: { reactionTime: 0.05 } })).toThrow(/reactionTime/);
  });
});
