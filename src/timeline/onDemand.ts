/** The parts of the time machine loaded on first use, kept out of the start-up bundle. */
export { WhatIf } from './whatIf';
export { Sandbox } from './sandbox';
