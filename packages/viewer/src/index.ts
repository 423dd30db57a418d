// @portflow/viewer public API: re-exports only.
export { createFloorPlan } from './floor-plan.js';
export type { FloorPlanOptions } from './floor-plan.js';
export { TravellerLayer, travellerColours, travellerStates } from './traveller-layer.js';
export type { ColourBy, TravellerFrame } from './traveller-layer.js';
export { PlanView, planViewDefaults } from './plan-view.js';
export type { FloorOverlay, PlanLabel, PlanViewOptions } from './plan-view.js';
export { DensityOverlay, densityOverlayDefaults, losColours } from './density-overlay.js';
export type { DensityOverlayOptions, OverlayCell } from './density-overlay.js';
export { clock, drawQueueChart } from './queue-chart.js';
export type { QueueChartOptions, QueueSeries } from './queue-chart.js';
export { drawThroughputChart } from './throughput-chart.js';
export type { ThroughputChartOptions, ThroughputRun } from './throughput-chart.js';
