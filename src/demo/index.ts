export { demoCustomerId, demoSku, mostEventsOf, mulberry32, nextDemoCommand, planDemoBatch, planTimedBatch } from './demoHistory';
export type { DemoBatchOptions, DemoTime, PlannedCode, Rng, TimedBatch } from './demoHistory';
export { DEFAULT_DEMO_DAYS, DEFAULT_DEMO_SEED, generateDemoHistory } from './demoGenerator';
export type { DemoHistoryOptions, DemoMade, DemoProgress, DemoResult, DemoTarget } from './demoGenerator';
export { CLOSES_AT_HOUR, OPENS_AT_HOUR, shopCalendar, tradingWindow } from './shopCalendar';
export type { SaleWeek, ShopCalendar } from './shopCalendar';
