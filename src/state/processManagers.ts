import type { Engine, StoredEvent } from '../es';
import { onCheckoutEvent, onPlaceOrderRejected, pendingCheckouts, type Command, type ShopState } from '../domain';

/**
 * Runs the shop's process managers on the event bus. Each follow-up command carries the event
 * that caused it, so the log can show the chain (checkout → order placed → stock reserved).
 */
export function runProcessManagers(engine: Engine<ShopState, Command>): { resume(): void; stop(): void } {
  const placeOrder = (command: Extract<Command, { type: 'PlaceOrder' }>, cause: { causationId: string; correlationId: string }) => {
    engine.dispatch(command, cause).catch((error: unknown) => {
      const followUp = onPlaceOrderRejected(command, error);
      if (!followUp) {
        console.error('Checkout could not be completed', error);
        return;
      }
      engine.dispatch(followUp, cause).catch((e: unknown) => console.error('Checkout refusal not recorded', e));
    });
  };

  const unsubscribe = engine.bus.subscribe((event: StoredEvent) => {
    const command = onCheckoutEvent(event);
    if (command?.type === 'PlaceOrder') placeOrder(command, { causationId: event.id, correlationId: event.meta.correlationId });
  });

  return {
    /** Picks up checkouts a closed tab left waiting. */
    resume() {
      for (const command of pendingCheckouts(engine.projection.state)) {
        if (command.type === 'PlaceOrder') placeOrder(command, { causationId: command.checkoutId, correlationId: command.checkoutId });
      }
    },
    stop: unsubscribe,
  };
}
