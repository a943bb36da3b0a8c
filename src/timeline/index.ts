export { CheckpointIndex, nextTurn, yieldToBrowser } from './checkpoints';
export type { BuildProgress, CheckpointFeed, CheckpointSource, EventSource, Fold, FoldAll } from './checkpoints';
// What-if replays and branch sandboxes are loaded when first used (./onDemand); types only here.
export type { Applicability, WhatIf } from './whatIf';
export type { Sandbox } from './sandbox';
export { diff, formatPath, getPath } from './diff';
export type { Change, Path } from './diff';
export { fieldHistory } from './fieldHistory';
export type { FieldChange } from './fieldHistory';
export { causationTree } from './causation';
export type { CommandNode } from './causation';
export { DensityPlot, marksOf } from './density';
export type { Density, DensityBucket, EventMarks } from './density';
