import type { StoredEvent } from '../es';

export interface CommandNode {
  commandId: string;
  /** The event that caused this command (a process manager's reaction); null for a person's command. */
  causedBy: string | null;
  events: StoredEvent[];
  /** Commands caused by one of this command's events. */
  children: CommandNode[];
}

/**
 * Arranges one chain's events (same correlation id) as the tree of commands that produced them:
 * a person's command, the events it wrote, the follow-up commands those events caused, and so on.
 */
export function causationTree(chain: readonly StoredEvent[]): CommandNode[] {
  const nodes = new Map<string, CommandNode>();
  for (const event of chain) {
    let node = nodes.get(event.meta.commandId);
    if (!node) {
      node = { commandId: event.meta.commandId, causedBy: event.meta.causationId, events: [], children: [] };
      nodes.set(event.meta.commandId, node);
    }
    node.events.push(event);
  }
  const ownerOfEvent = new Map<string, CommandNode>();
  for (const node of nodes.values()) for (const e of node.events) ownerOfEvent.set(e.id, node);
  const roots: CommandNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.causedBy ? ownerOfEvent.get(node.causedBy) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
