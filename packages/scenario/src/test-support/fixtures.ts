// Small scenarios for tests, as plain JSON objects (fresh copies each call, safe to mutate).

/**
 * Two levels: travellers enter a 30 m x 20 m concourse with pillars, ride an escalator up to a
 * 40 m x 24 m hall, where residents queue in a 5-lane serpentine for 8 e-gates (standby spots,
 * lane dividers) and visitors go to 3 counters; 5 % of e-gate passes fail and go to the
 * counters. 600 travellers per hour from 07:00; the run lasts 5 minutes.
 */
export function twoLevelHall(): Record<string, any> {
  return {
    $schema: '../../schema/scenario.schema.json',
    version: 1,
    name: 'Two-level hall (test fixture)',
    description: 'A concourse, an escalator and an immigration hall with e-gates and counters.',
    assumptions: ['Schematic: every number is made up for the test.'],
    sources: ['https://www.rimea.de/', { url: 'https://www.immd.gov.hk/', note: 'e-gate service times (not used here)' }],
    run: { start: '07:00', end: '07:05', seed: 1, walking: true },
    levels: [
      {
        id: 'concourse',
        areas: [{ kind: 'rect', from: [0, 0], to: [30, 20] }],
        obstacles: [{ kind: 'rect', from: [10, 8], to: [11, 9], repeat: { count: [2, 2], step: [8, 4] } }],
      },
      {
        id: 'hall',
        elevation: 6,
        areas: [{ kind: 'rect', from: [0, 0], to: [40, 24] }],
        barriers: [{ points: [[29, 2.5], [31, 2.5]], repeat: { count: 9, step: [0, 1] } }],
      },
    ],
    classes: [
      { id: 'resident', name: 'Hong Kong residents', calibration: 'everyday' },
      { id: 'visitor', radius: 0.25, speed: { kind: 'normal', mean: 1.2, sd: 0.2 } },
    ],
    demand: [
      {
        id: 'street',
        pattern: { kind: 'constant', from: '07:00', to: '08:00', ratePerHour: 600 },
        journey: 'arrive',
        classes: { resident: 0.7, visitor: 0.3 },
        spawn: { kind: 'line', from: [1, 2], to: [1, 18] },
      },
    ],
    stages: [
      {
        id: 'escalator-up',
        kind: 'link',
        level: 'concourse',
        target: { kind: 'line', from: [29, 8], to: [29, 12] },
        capacityPerMinute: 100,
        travelTime: 20,
        alight: { kind: 'rect', from: [1, 8], to: [3, 12] },
        toLevel: 'hall',
      },
      {
        id: 'e-gates',
        kind: 'service',
        level: 'hall',
        servers: [{ at: [30, 3], repeat: { count: 8, step: [0, 1] } }],
        standby: { offset: [-1.5, 0] },
        queue: { kind: 'serpentine', from: [8, 2], to: [24, 12], lanes: 5, along: 'x', head: 'south-east' },
        serviceTime: { kind: 'lognormal', mean: 10, cv: 0.35 },
        eligible: ['resident'],
        failure: { probability: 0.05, fallback: 'counters', penalty: 30 },
      },
      {
        id: 'counters',
        kind: 'service',
        level: 'hall',
        servers: [[30, 16], [30, 18], [30, 20]],
        queue: { kind: 'single', path: [[27, 18], [20, 18]] },
        serviceTime: { byClass: { visitor: { kind: 'lognormal', mean: 60, cv: 0.5 } }, default: { kind: 'exponential', mean: 45 } },
      },
      { id: 'exit', kind: 'exit', level: 'hall', target: { kind: 'line', from: [39.5, 1], to: [39.5, 23] } },
    ],
    journeys: [
      {
        id: 'arrive',
        start: 'escalator-up',
        transitions: {
          'escalator-up': { kind: 'class', map: { resident: 'e-gates', visitor: 'counters' } },
          'e-gates': { kind: 'fixed', to: 'exit' },
          counters: { kind: 'fixed', to: 'exit' },
        },
      },
    ],
    measurement: { lines: [{ id: 'hall-exit', from: [38, 23.5], to: [38, 0.5], level: 'hall' }], densityCell: 2 },
  };
}

/** One bank of 3 servers, Poisson arrivals, no geometry: a queueing-only model. */
export function queueOnly(): Record<string, any> {
  return {
    version: 1,
    name: 'M/M/3 (test fixture)',
    run: { start: '00:00', end: '01:00', walking: false },
    classes: [{ id: 'traveller' }],
    demand: [{ id: 'arrivals', pattern: { kind: 'constant', from: '00:00', to: '01:00', ratePerHour: 300 }, journey: 'clear' }],
    stages: [
      { id: 'desks', kind: 'service', servers: [[0, 0], [1, 0], [2, 0]], serviceTime: { kind: 'exponential', mean: 30 } },
      { id: 'out', kind: 'exit', target: { kind: 'point', x: 0, y: 0 } },
    ],
    journeys: [{ id: 'clear', start: 'desks', transitions: { desks: { kind: 'fixed', to: 'out' } } }],
  };
}

/**
 * A 12 m x 8 m hall with a pillar: two desks fed by one line, a kiosk some travellers visit
 * first (chosen by probability), and an exit. Small enough to parse in milliseconds (fuzzing).
 */
export function smallHall(): Record<string, any> {
  return {
    version: 1,
    name: 'Small hall (test fixture)',
    run: { start: '08:00', end: '08:02', seed: 'fuzz', walking: true },
    levels: [{ id: 'hall', areas: [{ kind: 'rect', from: [0, 0], to: [12, 8] }], obstacles: [{ kind: 'circle', center: [6, 6], radius: 0.4, sides: 8 }], barriers: [[[8, 0], [8, 3]]] }],
    classes: [{ id: 'adult' }, { id: 'family', radius: 0.3, calibration: 'everyday' }],
    demand: [{ id: 'door', pattern: { kind: 'profile', start: '08:00', ratesPerHour: [900] }, journey: 'through', classes: { adult: 0.8, family: 0.2 }, spawn: { kind: 'line', from: [0.5, 1], to: [0.5, 7] } }],
    stages: [
      { id: 'kiosk', kind: 'waiting', target: { kind: 'point', x: 3, y: 6, radius: 0.6 }, dwell: { kind: 'uniform', min: 5, max: 15 } },
      { id: 'desks', kind: 'service', servers: [[9, 1], [9, 2]], queue: { kind: 'single', path: [[7, 1.5], [4, 1.5]] }, serviceTime: { kind: 'exponential', mean: 8 }, eligible: ['adult', 'family'] },
      { id: 'out', kind: 'exit', target: { kind: 'line', from: [11.5, 4], to: [11.5, 7.5] } },
    ],
    journeys: [
      {
        id: 'through',
        start: 'kiosk',
        transitions: {
          kiosk: { kind: 'probability', options: [{ to: 'desks', p: 0.5 }, { to: 'out', p: 0.5 }] },
          desks: { kind: 'fixed', to: 'out' },
        },
      },
    ],
    measurement: { lines: [{ id: 'middle', from: [6, 8], to: [6, 0] }] },
  };
}
