import { describe, expect, it } from 'vitest';
import { decide, parseCommand, type Order, type OrderStatus } from '../../../src/domain';
import { DomainError } from '../../../src/es';
import { whyOrderCannot } from '../../../src/domain';
import { fixedContext, fold } from '../../support/spec';
import { adaOrderedTwoMugs } from '../../support/shopEvents';

const order = (status: OrderStatus): Order => ({ ...fold(adaOrderedTwoMugs()).orders.get('o1')!, status });
const commandOf = { pay: 'PayOrder', ship: 'ShipOrder', cancel: 'CancelOrder' } as const;

describe('whyOrderCannot', () => {
  it.each([
    ['placed', { pay: null, ship: 'Order #1 cannot ship: it is not paid yet.', cancel: null }],
    ['paid', { pay: 'Order #1 cannot be paid: it is already paid.', ship: null, cancel: null }],
    [
      'shipped',
      {
        pay: 'Order #1 cannot be paid: it has already shipped.',
        ship: 'Order #1 cannot ship: it has already shipped.',
        cancel: 'Order #1 cannot be cancelled: it has already shipped.',
      },
    ],
    [
      'cancelled',
      {
        pay: 'Order #1 cannot be paid: it was cancelled.',
        ship: 'Order #1 cannot ship: it was cancelled.',
        cancel: 'Order #1 cannot be cancelled: it was cancelled.',
      },
    ],
  ] as const)('says, for a %s order, what the decider says', (status, expected) => {
    for (const action of ['pay', 'ship', 'cancel'] as const) {
      const o = order(status);
      expect(whyOrderCannot(o, action)).toBe(expected[action]);
      // The decider refuses with the same sentence, or accepts when there is none.
      const state = fold(adaOrderedTwoMugs());
      const withStatus = { ...state, orders: state.orders.set('o1', o) };
      let refusal: string | null = null;
      try {
        decide(withStatus, parseCommand({ type: commandOf[action], orderId: 'o1' }), fixedContext());
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        refusal = (error as DomainError).message;
      }
      expect(refusal).toBe(expected[action]);
    }
  });

  it('lets only a shipped order with units left take a return', () => {
    expect(whyOrderCannot(order('paid'), 'return')).toBe('Order #1 cannot take a return: it has not shipped yet.');
    expect(whyOrderCannot(order('shipped'), 'return')).toBeNull();
    const allBack = {
      ...order('shipped'),
      returns: [{ returnId: 'r1', lines: order('shipped').lines, refundedCents: 2500, returnedAt: '' }],
    };
    expect(whyOrderCannot(allBack, 'return')).toBe('Order #1 cannot take a return: every item was returned already.');
  });
});
