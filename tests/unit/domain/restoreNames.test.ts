import { describe, expect, it } from 'vitest';
import { decide, describeEvent, evolve, namesFrom, type Command } from '../../../src/domain';
import { fold, stored, type SpecEvent } from '../../support/spec';
import { adaOrderedTwoMugs } from '../../support/shopEvents';

/** An undo that removes an entity: once it is gone, only the event can say what it was called. */
describe('compensating events name what they remove', () => {
  const before = fold(adaOrderedTwoMugs());
  const orderId = [...before.orders.keys()][0]!;
  const undo = {
    type: 'RestoreEntities',
    entities: [{ kind: 'order', id: orderId, value: null, basedOn: 1 }],
    restoredTo: 3,
    purpose: 'undo',
  } as unknown as Command;

  it('records the title of a removed entity and reads it back after it is gone', () => {
    const [event] = decide(before, undo, { now: '2026-06-01T10:00:00.000Z', newId: () => 'x' });
    expect(event!.payload).toMatchObject({ orderId, order: null, was: 'Order #1' });
    const [placed] = stored([{ streamId: event!.streamId, type: event!.type, payload: event!.payload } as SpecEvent], 100);
    const after = evolve(before, placed!);
    expect(after.orders.has(orderId)).toBe(false);
    expect(describeEvent(placed!, namesFrom(after))).toBe('Undo: Order #1 removed');
  });

  it('still reads an older removal that carries no title, by what the states know', () => {
    const [placed] = stored(
      [{ streamId: `order-${orderId}`, type: 'OrderRestored', payload: { orderId, order: null, restoredTo: 3, purpose: 'undo' } }],
      100,
    );
    expect(describeEvent(placed!, namesFrom(before))).toBe('Undo: order #1 removed');
  });
});
