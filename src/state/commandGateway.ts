import { DomainError, type UnchainedEvent } from '../es';
import type { Command } from '../domain';
import type { DemoHistoryOptions, DemoResult } from '../demo';
import type { ShopRuntime } from './shopRuntime';
import type { TimelineStore } from './timelineStore';

/** The one door for the UI's commands. */
export interface CommandGateway {
  /** True while commands are refused: looking at the past or a what-if, outside a branch. */
  readonly readOnly: boolean;
  /**
   * Sends one command: into the active branch, else to the log (then it can be undone). Refused
   * with a DomainError 'viewing-past' while looking at the past.
   */
  send(command: Command): Promise<UnchainedEvent[]>;
  /**
   * Sends commands together (decided in order, written in one transaction), as loading the sample
   * shop does; not recorded for undo. Guarded and routed like `send`.
   */
  sendAll(commands: readonly Command[]): Promise<UnchainedEvent[]>;
  /** Refuses (as `send` would, or because a branch is open) unless writing to the present log. */
  assertLive(): void;
  /** Fills the log with a seeded demo history through the command path; refused unless live. */
  generateDemoHistory(options: DemoHistoryOptions): Promise<DemoResult>;
}

export interface GatewayParts {
  runtime: Pick<ShopRuntime, 'engine' | 'dispatch' | 'log'>;
  timeline: TimelineStore;
  /** The active branch, which takes commands instead of the log. */
  branch: { readonly active: boolean; run(command: Command): Promise<UnchainedEvent[]> };
  /** Where a command sent to the log is remembered for undo, and the tag it carries for that (this device's). */
  undo: { readonly origin: string; record(events: readonly UnchainedEvent[]): void };
}

export class ShopCommandGateway implements CommandGateway {
  constructor(private readonly parts: GatewayParts) {}

  get readOnly(): boolean {
    const { cursor, branch, skips } = this.parts.timeline.getState();
    return !branch && (cursor !== null || skips.size > 0);
  }

  async send(command: Command): Promise<UnchainedEvent[]> {
    const { branch, runtime, undo } = this.parts;
    if (branch.active) return branch.run(command);
    this.refuseWhenReadOnly();
    const events = await runtime.engine.dispatch(command, undefined, undo.origin);
    undo.record(events);
    return events;
  }

  async sendAll(commands: readonly Command[]): Promise<UnchainedEvent[]> {
    const { branch, runtime } = this.parts;
    if (branch.active) {
      const events: UnchainedEvent[] = [];
      for (const command of commands) events.push(...(await branch.run(command)));
      return events;
    }
    this.refuseWhenReadOnly();
    return (await Promise.all(commands.map((command) => runtime.dispatch(command)))).flat();
  }

  assertLive(): void {
    this.refuseWhenReadOnly();
    if (this.parts.branch.active) throw new DomainError('in-branch', 'You are in a branch. Leave it to change the real shop.');
  }

  async generateDemoHistory(options: DemoHistoryOptions): Promise<DemoResult> {
    this.assertLive();
    // Loaded on demand: most visits never generate a demo history.
    const { generateDemoHistory } = await import('../demo');
    return generateDemoHistory(this.parts.runtime, options);
  }

  private refuseWhenReadOnly(): void {
    if (this.readOnly) {
      throw new DomainError('viewing-past', 'You are looking at the past. Return to the present (or start a branch) to make changes.');
    }
  }
}
