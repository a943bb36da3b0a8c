import type { StoredEvent } from './envelope';

export type EventHandler = (event: StoredEvent) => void;

/**
 * Tells subscribers of every event once it is durable, in log order. A failing subscriber is
 * reported and does not stop the others: the events are already committed.
 */
export class EventBus {
  private readonly handlers = new Set<EventHandler>();

  constructor(private readonly onHandlerError: (error: unknown, event: StoredEvent) => void = reportToConsole) {}

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  publish(events: readonly StoredEvent[]): void {
    for (const event of events) {
      for (const handler of this.handlers) {
        try {
          handler(event);
        } catch (error) {
          this.onHandlerError(error, event);
        }
      }
    }
  }
}

function reportToConsole(error: unknown, event: StoredEvent): void {
  console.error(`Event handler failed on #${event.seq} ${event.type}`, error);
}
