export { createShopRuntime } from './shopRuntime';
export type { RuntimeOptions, RuntimeStatus, ShopRuntime, ShopView } from './shopRuntime';
export { TimeMachine } from './timeMachine';
export type { TimeMachineOptions } from './timeMachine';
export type { BranchView, DensityView, TimelineView } from './timelineStore';
export { DEFAULT_DEMO_SEED, generateDemoHistory } from './demoGenerator';
export type { DemoHistoryOptions, DemoProgress, DemoResult } from './demoGenerator';
