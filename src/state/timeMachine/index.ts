export { TimeMachine } from './timeMachine';
export type { TimeMachineOptions, TimelineControls } from './timeMachine';
