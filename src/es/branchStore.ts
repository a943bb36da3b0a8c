import Dexie, { type Table } from 'dexie';
import type { UnchainedEvent } from './envelope';

export interface BranchRecord {
  id: string;
  name: string;
  /** The log position the branch starts from. */
  basePosition: number;
  createdAt: string;
}

/** One command issued in a branch, with the events it produced there. */
export interface BranchEntry {
  branchId: string;
  n: number;
  command: unknown;
  /** 'user' commands are re-run when the branch is applied; follow-ups are re-derived then. */
  origin: 'user' | 'process';
  /** Not in the log, so not chained. */
  events: UnchainedEvent[];
}

class BranchDb extends Dexie {
  branches!: Table<BranchRecord, string>;
  entries!: Table<BranchEntry, [string, number]>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ branches: 'id', entries: '[branchId+n], branchId' });
  }
}

/**
 * What-if branches live in their own database: nothing a branch does can reach the event log,
 * and a branch survives reloads until it is applied or discarded.
 */
export class BranchStore {
  private readonly db: BranchDb;

  constructor(name: string) {
    this.db = new BranchDb(name);
  }

  async list(): Promise<BranchRecord[]> {
    return this.db.branches.toArray();
  }

  async create(record: BranchRecord): Promise<void> {
    await this.db.branches.add(record);
  }

  async entries(branchId: string): Promise<BranchEntry[]> {
    return this.db.entries.where('branchId').equals(branchId).sortBy('n');
  }

  /** Adds a command's entries atomically (a command and its follow-ups, or nothing). */
  async append(entries: BranchEntry[]): Promise<void> {
    await this.db.transaction('rw', this.db.entries, () => this.db.entries.bulkAdd(entries));
  }

  async remove(branchId: string): Promise<void> {
    await this.db.transaction('rw', this.db.branches, this.db.entries, async () => {
      await this.db.entries.where('branchId').equals(branchId).delete();
      await this.db.branches.delete(branchId);
    });
  }

  close(): void {
    this.db.close();
  }
}
