import type { Engine, StoredEvent } from '../es';
import { onCheckoutEvent, onPlaceOrderRejected, pendingCheckouts, type Command, type ShopState } from '../domain';

/**
 * Runs the shop's process managers on the event bus. Each follow-up command carries the event
 * that caused it, so the log can show the chain (checkout → order placed → stock reserved).
 */
export function runProcessManagers(
  engine: Engine<ShopState, Command>,
  /** Whether an event was pulled from another device through sync (that device sends its follow-ups); null: none is. */
  pulledFromElsewhere: () => ((eventId: string) => Promise<boolean>) | null = () => null,
): { resume(): void; stop(): void } {
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
    if (command?.type !== 'PlaceOrder') return;
    const cause = { causationId: event.id, correlationId: event.meta.correlationId };
    const pulled = pulledFromElsewhere();
    if (!pulled) placeOrder(command, cause);
    else
      void pulled(event.id).then(
        (elsewhere) => elsewhere || placeOrder(command, cause),
        () => placeOrder(command, cause),
      );
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
