import { DomainError, type UnchainedEvent } from '../es';
import type { Command } from './commands';
import type { ShopState } from './state';

/**
 * The checkout process manager, like the seeds' order component listening to cart events:
 * a checkout request becomes a PlaceOrder command. If that command is refused, the refusal is
 * recorded on the cart, so the customer sees why and may try again.
 */
export function onCheckoutEvent(event: UnchainedEvent): Command | null {
  if (event.type !== 'CheckoutRequested') return null;
  const { customerId, checkoutId } = event.payload as { customerId: string; checkoutId: string };
  return { type: 'PlaceOrder', customerId, checkoutId };
}

/** The command that records why PlaceOrder was refused; null when the failure was not a rule. */
export function onPlaceOrderRejected(command: Extract<Command, { type: 'PlaceOrder' }>, error: unknown): Command | null {
  if (!(error instanceof DomainError)) return null;
  return { type: 'RejectCheckout', customerId: command.customerId, checkoutId: command.checkoutId, reason: error.message };
}

/** Checkouts still waiting for an outcome (a tab closed mid-way): resume them at start-up. */
export function pendingCheckouts(state: ShopState): Command[] {
  const commands: Command[] = [];
  for (const cart of state.carts.values()) {
    if (cart.pendingCheckout)
      commands.push({ type: 'PlaceOrder', customerId: cart.customerId, checkoutId: cart.pendingCheckout.checkoutId });
  }
  return commands;
}
