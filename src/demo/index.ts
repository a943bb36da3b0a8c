export { demoCustomerId, demoSku, mostEventsOf, mulberry32, nextDemoCommand, planDemoBatch } from './demoHistory';
export type { DemoBatchOptions, Rng } from './demoHistory';
export { DEFAULT_DEMO_SEED, generateDemoHistory } from './demoGenerator';
export type { DemoHistoryOptions, DemoProgress, DemoResult, DemoTarget } from './demoGenerator';
