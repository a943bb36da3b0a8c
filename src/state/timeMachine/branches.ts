import type { BranchStore, UnchainedEvent } from '../../es';
import type { Command, evolve, onCheckoutEvent, onPlaceOrderRejected, shopDecider, ShopState } from '../../domain';
import type { CheckpointIndex, Sandbox } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';

const ACTIVE_BRANCH_KEY = 'rewind.activeBranch';

export type Memory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface BranchesParts {
  store: TimelineStore;
  checkpoints: CheckpointIndex<ShopState>;
  log: Pick<ShopRuntime['log'], 'readPositions'>;
  present: () => number;
  dbName: string;
  /** Where the active branch id is remembered across reloads. */
  memory: Memory;
  returnToPresent: () => void;
  /** Opens the branches' database (made by the caller, so that this file's chunk holds only its own code). */
  openStore: (dbName: string) => BranchStore;
  /** The shop's rules, passed in for the same reason. */
  shop: {
    decider: typeof shopDecider;
    evolve: typeof evolve;
    onCheckoutEvent: typeof onCheckoutEvent;
    onPlaceOrderRejected: typeof onPlaceOrderRejected;
  };
}

/** Sandboxes at a point of history whose commands are kept in a database of their own. */
export class Branches {
  private readonly saved: BranchStore;
  private sandbox: Sandbox<ShopState, Command> | null = null;

  constructor(private readonly parts: BranchesParts) {
    this.saved = parts.openStore(parts.dbName);
  }

  /** Whether commands go to a branch rather than the log. */
  get active(): boolean {
    return this.sandbox !== null;
  }

  /** Enters the branch remembered from the last visit, if it still exists. */
  async resume(): Promise<void> {
    await this.refresh();
    const active = this.parts.memory.getItem(ACTIVE_BRANCH_KEY);
    if (active) await this.enter(active).catch(() => this.parts.memory.removeItem(ACTIVE_BRANCH_KEY));
  }

  /** Starts a sandbox at the cursor (or the present): its commands never reach the log. */
  async start(name?: string): Promise<void> {
    const base = this.parts.store.getState().cursor ?? this.parts.present();
    const record = {
      id: crypto.randomUUID(),
      name: name?.trim() || `What if… from #${base}`,
      basePosition: base,
      createdAt: new Date().toISOString(),
    };
    await this.saved.create(record);
    await this.refresh();
    await this.enter(record.id);
  }

  async enter(branchId: string): Promise<void> {
    const record = (await this.saved.list()).find((b) => b.id === branchId);
    if (!record) throw new Error(`No branch ${branchId}.`);
    const baseState = await this.parts.checkpoints.stateAt(Math.min(record.basePosition, this.parts.present()));
    const entries = await this.saved.entries(branchId);
    const { Sandbox } = await import('../../timeline/onDemand');
    const { decider, evolve, onCheckoutEvent, onPlaceOrderRejected } = this.parts.shop;
    this.sandbox = new Sandbox<ShopState, Command>({
      branchId: record.id,
      basePosition: record.basePosition,
      baseState,
      decider,
      fold: evolve,
      followUp: (event) => onCheckoutEvent(event),
      context: () => ({ now: new Date().toISOString(), newId: () => crypto.randomUUID() }),
      entries,
      onFollowUpRejected: (command, error) => (isPlaceOrder(command) ? onPlaceOrderRejected(command, error) : null),
    });
    this.parts.memory.setItem(ACTIVE_BRANCH_KEY, branchId);
    const eventTimes = entries.flatMap((e) => e.events.map((event) => Date.parse(event.at)));
    this.parts.store.setState({ branch: { record, state: this.sandbox.current, eventCount: this.sandbox.eventCount, eventTimes } });
  }

  /** Decides a command in the active branch and keeps what it wrote there. */
  async run(command: Command): Promise<UnchainedEvent[]> {
    const sandbox = this.sandbox;
    if (!sandbox) throw new Error('No branch is active.');
    const entries = sandbox.run(command);
    await this.saved.append(entries);
    const { store } = this.parts;
    const branch = store.getState().branch!;
    const times = entries.flatMap((e) => e.events.map((event) => Date.parse(event.at)));
    store.setState({
      branch: { ...branch, state: sandbox.current, eventCount: sandbox.eventCount, eventTimes: [...branch.eventTimes, ...times] },
    });
    return entries.flatMap((e) => e.events);
  }

  leave(): void {
    this.sandbox = null;
    this.parts.memory.removeItem(ACTIVE_BRANCH_KEY);
    this.parts.store.setState({ branch: null });
  }

  async discard(): Promise<void> {
    const branch = this.parts.store.getState().branch;
    if (!branch) return;
    this.leave();
    await this.saved.remove(branch.record.id);
    await this.refresh();
    this.parts.store.setState({ notice: { kind: 'info', text: `Discarded “${branch.record.name}”.` } });
  }

  /** Re-runs the branch's own commands on the present through `send`, reporting each refusal. */
  async apply(send: (command: Command) => Promise<unknown>, describe: (error: unknown) => string): Promise<void> {
    const { store } = this.parts;
    const branch = store.getState().branch;
    if (!branch) return;
    const entries = (await this.saved.entries(branch.record.id)).filter((e) => e.origin === 'user');
    this.leave();
    this.parts.returnToPresent();
    const refusals: string[] = [];
    let applied = 0;
    for (const entry of entries) {
      try {
        await send(entry.command as Command);
        applied += 1;
      } catch (error) {
        refusals.push(`${(entry.command as Command).type}: ${describe(error)}`);
      }
    }
    await this.saved.remove(branch.record.id);
    await this.refresh();
    store.setState({
      notice: {
        kind: refusals.length ? 'error' : 'info',
        text: `Applied “${branch.record.name}”: ${applied} of ${entries.length} commands accepted${refusals.length ? `, ${refusals.length} refused` : ''}.`,
        details: refusals,
      },
    });
  }

  close(): void {
    this.saved.close();
  }

  private async refresh(): Promise<void> {
    const branches = await this.saved.list();
    const bases = await this.parts.log.readPositions(branches.map((b) => b.basePosition).filter((p) => p > 0));
    this.parts.store.setState({ branches, branchMarks: bases.map((e) => Date.parse(e.at)) });
  }
}

function isPlaceOrder(command: unknown): command is Extract<Command, { type: 'PlaceOrder' }> {
  return (command as { type?: string } | null)?.type === 'PlaceOrder';
}
