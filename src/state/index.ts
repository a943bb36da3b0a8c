export { createShopRuntime } from './shopRuntime';
export type { RuntimeOptions, RuntimeStatus, ShopRuntime, ShopView } from './shopRuntime';
export { TimeMachine } from './timeMachine';
export type { TimeMachineOptions } from './timeMachine';
export type { BranchView, DensityView, TimelineView } from './timelineStore';
