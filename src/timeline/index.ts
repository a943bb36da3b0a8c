export { CheckpointIndex } from './checkpoints';
export type { BuildProgress, CheckpointFeed, CheckpointSource, EventSource, Fold, FoldAll } from './sources';
export { nextTurn, yieldToBrowser } from './turns';
// What-if replays and branch sandboxes are loaded when first used (./onDemand); types only here.
export type { Applicability, WhatIf } from './whatIf';
export type { Sandbox, SandboxOptions } from './sandbox';
export { diff, formatPath, getPath } from './diff';
export type { Change, Path } from './diff';
export { fieldHistory } from './fieldHistory';
export type { FieldChange } from './fieldHistory';
export { causationTree } from './causation';
export type { CommandNode } from './causation';
export { DensityPlot, MIN_ZOOM_SPAN_MS, marksOf } from './density';
export type { Density, DensityBucket, DensityWindow, EventMarks } from './density';
