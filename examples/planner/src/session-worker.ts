// A module Web Worker of this app running one @portflow/worker SimulationSession: the replication
// pool's workers and the determinism page's.
import '@portflow/worker/worker';
