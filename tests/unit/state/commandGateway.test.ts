import { afterEach, describe, expect, it } from 'vitest';
import { sampleShopCommands } from '../../../src/domain';
import { closeShops, openShop } from '../../support/openShop';

const noMemory = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
const shop = () => openShop({ interval: 4, memory: noMemory });

afterEach(closeShops);

const addMug = { type: 'AddItemToCart', customerId: 'ada', sku: 'MUG-BLUE', quantity: 1 } as const;

describe('the command gateway', () => {
  it('writes commands sent together in one go, without an undo entry; a single command can be undone', async () => {
    const { runtime, machine } = await shop();
    const events = await machine.commands.sendAll(sampleShopCommands());
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(machine.store.getState().undoable).toBe(0);
    await machine.commands.send(addMug);
    expect(machine.store.getState().undoable).toBe(1);
    expect(await runtime.log.count()).toBe(9);
  });

  it('refuses every kind of write while looking at the past', async () => {
    const { runtime, machine } = await shop();
    await machine.commands.sendAll(sampleShopCommands());
    await machine.moveTo(4);
    expect(machine.commands.readOnly).toBe(true);
    await expect(machine.commands.send(addMug)).rejects.toMatchObject({ code: 'viewing-past' });
    await expect(machine.commands.sendAll([addMug])).rejects.toMatchObject({ code: 'viewing-past' });
    await expect(machine.commands.generateDemoHistory({ events: 10 })).rejects.toMatchObject({ code: 'viewing-past' });
    expect(() => machine.commands.assertLive()).toThrow(expect.objectContaining({ code: 'viewing-past' }));
    expect(await runtime.log.count()).toBe(8);
  });

  it('routes commands into an open branch, never to the log', async () => {
    const { runtime, machine } = await shop();
    await machine.commands.sendAll(sampleShopCommands());
    await machine.moveTo(8);
    await machine.startBranch('Try');
    expect(machine.commands.readOnly).toBe(false);
    await machine.commands.send(addMug);
    await machine.commands.sendAll([{ ...addMug, customerId: 'grace' }]);
    expect(machine.store.getState().branch!.eventCount).toBe(2);
    expect(machine.store.getState().undoable).toBe(0);
    expect(() => machine.commands.assertLive()).toThrow(expect.objectContaining({ code: 'in-branch' }));
    expect(await runtime.log.count()).toBe(8);
  });
});
