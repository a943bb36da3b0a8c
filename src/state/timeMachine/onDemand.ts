/** The parts of the time machine loaded on first use (branches, restore and undo). */
export { Branches } from './branches';
export { restoreTo, revert } from './compensate';
