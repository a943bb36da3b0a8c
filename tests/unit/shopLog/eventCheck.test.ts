import { describe, expect, it } from 'vitest';
import { checkShopEvent } from '../../../src/shopLog';
import { event, stored } from '../../support/spec';
import { line, mug } from '../../support/shopEvents';

const [returnedEvent] = stored([
  event('order-o1', 'ItemsReturned', { orderId: 'o1', returnId: 'r1', lines: [line(mug, 1)], refundedCents: 1250 }),
]);

describe('the history file checker and returns from the shop screens', () => {
  it('accepts an ItemsReturned event at its first schema version', () => {
    expect(checkShopEvent(returnedEvent!)).toBeNull();
  });

  it('refuses one with a refund below zero, or written by a newer build', () => {
    expect(checkShopEvent({ ...returnedEvent!, payload: { ...(returnedEvent!.payload as object), refundedCents: -1 } })).toMatch(
      /^its ItemsReturned payload is not valid at refundedCents/,
    );
    expect(checkShopEvent({ ...returnedEvent!, schemaVersion: 2 })).toBe(
      'it is ItemsReturned version 2, written by a newer version of Rewind',
    );
  });
});
