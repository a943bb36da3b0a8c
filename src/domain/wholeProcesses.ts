import { DomainError, type DecideContext, type PendingEvent } from '../es';
import { onPlaceOrderRejected } from './checkoutProcess';
import type { EntityKind } from './collections';
import type { Command } from './commands';
import { namesFrom } from './sentences';
import { decide, evolve } from './shop';
import type { Cart, ShopState } from './state';

/** How one process caught half-way was finished, in a sentence for people. */
export interface ProcessOutcome {
  process: 'checkout';
  outcome: 'completed' | 'cancelled';
  sentence: string;
}

/** A state with no process left half-way, what was done to get there, and the entities that changed. */
export interface WholeState {
  state: ShopState;
  outcomes: ProcessOutcome[];
  touched: Array<{ kind: EntityKind; id: string }>;
}

export interface Finishing extends Pick<DecideContext, 'now' | 'newId'> {
  /**
   * Where the present lists an order (restore and undo pass it): checkouts whose orders it has
   * are finished first, in its order, so those orders keep their places and numbers.
   */
  listedAt?: (orderId: string) => number | undefined;
}

/**
 * Finishes every process `state` holds half-way, as its process manager would have: the point a
 * restore or an undo sets the shop to becomes whole, so nothing waits for a follow-up command
 * that will never come (docs/decisions/013-whole-processes-on-restore-and-undo.md).
 */
export function wholeProcesses(state: ShopState, context: Finishing): WholeState {
  return finishCheckouts(state, context);
}

/**
 * A checkout waiting for its order is placed when PlaceOrder would place it there (stock
 * reserved, cart emptied), and cancelled with PlaceOrder's refusal otherwise. Oldest request
 * first, after those the present already lists.
 */
function finishCheckouts(state: ShopState, context: Finishing): WholeState {
  const listed = (c: Cart) => context.listedAt?.(c.pendingCheckout!.checkoutId) ?? Infinity;
  const waiting = [...state.carts.values()]
    .filter((c) => c.pendingCheckout)
    .sort((a, b) => (listed(a) === listed(b) ? byRequest(a, b) : listed(a) < listed(b) ? -1 : 1));
  const whole: WholeState = { state, outcomes: [], touched: [] };
  for (const cart of waiting) {
    const { customerId } = cart;
    const { checkoutId, lines } = cart.pendingCheckout!;
    const place: Extract<Command, { type: 'PlaceOrder' }> = { type: 'PlaceOrder', customerId, checkoutId };
    const who = namesFrom(whole.state).customer(customerId);
    let outcome: ProcessOutcome;
    try {
      whole.state = fold(whole.state, decide(whole.state, place, context), context.now);
      const order = whole.state.orders.get(checkoutId);
      // PlaceOrder places nothing over an order of that id: the checkout cannot finish as one.
      if (!order) throw new DomainError('order-exists', 'its order already exists.', { checkoutId });
      outcome = { process: 'checkout', outcome: 'completed', sentence: `${who}'s checkout was completed as order #${order.number}.` };
    } catch (error) {
      const reject = onPlaceOrderRejected(place, error);
      if (!reject || !(error instanceof DomainError)) throw error;
      whole.state = fold(whole.state, decide(whole.state, reject, context), context.now);
      outcome = { process: 'checkout', outcome: 'cancelled', sentence: `${who}'s checkout was cancelled: ${error.message}` };
    }
    whole.outcomes.push(outcome);
    whole.touched.push({ kind: 'cart', id: customerId }, { kind: 'order', id: checkoutId });
    whole.touched.push(...lines.map((l) => ({ kind: 'product' as const, id: l.sku })));
  }
  return whole;
}

const byRequest = (a: Cart, b: Cart) =>
  a.pendingCheckout!.requestedAt.localeCompare(b.pendingCheckout!.requestedAt) ||
  a.pendingCheckout!.checkoutId.localeCompare(b.pendingCheckout!.checkoutId);

function fold(state: ShopState, events: readonly PendingEvent[], at: string): ShopState {
  return events.reduce(
    (s, e) =>
      evolve(s, {
        seq: 0,
        version: 0,
        at: e.at ?? at,
        schemaVersion: e.schemaVersion ?? 1,
        type: e.type,
        streamId: e.streamId,
        payload: e.payload,
      }),
    state,
  );
}
