// The results JSON of `portflow run --out` (version 1):
// { version, scenario: { file, name }, seed, from, to ("HH:MM"), walking, dt (s), wallSeconds,
//   metrics: PortMetrics (stages with waits/utilisation/queue, hourly, journeys, flows,
//   levelOfService, spawned/inSystem/exited) }.
export const RESULTS_VERSION = 1;
