// Moved to src/demo; this forwards until the state layer imports '../demo' itself.
export { DEFAULT_DEMO_SEED, generateDemoHistory } from '../demo';
export type { DemoHistoryOptions, DemoProgress, DemoResult } from '../demo';
